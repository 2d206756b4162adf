// The mismatch heat map's data: an emulated run's per-tile mismatch counts (EmulationReport's
// MismatchMap) gathered per core through the kernel's work partition (which core computed which
// block of tiles). Plain data, no ImGui: the Mismatches panel draws it, tests read it.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "compiler/compiler.h"
#include "viewer/emulation_report.h"

namespace tt::viewer {

struct CoreMismatches {
  int64_t x = 0, y = 0;
  int64_t block_start = 0, blocks = 0;  // its blocks [block_start, block_start + blocks)
  uint64_t mismatches = 0;
  uint32_t tiles = 0, bad_tiles = 0;  // tiles it computed, those with a mismatch
  double max_error = 0;
};

// Every worker core of the partition (idle ones with no tiles), in the partition's order; empty
// when the output is not partitioned in 2-D tiles.
std::vector<CoreMismatches> mismatches_by_core(const KernelResult& kernel, const MismatchMap& map);

// The block and core of tile (tile_row, tile_col) of the map's output.
struct TileOwner {
  int64_t bx = 0, by = 0, block = 0;
  std::optional<CoreXY> core;
};
std::optional<TileOwner> tile_owner(const KernelResult& kernel, const MismatchMap& map, int64_t tile_row,
                                    int64_t tile_col);

}  // namespace tt::viewer
