// Binding emulation results to the program they ran: fingerprint, trace check, element location.
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

std::vector<std::string> locate_output_element(const KernelResult& kernel, int64_t row, int64_t col,
                                               std::optional<CoreXY>& core) {
  std::vector<std::string> out;
  auto wp = ir::get_work_partition(kernel.module);
  std::optional<ir::BufferLayout> layout;  // the output buffer the host program checks
  for (const ir::BufferLayout& l : ir::all_buffer_layouts(kernel.module)) {
    if (!layout && (l.role == "output" || l.role == "inout") && l.tile.size() == 2) layout = l;
  }
  const std::string c_name = layout ? layout->name : std::string("the output");
  if (!wp || !layout || wp->block_grid.size() != 2 || wp->block_tiles.size() != 2 || layout->tile[0] <= 0 ||
      layout->tile[1] <= 0 || wp->block_tiles[0] <= 0 || wp->block_tiles[1] <= 0) {
    out.push_back("first wrong element: " + c_name + "[" + std::to_string(row) + ", " + std::to_string(col) + "]");
    return out;
  }
  const int64_t tile_r = row / layout->tile[0], tile_c = col / layout->tile[1];
  const int64_t by = tile_r / wp->block_tiles[0], bx = tile_c / wp->block_tiles[1];
  const int64_t block = by * wp->block_grid[1] + bx;
  out.push_back("first wrong element: " + c_name + "[" + std::to_string(row) + ", " + std::to_string(col) +
                "], tile (" + std::to_string(tile_r) + ", " + std::to_string(tile_c) + "), block (bx " +
                std::to_string(bx) + ", by " + std::to_string(by) + ") = linear block " + std::to_string(block));
  for (const ir::CoreWork& c : wp->cores) {
    if (block >= c.start && block < c.start + c.count) {
      core = CoreXY{c.x, c.y};
      out.push_back("computed by core (" + std::to_string(c.x) + ", " + std::to_string(c.y) + "), blocks [" +
                    std::to_string(c.start) + ", " + std::to_string(c.start + c.count) + ")");
      break;
    }
  }
  return out;
}

}  // namespace tt::viewer
