// typecast_tile_init / typecast_tile (tt_metal/hw/inc/api/compute/eltwise_unary/typecast.h @01ccd211): the
// Float32 -> Float16_b conversion in place on DST, as calculate_typecast_fp32_to_fp16b does it on fp32 DST: round
// to nearest even at bit 16 (bits += 0x7FFF + bit 16) and clear the low 16 bits, the result kept as fp32. Δ only
// that pair of formats is provided (a static_assert names the others); the formats are the template arguments, as
// uint32_t values of DataFormat.
#pragma once

#include <bit>
#include <cmath>

#include "api/compute/common.h"

namespace ckernel {

namespace typecast_detail {
constexpr bool provided(uint32_t in, uint32_t out) {
  return in == static_cast<uint32_t>(DataFormat::Float32) && out == static_cast<uint32_t>(DataFormat::Float16_b);
}
inline float fp32_to_fp16b(float x, float) {
  if (std::isnan(x)) return x;
  uint32_t bits = std::bit_cast<uint32_t>(x);
  bits += 0x7FFFu + ((bits >> 16) & 1u);
  return std::bit_cast<float>(bits & 0xFFFF0000u);
}
}  // namespace typecast_detail

template <uint32_t IN_DTYPE, uint32_t OUT_DTYPE>
ALWI void typecast_tile_init(std::source_location loc = std::source_location::current()) {
  static_assert(typecast_detail::provided(IN_DTYPE, OUT_DTYPE),
                "the emulator provides the Float32 -> Float16_b typecast");
  ttemu::api::sfpu_program("typecast_tile_init", ttemu::api::at(loc));
}

template <uint32_t IN_DTYPE, uint32_t OUT_DTYPE>
ALWI void typecast_tile(uint32_t idst, std::source_location loc = std::source_location::current()) {
  static_assert(typecast_detail::provided(IN_DTYPE, OUT_DTYPE),
                "the emulator provides the Float32 -> Float16_b typecast");
  ttemu::api::sfpu_map("typecast_tile", "typecast_tile_init", idst, typecast_detail::fp32_to_fp16b, 0.0f,
                       ttemu::api::at(loc));
}

}  // namespace ckernel
