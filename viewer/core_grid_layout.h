// Geometry and coloring of the core-grid view as plain functions: cells drawn to scale (square
// cores) fitted into an area, hit-testing, and the work-count color scale.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/compiler.h"
#include "compiler/ir/tt_metadata.h"
#include "viewer/selection.h"

namespace tt::viewer {

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  bool contains(float px, float py) const { return px >= x && py >= y && px < x + w && py < y + h; }
};

struct GridLayout {
  int64_t grid_x = 0, grid_y = 0;
  float origin_x = 0, origin_y = 0;  // top-left of core (0, 0)
  float cell = 0;                    // cell pitch (square)
  float gap = 0;                     // gap between cells inside the pitch
  Rect core_rect(int64_t x, int64_t y) const;
  Rect bounds() const;
};

// Fits a grid_x by grid_y grid of square cells into `area`, centered; row y = 0 at the top.
GridLayout layout_core_grid(int64_t grid_x, int64_t grid_y, const Rect& area, float gap_fraction = 0.12f);
// The core under a point; gaps between cells hit nothing.
std::optional<CoreXY> hit_test(const GridLayout& layout, float px, float py);

// Per-core work summary derived from the partition.
struct CoreLoad {
  CoreXY core;
  int64_t start = 0, count = 0;
};
struct GridLoad {
  std::vector<CoreLoad> cores;  // in partition order
  int64_t min_count = 0, max_count = 0, busy = 0, idle = 0, total = 0;
  const CoreLoad* find(CoreXY c) const;
};
GridLoad summarize_load(const ir::WorkPartition& partition);
// True when the kernel's partition gives `core` no blocks (the host program creates no CBs there).
bool core_is_idle(const KernelResult& kernel, CoreXY core);

// RGBA (0..1) for a core with `count` blocks when busy cores have min_count..max_count; idle cores
// get a distinct neutral color, busy ones a ramp from teal (least loaded) to orange (the busiest).
struct Rgba {
  float r, g, b, a;
};
Rgba core_color(int64_t count, int64_t min_count, int64_t max_count);

// One block of a core's range [start, start + count): its T.Kernel grid index and the output region it writes,
// from the partition's row-major block order. A 2-D grid also gives the region of the output matrix in elements
// (half-open) from the tile shape; any grid gives `output`, the region of the output copy evaluated at the block
// ("Output[0, 64:128, 1, 0:64]" for flash attention's 3-D grid) when `kernel` is given.
struct BlockRegion {
  int64_t id = 0, bx = 0, by = 0;
  std::vector<int64_t> index;  // (bx, by, bz, ...): the T.Kernel variables in their order
  int64_t row0 = 0, row1 = 0, col0 = 0, col1 = 0;
  bool has_rows = false;  // row0..col1 are set (2-D grids)
  std::string output;     // empty when unknown
};
std::vector<BlockRegion> blocks_of_core(const ir::WorkPartition& partition, int64_t start, int64_t count,
                                        int64_t tile_rows = 32, int64_t tile_cols = 32,
                                        const KernelResult* kernel = nullptr);
// "(bx 1, by 0, bz 2): Output[2, 64:128, 0, 0:64]" or, for a 2-D grid, "(bx 1, by 0): rows [0, 128) x cols [128, 256)".
std::string describe_block(const BlockRegion& block);
// The region of the kernel's output T.copy (the front end's module) at grid index `index`: "Output[0, 64:128, 1,
// 0:64]"; empty when the kernel has no such copy or a start does not evaluate to a constant there.
std::string block_output_region(const KernelResult& kernel, const std::vector<int64_t>& index);

}  // namespace tt::viewer
