// FPU element-wise binary ops (tt_metal/hw/inc/api/compute/eltwise_binary.h): *_tiles_init sets the
// unpacker and math engine to the op (icb0 -> srcA, icb1 -> srcB); *_tiles writes DST[idst] = A op B
// (+ DST[idst] when the init had acc_to_dest). Both operands keep at most TF32 precision in srcA/srcB.
#pragma once

#include "api/compute/common.h"

namespace ckernel {

ALWI void add_tiles_init(uint32_t icb0, uint32_t icb1, bool acc_to_dest = false,
                         std::source_location loc = std::source_location::current()) {
  ttemu::api::binary_init(ttemu::api::EltwiseBinary::Add, icb0, icb1, acc_to_dest, "add_tiles_init",
                          ttemu::api::at(loc));
}

ALWI void sub_tiles_init(uint32_t icb0, uint32_t icb1, bool acc_to_dest = false,
                         std::source_location loc = std::source_location::current()) {
  ttemu::api::binary_init(ttemu::api::EltwiseBinary::Sub, icb0, icb1, acc_to_dest, "sub_tiles_init",
                          ttemu::api::at(loc));
}

ALWI void mul_tiles_init(uint32_t icb0, uint32_t icb1, std::source_location loc = std::source_location::current()) {
  ttemu::api::binary_init(ttemu::api::EltwiseBinary::Mul, icb0, icb1, false, "mul_tiles_init", ttemu::api::at(loc));
}

ALWI void add_tiles(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst,
                    std::source_location loc = std::source_location::current()) {
  ttemu::api::binary_tiles(ttemu::api::EltwiseBinary::Add, icb0, icb1, itile0, itile1, idst, "add_tiles",
                           ttemu::api::at(loc));
}

ALWI void sub_tiles(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst,
                    std::source_location loc = std::source_location::current()) {
  ttemu::api::binary_tiles(ttemu::api::EltwiseBinary::Sub, icb0, icb1, itile0, itile1, idst, "sub_tiles",
                           ttemu::api::at(loc));
}

ALWI void mul_tiles(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst,
                    std::source_location loc = std::source_location::current()) {
  ttemu::api::binary_tiles(ttemu::api::EltwiseBinary::Mul, icb0, icb1, itile0, itile1, idst, "mul_tiles",
                           ttemu::api::at(loc));
}

}  // namespace ckernel
