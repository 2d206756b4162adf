// Selection updates and source-line <-> derived-line linking.
#include "viewer/selection.h"

#include <limits>

namespace tt::viewer {

void Selection::touch(SelectionOrigin from) {
  ++version;
  origin = from;
}

void Selection::select_source_line(uint32_t line, SelectionOrigin from) {
  source = line ? LineRange{line, line} : LineRange{};
  ir_line = -1;
  artifact.clear();
  artifact_line = -1;
  touch(from);
}

void Selection::select_ir_line(int line, const std::vector<SourceSpan>& line_spans, SelectionOrigin from) {
  source = source_of_line(line_spans, line);
  ir_line = line;
  artifact.clear();
  artifact_line = -1;
  touch(from);
}

void Selection::select_artifact_line(const std::string& name, int line, const std::vector<SourceSpan>& provenance,
                                     SelectionOrigin from) {
  source = source_of_line(provenance, line);
  ir_line = -1;
  artifact = name;
  artifact_line = line;
  touch(from);
}

void Selection::select_core(std::optional<CoreXY> c, SelectionOrigin from) {
  core = c;
  touch(from);
}

void Selection::select_cb(int index, SelectionOrigin from) {
  cb = index;
  touch(from);
}

void Selection::select_pass(int index, SelectionOrigin from) {
  pass = index;
  ir_line = -1;
  touch(from);
}

LineRange source_lines_of(const SourceSpan& span) {
  if (!span.valid()) return {};
  uint32_t last = span.begin.line;
  if (span.end.valid() && span.end.line > span.begin.line) last = span.end.col <= 1 ? span.end.line - 1 : span.end.line;
  return {span.begin.line, last};
}

std::vector<size_t> lines_derived_from(const std::vector<SourceSpan>& line_spans, uint32_t source_line) {
  std::vector<size_t> out;
  if (source_line == 0) return out;
  uint32_t best = std::numeric_limits<uint32_t>::max();
  for (size_t i = 0; i < line_spans.size(); ++i) {
    LineRange r = source_lines_of(line_spans[i]);
    if (!r.contains(source_line)) continue;
    uint32_t extent = r.last - r.first;
    if (extent < best) {
      best = extent;
      out.clear();
    }
    if (extent == best) out.push_back(i);
  }
  return out;
}

LineRange source_of_line(const std::vector<SourceSpan>& line_spans, int line) {
  if (line < 0 || static_cast<size_t>(line) >= line_spans.size()) return {};
  return source_lines_of(line_spans[static_cast<size_t>(line)]);
}

}  // namespace tt::viewer
