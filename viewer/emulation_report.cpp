// Binding emulation results to the program they ran: fingerprint and trace check.
#include "viewer/emulation_report.h"

#include <map>
#include <set>

#include "compiler/ir/tt_metadata.h"

namespace tt::viewer {

uint64_t kernel_fingerprint(const KernelResult& kernel) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a over every artifact's name and text
  auto mix = [&h](const std::string& s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xff;
    h *= 1099511628211ull;
  };
  mix(kernel.name);
  for (const Artifact& a : kernel.artifacts) {
    mix(a.name);
    mix(a.text);
  }
  return h;
}

std::string trace_mismatch(const EmuTrace& trace, const KernelResult& kernel) {
  std::map<int, ir::CircularBuffer> cbs;
  for (const ir::CircularBuffer& cb : ir::all_circular_buffers(kernel.module)) cbs[cb.index] = cb;
  std::set<std::pair<int64_t, int64_t>> busy;
  if (auto wp = ir::get_work_partition(kernel.module)) {
    for (const ir::CoreWork& c : wp->cores) {
      if (c.count > 0) busy.insert({c.x, c.y});
    }
  }
  std::set<std::pair<int64_t, int64_t>> traced;
  for (const CbTimeline& t : trace.cbs) {
    auto it = cbs.find(t.index);
    const std::string where = "core (" + std::to_string(t.core.x) + ", " + std::to_string(t.core.y) + ")";
    if (it == cbs.end())
      return "the trace has CB c_" + std::to_string(t.index) + " on " + where + "; this compile has none";
    if (!t.name.empty() && t.name != it->second.name) {
      return "CB c_" + std::to_string(t.index) + " is '" + t.name + "' in the trace, '" + it->second.name +
             "' in this compile";
    }
    if (t.num_pages != static_cast<uint64_t>(it->second.num_pages)) {
      return "CB c_" + std::to_string(t.index) + " (" + it->second.name + ") has " + std::to_string(t.num_pages) +
             " pages in the trace, " + std::to_string(it->second.num_pages) + " in this compile";
    }
    if (!busy.count({t.core.x, t.core.y}))
      return "the trace has CBs on " + where + ", which has no work in this compile";
    traced.insert({t.core.x, t.core.y});
  }
  for (const auto& [x, y] : busy) {
    if (!traced.count({x, y})) {
      return "core (" + std::to_string(x) + ", " + std::to_string(y) +
             ") has work in this compile but no CBs in the trace";
    }
  }
  return "";
}

}  // namespace tt::viewer
