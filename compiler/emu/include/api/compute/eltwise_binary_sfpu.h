// SFPU binary ops on two DST tiles (tt_metal/hw/inc/api/compute/eltwise_binary_sfpu.h): DST[odst] = DST[idst0] op
// DST[idst1], computed in fp32 on DST's values (no srcA/srcB pass, unlike the FPU's add_tiles). Δ the real ops take
// is_fp32_dest_acc_en (and add/sub a DstRoundingMode) template arguments; called without them, as here.
#pragma once

#include "api/compute/common.h"

namespace ckernel {

ALWI void add_binary_tile_init(std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_program("add_binary_tile_init", ttemu::api::at(loc));
}

ALWI void add_binary_tile(uint32_t idst0, uint32_t idst1, uint32_t odst,
                          std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_map2(
      "add_binary_tile", "add_binary_tile_init", idst0, idst1, odst, [](float a, float b) { return a + b; },
      ttemu::api::at(loc));
}

ALWI void sub_binary_tile_init(std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_program("sub_binary_tile_init", ttemu::api::at(loc));
}

ALWI void sub_binary_tile(uint32_t idst0, uint32_t idst1, uint32_t odst,
                          std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_map2(
      "sub_binary_tile", "sub_binary_tile_init", idst0, idst1, odst, [](float a, float b) { return a - b; },
      ttemu::api::at(loc));
}

ALWI void mul_binary_tile_init(std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_program("mul_binary_tile_init", ttemu::api::at(loc));
}

ALWI void mul_binary_tile(uint32_t idst0, uint32_t idst1, uint32_t odst,
                          std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_map2(
      "mul_binary_tile", "mul_binary_tile_init", idst0, idst1, odst, [](float a, float b) { return a * b; },
      ttemu::api::at(loc));
}

ALWI void div_binary_tile_init(std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_program("div_binary_tile_init", ttemu::api::at(loc));
}

ALWI void div_binary_tile(uint32_t idst0, uint32_t idst1, uint32_t odst,
                          std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_map2(
      "div_binary_tile", "div_binary_tile_init", idst0, idst1, odst, [](float a, float b) { return a / b; },
      ttemu::api::at(loc));
}

}  // namespace ckernel
