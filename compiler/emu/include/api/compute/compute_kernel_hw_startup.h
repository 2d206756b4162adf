// One-time compute hardware configuration (tt_metal/hw/inc/api/compute/compute_kernel_hw_startup.h): the
// unpacker's srcA/srcB formats and the packer's format. SrcOrder::Reverse maps icb0 to srcB and icb1 to srcA,
// as matmul unpacks them.
#pragma once

#include "api/compute/common.h"

namespace ckernel {

enum class SrcOrder : uint8_t {
  Regular = 0,  // icb0 -> SrcA, icb1 -> SrcB
  Reverse = 1,  // icb0 -> SrcB, icb1 -> SrcA
};

template <SrcOrder src_order = SrcOrder::Regular>
ALWI void compute_kernel_hw_startup(uint32_t icb0, uint32_t icb1, uint32_t ocb,
                                    std::source_location loc = std::source_location::current()) {
  constexpr bool reverse = src_order == SrcOrder::Reverse;
  ttemu::api::hw_startup(reverse ? icb1 : icb0, reverse ? icb0 : icb1, ocb, ttemu::api::at(loc));
}

ALWI void compute_kernel_hw_startup(uint32_t icb0, uint32_t ocb,
                                    std::source_location loc = std::source_location::current()) {
  ttemu::api::hw_startup(icb0, icb0, ocb, ttemu::api::at(loc));
}

}  // namespace ckernel
