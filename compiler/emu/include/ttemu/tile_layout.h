// The tile layout of Tenstorrent hardware, shared by the emulated device (L1 and DRAM pages) and the host
// side (tilize_nfaces): 32x32 tiles stored as four 16x16 faces, face order 0 1 / 2 3, row-major in a face.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ttemu {

inline constexpr std::uint32_t kTileDim = 32;
inline constexpr std::uint32_t kTileElems = kTileDim * kTileDim;
inline constexpr std::uint32_t kFaceDim = 16;

// Storage position of element (r, c) of one tile.
constexpr std::uint32_t face_layout_index(std::uint32_t r, std::uint32_t c) {
  const std::uint32_t face = (r / kFaceDim) * 2 + c / kFaceDim;
  return face * kFaceDim * kFaceDim + (r % kFaceDim) * kFaceDim + c % kFaceDim;
}

// Position of element (r, c) of a row-major matrix with `cols` columns once tiled (tiles in row-major order).
constexpr std::size_t tiled_index(std::uint32_t r, std::uint32_t c, std::uint32_t cols) {
  const std::size_t tile = static_cast<std::size_t>(r / kTileDim) * (cols / kTileDim) + c / kTileDim;
  return tile * kTileElems + face_layout_index(r % kTileDim, c % kTileDim);
}

}  // namespace ttemu
