// fill_tile_init / fill_tile (tt_metal/hw/inc/api/compute/eltwise_unary/fill.h): DST[idst] = param0 everywhere.
#pragma once

#include "api/compute/common.h"

namespace ckernel {

ALWI void fill_tile_init(std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_program("fill_tile_init", ttemu::api::at(loc));
}

ALWI void fill_tile(uint32_t idst, float param0, std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_map(
      "fill_tile", "fill_tile_init", idst, [](float, float v) { return v; }, param0, ttemu::api::at(loc));
}

}  // namespace ckernel
