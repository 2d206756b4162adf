// Unpacked source-register tiles of one core, reused while the stored tile is unchanged. In a GEMM block every
// in0 tile meets every in1 tile of the block, so matmul_tiles unpacked each tile once per use (as much work as
// the tile matmul itself); with the cache it unpacks it once per block row or column. A hit compares the
// stored bytes with the copy taken when the tile was unpacked (a kernel or a NoC transfer may rewrite a page at
// any time), so it returns exactly what unpacking again would.
#pragma once

#include <array>
#include <cstdint>
#include <memory>

#include "ttemu/data_format.h"
#include "ttemu/tile_layout.h"

namespace ttemu {

class SourceTileCache {
 public:
  // The stored tile at `src` in format `f` as srcA/srcB hold it: unpacked to row-major fp32, an fp32 tile
  // truncated to TF32. Valid until the next call that misses.
  const float* source_tile(const std::uint8_t* src, DataFormat f);

 private:
  // Enough for a 4 x 4 block of tiles (the four in1 tiles of a row stay while in0 changes) and some.
  static constexpr std::size_t kEntries = 8;
  struct Entry {
    alignas(64) float tile[kTileElems];
    alignas(64) std::uint8_t stored[kTileElems * 4];
    const std::uint8_t* src = nullptr;
    DataFormat format = DataFormat::Invalid;
    std::uint64_t last_use = 0;
  };
  std::unique_ptr<std::array<Entry, kEntries>> entries_;  // allocated on first use (only matmul kernels)
  std::uint64_t clock_ = 0;
};

}  // namespace ttemu
