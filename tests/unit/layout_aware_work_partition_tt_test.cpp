// layout_aware_work_partition_tt: balanced partition (1/63/64/65/1000 blocks on 8x8, 13x10), the
// stamped partition and runtime-argument schema on IR, and the errors for sharded/uncovered outputs.
#include "compiler/passes/layout_aware_work_partition_tt.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "compiler/ir/tt_metadata.h"
#include "tests/unit/test_ir_builders.h"

namespace tt::test {
namespace {

using namespace ir;
using nlohmann::json;
using Headlines = std::vector<std::string>;

// Balanced (max - min <= 1), every block exactly once, starts contiguous in core order, cores in
// row-major order (x fastest), idle cores with count 0.
void expect_balanced(const std::vector<CoreWork>& cores, int64_t blocks, int64_t gx, int64_t gy) {
  ASSERT_EQ(static_cast<int64_t>(cores.size()), gx * gy);
  int64_t next = 0, lo = blocks, hi = 0;
  for (size_t i = 0; i < cores.size(); ++i) {
    const CoreWork& c = cores[i];
    EXPECT_EQ(c.x, static_cast<int64_t>(i) % gx);
    EXPECT_EQ(c.y, static_cast<int64_t>(i) / gx);
    EXPECT_EQ(c.start, next) << "core " << i;
    next += c.count;
    lo = std::min(lo, c.count);
    hi = std::max(hi, c.count);
  }
  EXPECT_EQ(next, blocks);
  EXPECT_LE(hi - lo, 1);
  const int64_t active = std::min(blocks, gx * gy);
  for (size_t i = static_cast<size_t>(active); i < cores.size(); ++i) {
    EXPECT_EQ(cores[i].count, 0) << "idle core " << i;
  }
}

class PartitionBlocks : public testing::TestWithParam<int64_t> {};

TEST_P(PartitionBlocks, BalancedOnWormhole8x8) {
  expect_balanced(passes::partition_blocks(GetParam(), 8, 8), GetParam(), 8, 8);
}
TEST_P(PartitionBlocks, BalancedOnBlackhole13x10) {
  expect_balanced(passes::partition_blocks(GetParam(), 13, 10), GetParam(), 13, 10);
}

INSTANTIATE_TEST_SUITE_P(Blocks, PartitionBlocks, testing::Values(1, 63, 64, 65, 1000, 130, 131));

TEST(PartitionBlocks, ExactCountsAndStarts) {
  auto p65 = passes::partition_blocks(65, 8, 8);
  EXPECT_EQ(p65[0].count, 2);
  EXPECT_EQ(p65[1].start, 2);
  EXPECT_EQ(p65[63].start, 64);
  EXPECT_EQ(p65[63].count, 1);
  auto p1000 = passes::partition_blocks(1000, 8, 8);  // 15 each, the first 40 cores one more
  EXPECT_EQ(p1000[39].count, 16);
  EXPECT_EQ(p1000[40].count, 15);
  EXPECT_EQ(p1000[40].start, 640);
  auto p1 = passes::partition_blocks(1, 8, 8);
  EXPECT_EQ(p1[0].count, 1);
  EXPECT_EQ(p1[1].count, 0);
  EXPECT_EQ(p1[1].start, 1);                         // an idle core's range is empty: [1, 1)
  auto bh = passes::partition_blocks(1000, 13, 10);  // 130 cores: 7 each, the first 90 one more
  EXPECT_EQ(bh[89].count, 8);
  EXPECT_EQ(bh[90].count, 7);
  EXPECT_EQ(bh[13].x, 0);
  EXPECT_EQ(bh[13].y, 1);
}

Module partitioned(Module m, const std::string& dev, DiagnosticList& diags) {
  run_through(m, "layout_aware_work_partition_tt", device(dev), diags);
  return m;
}

// Kernels whose T.Kernel grid has exactly `blocks` blocks: one-tile blocks in a (blocks x 1) grid.
class PartitionPass : public testing::TestWithParam<int64_t> {};

TEST_P(PartitionPass, StampsTheBalancedPartitionAndRuntimeArgs) {
  const int64_t blocks = GetParam();
  DiagnosticList diags;
  Module m = partitioned(make_gemm_module(32, 32 * blocks, 64, 32, 32, 32), "wormhole_n150", diags);
  ASSERT_TRUE(diags.empty()) << render_diagnostics(diags, example_gemm_source());
  auto wp = get_work_partition(m);
  ASSERT_TRUE(wp);
  EXPECT_EQ(wp->mode, "global");
  EXPECT_EQ(wp->grid_tiles, (std::vector<int64_t>{1, blocks}));
  EXPECT_EQ(wp->block_grid, (std::vector<int64_t>{1, blocks}));
  EXPECT_EQ(wp->block_tiles, (std::vector<int64_t>{1, 1}));
  EXPECT_EQ(wp->num_blocks, blocks);
  EXPECT_EQ(wp->tile_order, "row_major");
  EXPECT_EQ(wp->core_grid, (std::vector<int64_t>{8, 8}));
  expect_balanced(wp->cores, blocks, 8, 8);

  auto ra = get_runtime_args(m);
  ASSERT_TRUE(ra);
  EXPECT_EQ(ra->reader, (std::vector<std::string>{"A_addr", "B_addr", "start_block", "num_blocks"}));
  EXPECT_EQ(ra->compute, (std::vector<std::string>{"start_block", "num_blocks"}));
  EXPECT_EQ(ra->writer, (std::vector<std::string>{"C_addr", "start_block", "num_blocks"}));
  ASSERT_EQ(static_cast<int64_t>(ra->cores.size()), std::min<int64_t>(blocks, 64));  // active cores only
  for (size_t i = 0; i < ra->cores.size(); ++i) {
    const auto& pc = ra->cores[i];
    const CoreWork& w = wp->cores[i];
    EXPECT_EQ(pc.x, w.x);
    EXPECT_EQ(pc.y, w.y);
    ASSERT_EQ(pc.reader.size(), 4u);
    EXPECT_EQ(pc.reader[0].buffer_address, "A");
    EXPECT_EQ(pc.reader[1].buffer_address, "B");
    EXPECT_EQ(pc.reader[2].value, w.start);
    EXPECT_EQ(pc.reader[3].value, w.count);
    EXPECT_EQ(pc.compute[0].value, w.start);
    EXPECT_EQ(pc.compute[1].value, w.count);
    EXPECT_EQ(pc.writer[0].buffer_address, "C");
    EXPECT_EQ(pc.writer[2].value, w.count);
  }
}

INSTANTIATE_TEST_SUITE_P(Blocks, PartitionPass, testing::Values(1, 63, 64, 65, 1000));

TEST(PartitionPass, ReferenceOnWormholeIsOneBlockPerCore) {
  DiagnosticList diags;
  Module m = partitioned(make_gemm_module(1024, 1024, 1024, 128, 128, 32), "wormhole_n150", diags);
  ASSERT_TRUE(diags.empty());
  EXPECT_EQ(m.attrs.at("tt.partition_mode"), "global");
  EXPECT_EQ(m.attrs.at("tt.grid_tiles"), json::parse("[32, 32]"));
  auto wp = get_work_partition(m);
  EXPECT_EQ(wp->block_grid, (std::vector<int64_t>{8, 8}));
  EXPECT_EQ(wp->block_tiles, (std::vector<int64_t>{4, 4}));
  EXPECT_EQ(m.attrs.at("tt.runtime_args")[9],
            json::parse(R"({"core":[1,1],"reader":[{"buffer_address":"A"},{"buffer_address":"B"},9,1],
                            "compute":[9,1],"writer":[{"buffer_address":"C"},9,1]})"));
}

TEST(PartitionPass, BlackholeUsesItsOwnWorkerGrid) {
  DiagnosticList diags;
  Module m = partitioned(make_gemm_module(1024, 1024, 1024, 128, 128, 32), "blackhole_p150", diags);
  ASSERT_TRUE(diags.empty());
  const DeviceModel& bh = device("blackhole_p150");
  auto wp = get_work_partition(m);
  EXPECT_EQ(wp->core_grid, (std::vector<int64_t>{bh.grid_x, bh.grid_y}));
  // The GEMM's 8x8 blocks fit the 11x10 workers: block (bx, by) on core (bx, by), so rows and columns of
  // cores share the A and B panels (tt.multicast); the other cores idle.
  ASSERT_EQ(static_cast<int64_t>(wp->cores.size()), bh.grid_x * bh.grid_y);
  for (size_t i = 0; i < wp->cores.size(); ++i) {
    const CoreWork& c = wp->cores[i];
    EXPECT_EQ(c.x, static_cast<int64_t>(i) % bh.grid_x);
    EXPECT_EQ(c.y, static_cast<int64_t>(i) / bh.grid_x);
    const bool active = c.x < 8 && c.y < 8;
    EXPECT_EQ(c.count, active ? 1 : 0) << i;
    if (active) {
      EXPECT_EQ(c.start, c.y * 8 + c.x) << i;
    }
  }
  EXPECT_EQ(get_runtime_args(m)->cores.size(), 64u);
  EXPECT_EQ(m.attrs.at("tt.multicast"),
            json::parse(R"({"panels": [{"buffer": "A", "cb": "A_shared", "shared_by": "row"},
                                        {"buffer": "B", "cb": "B_shared", "shared_by": "column"}]})"));
}

TEST(PartitionPass, MoreBlocksThanCoresKeepTheBalancedSplitAndSayWhy) {
  DiagnosticList diags;
  Module m = partitioned(make_gemm_module(2048, 2048, 1024, 128, 128, 32), "wormhole_n150", diags);
  ASSERT_TRUE(diags.empty());
  expect_balanced(get_work_partition(m)->cores, 256, 8, 8);
  EXPECT_EQ(
      m.attrs.at("tt.multicast"),
      json::parse(R"({"panels": [], "fallback": "the 16x16 block grid exceeds the 8x8 worker grid: sharing panels )"
                  R"(along rows and columns of cores needs one block per core"})"));
}

