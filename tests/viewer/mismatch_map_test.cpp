// The mismatch heat map's data: per-tile mismatch counts of an emulated output gathered per core
// through the work partition (which core computed which block), on the 100-block fixture whose
// placement is known by hand: C is 1280 x 1280 = 40 x 40 tiles in 10 x 10 blocks of 4 x 4 tiles;
// cores 0..35 (x + 8y) own 2 blocks each, cores 36..63 one each.
#include "viewer/mismatch_map.h"

#include <gtest/gtest.h>

#include "compiler/ir/tt_metadata.h"
#include "viewer_fixture.h"

namespace tt::viewer {
namespace {

KernelResult kernel_with_output() {
  KernelResult k = testing::make_gemm_result(SourceFile("k.py", testing::fixture_source())).kernels[0];
  ir::BufferLayout c;
  c.name = "C";
  c.role = "output";
  c.shape = {1280, 1280};
  ir::set_buffer_layout(k.module, c);
  return k;
}

MismatchMap map_with(const std::vector<std::pair<std::pair<uint32_t, uint32_t>, uint32_t>>& bad) {
  MismatchMap m;
  m.buffer = "C";
  m.reference = "the oracle";
  m.tiles_y = m.tiles_x = 40;
  m.checked = 1280 * 1280;
  m.tile_mismatches.assign(1600, 0);
  m.tile_max_error.assign(1600, 0.0);
  for (const auto& [tile, count] : bad) {
    m.tile_mismatches[tile.first * 40 + tile.second] = count;
    m.tile_max_error[tile.first * 40 + tile.second] = 0.5;
    m.mismatches += count;
  }
  return m;
}

TEST(MismatchMap, TilesAreGatheredOnTheCoresThatComputedThem) {
  const KernelResult k = kernel_with_output();
  // Tile (6, 21): block (bx 5, by 1) = 15, core (7, 0) [blocks 14, 16). Tile (39, 39): block 99, the last
  // core (7, 7), which has one block. Tile (4, 20): block (bx 5, by 1) too.
  const MismatchMap m = map_with({{{6, 21}, 3}, {{39, 39}, 1024}, {{4, 20}, 2}});
  const std::vector<CoreMismatches> cores = mismatches_by_core(k, m);
  ASSERT_EQ(cores.size(), 64u);
  uint64_t total = 0;
  uint32_t tiles = 0;
  for (const CoreMismatches& c : cores) {
    total += c.mismatches;
    tiles += c.tiles;
    if (c.x == 7 && c.y == 0) {
      EXPECT_EQ(c.block_start, 14);
      EXPECT_EQ(c.blocks, 2);
      EXPECT_EQ(c.tiles, 32u);
      EXPECT_EQ(c.mismatches, 5u);
      EXPECT_EQ(c.bad_tiles, 2u);
      EXPECT_EQ(c.max_error, 0.5);
    } else if (c.x == 7 && c.y == 7) {
      EXPECT_EQ(c.tiles, 16u);
      EXPECT_EQ(c.mismatches, 1024u);
    } else {
      EXPECT_EQ(c.mismatches, 0u) << c.x << "," << c.y;
    }
  }
  EXPECT_EQ(total, m.mismatches);
  EXPECT_EQ(tiles, 1600u);  // every tile on exactly one core

  const std::optional<TileOwner> owner = tile_owner(k, m, 6, 21);
  ASSERT_TRUE(owner);
  EXPECT_EQ(owner->bx, 5);
  EXPECT_EQ(owner->by, 1);
  EXPECT_EQ(owner->block, 15);
  EXPECT_EQ(owner->core, (CoreXY{7, 0}));
}

TEST(MismatchMap, AnOutputWithoutATiledPartitionHasNoCores) {
  const KernelResult k = kernel_with_output();
  MismatchMap m = map_with({});
  m.buffer = "D";  // not an output of the kernel
  EXPECT_TRUE(mismatches_by_core(k, m).empty());
  EXPECT_FALSE(tile_owner(k, m, 0, 0));
}

}  // namespace
}  // namespace tt::viewer
