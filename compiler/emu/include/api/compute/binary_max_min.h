// SFPU element-wise max / min of two DST tiles (tt_metal/hw/inc/api/compute/binary_max_min.h): DST[odst] =
// max(DST[idst0], DST[idst1]) (min). Δ the real pair also takes a VectorMode (default RC, every face), not emulated.
#pragma once

#include <algorithm>

#include "api/compute/common.h"

namespace ckernel {

ALWI void binary_max_tile_init(std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_program("binary_max_tile_init", ttemu::api::at(loc));
}

ALWI void binary_max_tile(uint32_t idst0, uint32_t idst1, uint32_t odst,
                          std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_map2(
      "binary_max_tile", "binary_max_tile_init", idst0, idst1, odst, [](float a, float b) { return std::max(a, b); },
      ttemu::api::at(loc));
}

ALWI void binary_min_tile_init(std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_program("binary_min_tile_init", ttemu::api::at(loc));
}

ALWI void binary_min_tile(uint32_t idst0, uint32_t idst1, uint32_t odst,
                          std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_map2(
      "binary_min_tile", "binary_min_tile_init", idst0, idst1, odst, [](float a, float b) { return std::min(a, b); },
      ttemu::api::at(loc));
}

}  // namespace ckernel