TEST(PartitionPass, ShardedOutputNeedsLocalShard) {
  Module m = make_gemm_module(1024, 1024, 1024, 128, 128, 32);
  m.attrs["tt.buffer.C"] = json{{"layout", "sharded"}, {"memory", "L1"}, {"shard_grid", {8, 8}}};
  DiagnosticList diags;
  partitioned(m, "wormhole_n150", diags);
  EXPECT_EQ(headlines(diags),
            Headlines{"example_gemm.py:12:13: error: output buffer 'C' is sharded (shard_grid [8, 8]): "
                      "a local_shard partition needs the persistent loop to walk each core's shard of "
                      "blocks, which is not supported yet; use an interleaved output"});
}

TEST(PartitionPass, GridMustCoverTheOutput) {
  GemmParts p = make_gemm_parts(1024, 1024, 1024, 128, 128, 32);
  p.grid = {8, 4};
  Module m = make_module(p, reference_body(p));
  DiagnosticList diags;
  partitioned(m, "wormhole_n150", diags);
  EXPECT_EQ(headlines(diags), Headlines{"example_gemm.py:14:9: error: the T.Kernel grid of 32 blocks of 4x4 tiles "
                                        "covers 512 tiles, but output 'C' has 1024"});
}

TEST(PartitionPass, MissingMetadataIsAnError) {
  Module m = make_gemm_module(1024, 1024, 1024, 128, 128, 32);
  DiagnosticList diags;
  run_pass(m, "layout_aware_work_partition_tt", device(), diags);
  EXPECT_EQ(headlines(diags),
            Headlines{"example_gemm.py:14:9: error: no output circular buffer (a tt.cb.* entry with "
                      "role output): the kernel never copies a result from on chip to a global buffer"});
}

}  // namespace
}  // namespace tt::test
