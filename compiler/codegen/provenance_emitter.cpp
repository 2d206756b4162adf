// provenance.json from the per-line spans the emitters recorded.
#include "compiler/codegen/provenance_emitter.h"

#include <algorithm>

#include "compiler/codegen/json_format.h"

namespace tt::codegen {

Artifact emit_provenance(const std::vector<Artifact>& artifacts, const std::string& source_name) {
  using nlohmann::ordered_json;
  ordered_json files = ordered_json::object();
  for (const Artifact& a : artifacts) {
    ordered_json lines = ordered_json::array();
    for (size_t i = 0; i < a.provenance.size(); ++i) {
      const SourceSpan& s = a.provenance[i];
      if (!s.valid()) continue;
      lines.push_back(ordered_json{{"line", i + 1},
                                   {"begin", ordered_json::array({s.begin.line, s.begin.col})},
                                   {"end", ordered_json::array({s.end.line, s.end.col})}});
    }
    files[a.name] = lines;
  }
  std::string text = format_json(ordered_json{{"source", source_name}, {"artifacts", files}});
  size_t count = static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  return Artifact{"provenance.json", std::move(text), std::vector<SourceSpan>(count)};
}

}  // namespace tt::codegen
