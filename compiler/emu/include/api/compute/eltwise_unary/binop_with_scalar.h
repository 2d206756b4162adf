// binop_with_scalar_tile_init / add|sub|mul|rsub_unary_tile
// (tt_metal/hw/inc/api/compute/eltwise_unary/binop_with_scalar.h): DST[idst] = x op c in place on the SFPU,
// with the scalar c passed as its fp32 bit pattern (rsub: c - x). div_unary_tile is not emulated: its
// scalar's meaning (c or 1/c) is the caller's convention, and codegen multiplies by the reciprocal instead.
#pragma once

#include "api/compute/common.h"

namespace ckernel {

ALWI void binop_with_scalar_tile_init(std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_scalar_init("binop_with_scalar_tile_init", ttemu::api::at(loc));
}

ALWI void add_unary_tile(uint32_t idst, uint32_t param1, std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_scalar_binary(ttemu::api::SfpuScalarBinary::Add, idst, param1, "add_unary_tile",
                                 ttemu::api::at(loc));
}

ALWI void sub_unary_tile(uint32_t idst, uint32_t param1, std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_scalar_binary(ttemu::api::SfpuScalarBinary::Sub, idst, param1, "sub_unary_tile",
                                 ttemu::api::at(loc));
}

ALWI void mul_unary_tile(uint32_t idst, uint32_t param1, std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_scalar_binary(ttemu::api::SfpuScalarBinary::Mul, idst, param1, "mul_unary_tile",
                                 ttemu::api::at(loc));
}

ALWI void rsub_unary_tile(uint32_t idst, uint32_t param1, std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_scalar_binary(ttemu::api::SfpuScalarBinary::Rsub, idst, param1, "rsub_unary_tile",
                                 ttemu::api::at(loc));
}

}  // namespace ckernel
