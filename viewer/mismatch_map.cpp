// mismatches_by_core(): tiles -> blocks (output_tiling) -> cores (the work partition's ranges).
#include "viewer/mismatch_map.h"

#include <algorithm>

#include "compiler/codegen/output_origin.h"
#include "compiler/ir/tt_metadata.h"

namespace tt::viewer {

namespace {

int64_t block_of_tile(const OutputTiling& t, int64_t tile_row, int64_t tile_col) {
  return (tile_row / t.block_rows) * t.blocks_x + tile_col / t.block_cols;
}

}  // namespace

std::vector<CoreMismatches> mismatches_by_core(const KernelResult& kernel, const MismatchMap& map) {
  std::vector<CoreMismatches> out;
  const std::optional<OutputTiling> t = output_tiling(kernel, map.buffer);
  const std::optional<ir::WorkPartition> wp = ir::get_work_partition(kernel.module);
  if (!t || !wp) return out;
  std::vector<int> core_of_block(static_cast<size_t>(std::max<int64_t>(wp->num_blocks, 0)), -1);
  for (const ir::CoreWork& c : wp->cores) {
    for (int64_t b = c.start; b < c.start + c.count && b < wp->num_blocks; ++b) {
      if (b >= 0) core_of_block[static_cast<size_t>(b)] = static_cast<int>(out.size());
    }
    out.push_back({c.x, c.y, c.start, c.count, 0, 0, 0, 0});
  }
  for (uint32_t ty = 0; ty < map.tiles_y; ++ty) {
    for (uint32_t tx = 0; tx < map.tiles_x; ++tx) {
      const int64_t block = block_of_tile(*t, ty, tx);
      if (block < 0 || block >= static_cast<int64_t>(core_of_block.size()) || core_of_block[block] < 0) continue;
      const size_t tile = static_cast<size_t>(ty) * map.tiles_x + tx;
      CoreMismatches& c = out[static_cast<size_t>(core_of_block[block])];
      const uint32_t bad = tile < map.tile_mismatches.size() ? map.tile_mismatches[tile] : 0;
      ++c.tiles;
      c.bad_tiles += bad > 0;
      c.mismatches += bad;
      if (tile < map.tile_max_error.size()) c.max_error = std::max(c.max_error, map.tile_max_error[tile]);
    }
  }
  return out;
}

std::optional<TileOwner> tile_owner(const KernelResult& kernel, const MismatchMap& map, int64_t tile_row,
                                    int64_t tile_col) {
  const std::optional<OutputTiling> t = output_tiling(kernel, map.buffer);
  if (!t) return std::nullopt;
  TileOwner o;
  o.by = tile_row / t->block_rows;
  o.bx = tile_col / t->block_cols;
  o.block = block_of_tile(*t, tile_row, tile_col);
  if (std::optional<ir::CoreWork> c = core_of_block(kernel, o.block)) o.core = CoreXY{c->x, c->y};
  return o;
}

}  // namespace tt::viewer
