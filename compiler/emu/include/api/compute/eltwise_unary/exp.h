// exp_tile_init / exp_tile (tt_metal/hw/inc/api/compute/eltwise_unary/exp.h): DST[idst] = e^x in place. Δ the real
// exp_tile also takes (vector_mode, scale) and an InputClamping template argument; only the defaults are emulated.
#pragma once

#include "api/compute/common.h"

namespace ckernel {

template <bool approx = false, uint32_t scale = 0x3F800000>
ALWI void exp_tile_init(std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_init(ttemu::api::SfpuUnary::Exp, "exp_tile_init", ttemu::api::at(loc));
}

template <bool approx = false, bool scale_en = false>
ALWI void exp_tile(uint32_t idst, std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_unary(ttemu::api::SfpuUnary::Exp, idst, "exp_tile", ttemu::api::at(loc));
}

}  // namespace ckernel
