// Row-major <-> tiled conversion on the host (tt_metal/api/tt-metalium/tilize_utils.hpp): tiles of 32x32 in
// row-major tile order, each stored as four 16x16 faces (face order 0 1 / 2 3, row-major inside a face).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "ttemu/tile_layout.h"

namespace ttemu::host {
inline void check_tileable(std::size_t size, std::uint32_t m, std::uint32_t n) {
  if (m == 0 || n == 0 || m % 32 || n % 32 || size != static_cast<std::size_t>(m) * n)
    throw std::invalid_argument("tilize_nfaces/untilize_nfaces: need an m x n matrix with m, n multiples of 32");
}
}  // namespace ttemu::host

template <typename T>
std::vector<T> tilize_nfaces(const std::vector<T>& input, uint32_t m, uint32_t n) {
  ttemu::host::check_tileable(input.size(), m, n);
  std::vector<T> out(input.size());
  for (std::uint32_t r = 0; r < m; ++r)
    for (std::uint32_t c = 0; c < n; ++c) out[ttemu::tiled_index(r, c, n)] = input[static_cast<std::size_t>(r) * n + c];
  return out;
}

template <typename T>
std::vector<T> untilize_nfaces(const std::vector<T>& input, uint32_t m, uint32_t n) {
  ttemu::host::check_tileable(input.size(), m, n);
  std::vector<T> out(input.size());
  for (std::uint32_t r = 0; r < m; ++r)
    for (std::uint32_t c = 0; c < n; ++c) out[static_cast<std::size_t>(r) * n + c] = input[ttemu::tiled_index(r, c, n)];
  return out;
}
