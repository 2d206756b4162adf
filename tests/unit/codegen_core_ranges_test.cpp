// merge_core_rects: active cores as disjoint rectangles (rows merged downwards).
#include <gtest/gtest.h>

#include "compiler/codegen/core_ranges.h"

namespace tt::codegen {
namespace {

std::vector<std::pair<int64_t, int64_t>> first_n(int64_t n, int64_t gx) {
  std::vector<std::pair<int64_t, int64_t>> out;
  for (int64_t i = 0; i < n; ++i) out.emplace_back(i % gx, i / gx);
  return out;
}

TEST(CoreRanges, FullRowsMergeIntoOneRectangle) {
  EXPECT_EQ(merge_core_rects(first_n(64, 8)), (std::vector<CoreRect>{{0, 0, 8, 8}}));
}

TEST(CoreRanges, PartialLastRowIsItsOwnRectangle) {
  EXPECT_EQ(merge_core_rects(first_n(20, 8)), (std::vector<CoreRect>{{0, 0, 8, 2}, {0, 2, 4, 1}}));
}

TEST(CoreRanges, GapsSplitRunsAndOrderDoesNotMatter) {
  std::vector<std::pair<int64_t, int64_t>> cores{{3, 1}, {0, 0}, {1, 0}, {3, 0}, {0, 1}, {1, 1}, {0, 3}};
  EXPECT_EQ(merge_core_rects(cores),
            (std::vector<CoreRect>{{0, 0, 2, 2}, {3, 0, 1, 2}, {0, 3, 1, 1}}));
  EXPECT_TRUE(merge_core_rects({}).empty());
}

}  // namespace
}  // namespace tt::codegen
