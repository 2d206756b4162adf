// Row-run merging of active cores into rectangles.
#include "compiler/codegen/core_ranges.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace tt::codegen {

std::vector<CoreRect> merge_core_rects(std::vector<std::pair<int64_t, int64_t>> cores) {
  // Sort by row, then column, and drop duplicates.
  std::sort(cores.begin(), cores.end(), [](const auto& a, const auto& b) {
    return std::tie(a.second, a.first) < std::tie(b.second, b.first);
  });
  cores.erase(std::unique(cores.begin(), cores.end()), cores.end());

  std::vector<CoreRect> done;
  std::map<std::pair<int64_t, int64_t>, CoreRect> open;  // (x0, x1) of a run -> rectangle ending on the last row
  size_t i = 0;
  while (i < cores.size()) {
    const int64_t y = cores[i].second;
    std::map<std::pair<int64_t, int64_t>, CoreRect> next;
    while (i < cores.size() && cores[i].second == y) {
      const int64_t x0 = cores[i].first;
      int64_t x1 = x0;
      while (i + 1 < cores.size() && cores[i + 1].second == y && cores[i + 1].first == x1 + 1) {
        ++i;
        ++x1;
      }
      ++i;
      auto it = open.find({x0, x1});
      if (it != open.end() && it->second.y + it->second.ey == y) {
        CoreRect r = it->second;
        ++r.ey;
        next[{x0, x1}] = r;
        open.erase(it);
      } else {
        next[{x0, x1}] = CoreRect{x0, y, x1 - x0 + 1, 1};
      }
    }
    for (const auto& [run, rect] : open) done.push_back(rect);  // not continued on this row
    open = std::move(next);
  }
  for (const auto& [run, rect] : open) done.push_back(rect);
  std::sort(done.begin(), done.end(), [](const CoreRect& a, const CoreRect& b) { return std::tie(a.y, a.x) < std::tie(b.y, b.x); });
  return done;
}

}  // namespace tt::codegen
