// relu_tile_init / relu_tile (tt_metal/hw/inc/api/compute/eltwise_unary/relu.h): DST[idst] = max(x, 0) in place.
#pragma once

#include "api/compute/common.h"

namespace ckernel {

ALWI void relu_tile_init(std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_init(ttemu::api::SfpuUnary::Relu, "relu_tile_init", ttemu::api::at(loc));
}

ALWI void relu_tile(uint32_t idst, std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_unary(ttemu::api::SfpuUnary::Relu, idst, "relu_tile", ttemu::api::at(loc));
}

}  // namespace ckernel
