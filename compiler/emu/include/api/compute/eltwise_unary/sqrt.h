// sqrt_tile_init / sqrt_tile (tt_metal/hw/inc/api/compute/eltwise_unary/sqrt.h): DST[idst] = sqrt(x) in place.
#pragma once

#include "api/compute/common.h"

namespace ckernel {

ALWI void sqrt_tile_init(std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_init(ttemu::api::SfpuUnary::Sqrt, "sqrt_tile_init", ttemu::api::at(loc));
}

ALWI void sqrt_tile(uint32_t idst, std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_unary(ttemu::api::SfpuUnary::Sqrt, idst, "sqrt_tile", ttemu::api::at(loc));
}

}  // namespace ckernel
