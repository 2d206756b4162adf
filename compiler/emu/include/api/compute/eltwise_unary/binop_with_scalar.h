// The SFPU's binary ops with a scalar (tt_metal/hw/inc/api/compute/eltwise_unary/binop_with_scalar.h): one init,
// binop_with_scalar_tile_init, for all five; DST[idst] = x op param1, where param1 is an fp32 value's bits.
#pragma once

#include "api/compute/common.h"

namespace ckernel {

ALWI void binop_with_scalar_tile_init(std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_program("binop_with_scalar_tile_init", ttemu::api::at(loc));
}

ALWI void add_unary_tile(uint32_t idst, uint32_t param1, std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_map(
      "add_unary_tile", "binop_with_scalar_tile_init", idst, [](float x, float c) { return x + c; },
      std::bit_cast<float>(param1), ttemu::api::at(loc));
}

ALWI void sub_unary_tile(uint32_t idst, uint32_t param1, std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_map(
      "sub_unary_tile", "binop_with_scalar_tile_init", idst, [](float x, float c) { return x - c; },
      std::bit_cast<float>(param1), ttemu::api::at(loc));
}

ALWI void mul_unary_tile(uint32_t idst, uint32_t param1, std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_map(
      "mul_unary_tile", "binop_with_scalar_tile_init", idst, [](float x, float c) { return x * c; },
      std::bit_cast<float>(param1), ttemu::api::at(loc));
}

ALWI void div_unary_tile(uint32_t idst, uint32_t param1, std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_map(
      "div_unary_tile", "binop_with_scalar_tile_init", idst, [](float x, float c) { return x / c; },
      std::bit_cast<float>(param1), ttemu::api::at(loc));
}

ALWI void rsub_unary_tile(uint32_t idst, uint32_t param1, std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_map(
      "rsub_unary_tile", "binop_with_scalar_tile_init", idst, [](float x, float c) { return c - x; },
      std::bit_cast<float>(param1), ttemu::api::at(loc));
}

}  // namespace ckernel
