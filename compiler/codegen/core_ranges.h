// Active cores as rectangles: the plan's `core_ranges` and the host program's CoreRangeSet.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace tt::codegen {

struct CoreRect {
  int64_t x = 0, y = 0;    // start core
  int64_t ex = 1, ey = 1;  // extent in cores
  friend bool operator==(const CoreRect&, const CoreRect&) = default;
};

// Covers exactly the given cores with disjoint rectangles: maximal runs of consecutive x in each row,
// merged downwards while the next row has the same run. Deterministic (input order does not matter);
// rectangles come out ordered by start row, then start column.
std::vector<CoreRect> merge_core_rects(std::vector<std::pair<int64_t, int64_t>> cores);

}  // namespace tt::codegen
