// analyze_output(): the first mismatches in row-major order, the |err| histogram by decade and the
// per-tile counts, on small matrices whose errors are placed by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "output_errors.h"

namespace ttemu {
namespace {

TEST(OutputErrors, FirstMismatchesHistogramAndTilesOfHandPlacedErrors) {
  // 4 x 6 output in tiles of 2 x 3: a 2 x 2 tile grid.
  const std::uint32_t rows = 4, cols = 6;
  std::vector<double> want(rows * cols, 1.0), got = want;
  got[0 * cols + 1] = 1.0 + 5e-7;                                // within tolerance: bucket (0, 1e-6)
  got[1 * cols + 4] = 1.5;                                       // mismatch, tile (0, 1), bucket [0.1, 1)
  got[3 * cols + 0] = 1.0 + 2e-3;                                // within tolerance: bucket [1e-3, 1e-2)
  got[2 * cols + 5] = 13.0;                                      // mismatch, tile (1, 1), bucket >= 10
  got[3 * cols + 5] = std::numeric_limits<double>::quiet_NaN();  // mismatch, tile (1, 1)
  const OutputErrors o = analyze_output("C", got, want, rows, cols, 1e-2, 1e-2, 2, 3);
  EXPECT_EQ(o.checked, 24u);
  EXPECT_EQ(o.mismatches, 3u);
  ASSERT_EQ(o.first.size(), 3u);
  EXPECT_EQ(o.first[0].row, 1u);
  EXPECT_EQ(o.first[0].col, 4u);
  EXPECT_EQ(o.first[0].got, 1.5);
  EXPECT_EQ(o.first[1].row, 2u);
  EXPECT_EQ(o.first[1].col, 5u);
  EXPECT_EQ(o.first[2].row, 3u);
  EXPECT_TRUE(std::isnan(o.first[2].got));
  EXPECT_DOUBLE_EQ(o.mean_abs_want, 1.0);
  EXPECT_TRUE(std::isinf(o.max_abs_error));

  EXPECT_EQ(o.histogram.exact, 19u);
  EXPECT_EQ(o.histogram.non_finite, 1u);
  ASSERT_EQ(o.histogram.counts.size(), 9u);  // (0, 1e-6), 1e-6 .. 1, >= 10
  EXPECT_EQ(o.histogram.counts[0], 1u);
  EXPECT_EQ(o.histogram.counts[4], 1u);  // [1e-3, 1e-2)
  EXPECT_EQ(o.histogram.counts[6], 1u);  // [0.1, 1)
  EXPECT_EQ(o.histogram.counts[8], 1u);  // >= 10
  EXPECT_EQ(bucket_label(o.histogram, 0), "0 < |err| < 1e-06");
  EXPECT_EQ(bucket_label(o.histogram, 4), "0.001 <= |err| < 0.01");
  EXPECT_EQ(bucket_label(o.histogram, 8), "|err| >= 10");

  EXPECT_EQ(o.tiles_y, 2u);
  EXPECT_EQ(o.tiles_x, 2u);
  EXPECT_EQ(o.tile_mismatches, (std::vector<std::uint32_t>{0, 1, 0, 2}));
  EXPECT_NEAR(o.tile_max_error[0], 5e-7, 1e-12);
  EXPECT_NEAR(o.tile_max_error[1], 0.5, 1e-12);
  EXPECT_NEAR(o.tile_max_error[2], 2e-3, 1e-12);
  EXPECT_TRUE(std::isinf(o.tile_max_error[3]));
}

TEST(OutputErrors, OnlyTheFirstFiveMismatchesAreKept) {
  std::vector<double> want(64, 0.0), got(64, 1.0);
  const OutputErrors o = analyze_output("C", got, want, 8, 8, 0, 0);
  EXPECT_EQ(o.mismatches, 64u);
  ASSERT_EQ(o.first.size(), kFirstMismatches);
  EXPECT_EQ(o.first[4].col, 4u);
  EXPECT_EQ(o.tiles_y, 1u);  // one partial 32 x 32 tile
  EXPECT_EQ(o.tile_mismatches[0], 64u);
}

}  // namespace
}  // namespace ttemu
