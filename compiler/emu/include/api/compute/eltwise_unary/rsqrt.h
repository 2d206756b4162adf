// rsqrt_tile_init / rsqrt_tile (tt_metal/hw/inc/api/compute/eltwise_unary/rsqrt.h): DST[idst] = 1/sqrt(x) in place.
#pragma once

#include "api/compute/common.h"

namespace ckernel {

template <bool legacy_compat = true>
ALWI void rsqrt_tile_init(std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_init(ttemu::api::SfpuUnary::Rsqrt, "rsqrt_tile_init", ttemu::api::at(loc));
}

template <bool legacy_compat = true, bool FAST_APPROX = false>
ALWI void rsqrt_tile(uint32_t idst, std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_unary(ttemu::api::SfpuUnary::Rsqrt, idst, "rsqrt_tile", ttemu::api::at(loc));
}

}  // namespace ckernel
