// Where one element of a kernel's output comes from: its tile, its (bx, by) block, the core that
// computed it, and the generated lines that packed and wrote it (found through line provenance).
// One implementation for `tt-inspect run` and the app's emulation report; covered by
// tests/unit/output_origin_test.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/compiler.h"
#include "compiler/ir/tt_metadata.h"

namespace tt {

// One generated line: artifact name, 1-based line, its text (trimmed) and its source span.
struct GeneratedLine {
  std::string artifact;
  int line = 0;
  std::string text;
  SourceSpan source;
};

struct OutputOrigin {
  std::string buffer;  // the output buffer, as the kernel names it
  int64_t row = 0, col = 0;
  bool located = false;  // false: the kernel has no 2-D tiled work partition for it
  int64_t tile_row = 0, tile_col = 0;
  int64_t bx = 0, by = 0, block = 0;   // block = by * blocks_x + bx (the partition's tile order)
  std::optional<ir::CoreWork> core;    // the core whose block range holds `block`
  std::vector<GeneratedLine> writers;  // the pack_tile and noc_async_write_page lines of this output
};

// `buffer` empty: the kernel's first output buffer.
OutputOrigin locate_output_element(const KernelResult& kernel, const std::string& buffer, int64_t row, int64_t col);

// Tile rows/cols per block and blocks per dimension of an output: nullopt when not partitioned in 2-D.
struct OutputTiling {
  int64_t tile_rows = 0, tile_cols = 0;    // elements per tile
  int64_t block_rows = 0, block_cols = 0;  // tiles per block
  int64_t blocks_y = 0, blocks_x = 0;
};
std::optional<OutputTiling> output_tiling(const KernelResult& kernel, const std::string& buffer);

// The core that computes linear block `block`, if any.
std::optional<ir::CoreWork> core_of_block(const KernelResult& kernel, int64_t block);

// One line per fact: "C[37, 5], tile (1, 0), block (bx 0, by 0) = linear block 0",
// "computed by core (0, 0), blocks [0, 1)", "packed by compute.cpp:57 `pack_tile(...)` (source line 24)".
std::vector<std::string> describe(const OutputOrigin& origin);

}  // namespace tt
