// Core grid geometry without a window: fitting to scale, hit-testing, load summary, colors; and
// the L1 breakdown arithmetic.
#include <gtest/gtest.h>

#include "viewer/core_grid_layout.h"
#include "viewer/l1_breakdown.h"
#include "viewer_fixture.h"

namespace tt::viewer {
namespace {

TEST(CoreGridLayout, FitsSquareCellsCentered) {
  GridLayout l = layout_core_grid(8, 8, {0, 0, 400, 200});
  EXPECT_EQ(l.cell, 25.0f);  // limited by the height
  EXPECT_EQ(l.origin_x, 100.0f);
  EXPECT_EQ(l.origin_y, 0.0f);
  GridLayout wide = layout_core_grid(13, 10, {10, 20, 260, 400});
  EXPECT_EQ(wide.cell, 20.0f);  // limited by the width
  EXPECT_EQ(wide.bounds().w, 260.0f);
}

TEST(CoreGridLayout, HitTestingFindsCoresAndMissesGaps) {
  GridLayout l = layout_core_grid(8, 8, {0, 0, 400, 200});
  Rect r = l.core_rect(3, 5);
  EXPECT_EQ(hit_test(l, r.x + 1, r.y + 1), (CoreXY{3, 5}));
  EXPECT_EQ(hit_test(l, r.x + r.w - 1, r.y + r.h - 1), (CoreXY{3, 5}));
  EXPECT_FALSE(hit_test(l, r.x - l.gap * 0.5f + 0.1f, r.y + 1).has_value());  // in the gap
  EXPECT_FALSE(hit_test(l, 50, 50).has_value());                              // left of the grid
  EXPECT_FALSE(hit_test(l, 399, 199.5f + 10).has_value());                    // below it
  EXPECT_EQ(hit_test(l, l.origin_x + 0.5f * l.cell, l.origin_y + 7.5f * l.cell), (CoreXY{0, 7}));
}

TEST(CoreGridLayout, LoadSummaryAndColors) {
  SourceFile src("k.py", testing::fixture_source());
  CompileResult r = testing::make_gemm_result(src, 100);
  auto wp = ir::get_work_partition(r.kernels[0].module);
  ASSERT_TRUE(wp.has_value());
  GridLoad g = summarize_load(*wp);
  EXPECT_EQ(g.total, 100);
  EXPECT_EQ(g.busy, 64);
  EXPECT_EQ(g.min_count, 1);
  EXPECT_EQ(g.max_count, 2);
  ASSERT_NE(g.find({3, 4}), nullptr);
  EXPECT_EQ(g.find({3, 4})->count, 2);  // core 35 of 64: the first 36 take the extra block
  EXPECT_EQ(g.find({7, 7})->count, 1);

  GridLoad sparse = summarize_load(*ir::get_work_partition(testing::make_gemm_result(src, 40).kernels[0].module));
  EXPECT_EQ(sparse.idle, 24);
  EXPECT_EQ(sparse.busy, 40);
  Rgba idle = core_color(0, 1, 2), low = core_color(1, 1, 2), high = core_color(2, 1, 2);
  EXPECT_NE(idle.r, low.r);
  EXPECT_NE(low.r, high.r);
}

TEST(L1Breakdown, StacksReservedAndCbsAndFlagsOverflow) {
  DeviceModel d = testing::fixture_device();
  ir::CircularBuffer a{"A_shared", 0, "float16", "Float16", 2048, 4, 3, 12, 24576, "input", "reader", "compute", {}};
  ir::CircularBuffer c{"C_local", 24,    "float32",      "Float32", 4096,     16, 1,
                       16,        65536, "intermediate", "compute", "writer", {}};
  L1Breakdown b = compute_l1_breakdown(d, {a, c});
  ASSERT_EQ(b.segments.size(), 3u);
  EXPECT_EQ(b.segments[0].label, "reserved");
  EXPECT_EQ(b.segments[1].offset, d.l1_reserved_bytes);
  EXPECT_EQ(b.segments[2].offset, d.l1_reserved_bytes + 24576);
  EXPECT_EQ(b.used_bytes, d.l1_reserved_bytes + 24576 + 65536);
  EXPECT_FALSE(b.overflow);
  EXPECT_NEAR(b.segments[2].percent, 100.0 * 65536 / d.l1_bytes, 1e-9);

  ir::CircularBuffer huge{"big", 2,       "float32",      "Float32", 4096,     400, 1,
                          400,   1638400, "intermediate", "compute", "writer", {}};
  L1Breakdown over = compute_l1_breakdown(d, {a, huge});
  EXPECT_TRUE(over.overflow);
  EXPECT_LT(over.free_bytes, 0);
  EXPECT_FALSE(over.segments[1].overflows);
  EXPECT_TRUE(over.segments[2].overflows);
  EXPECT_EQ(format_bytes(24576), "24.0 KiB");
  EXPECT_EQ(format_bytes(512), "512 B");
  EXPECT_EQ(format_bytes(1499136), "1.43 MiB");
}

}  // namespace
}  // namespace tt::viewer
