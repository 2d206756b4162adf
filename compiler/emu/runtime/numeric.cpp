// Number-format conversions and tile (un)packing for the emulator; see numeric.h.
#include "numeric.h"

#include <array>
#include <bit>
#include <cmath>
#include <cstring>

namespace ttemu {

namespace {

float half_to_float_slow(std::uint16_t h) {
  const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000u) << 16;
  const std::uint32_t exp = (h >> 10) & 0x1fu;
  const std::uint32_t mant = h & 0x3ffu;
  if (exp == 0) {
    const float v = std::ldexp(static_cast<float>(mant), -24);
    return sign ? -v : v;
  }
  if (exp == 31) return std::bit_cast<float>(sign | 0x7f800000u | (mant << 13));
  return std::bit_cast<float>(sign | ((exp - 15 + 127) << 23) | (mant << 13));
}

const std::array<float, 65536>& half_table() {
  static const auto table = [] {
    std::array<float, 65536> t{};
    for (std::uint32_t i = 0; i < 65536; ++i) t[i] = half_to_float_slow(static_cast<std::uint16_t>(i));
    return t;
  }();
  return table;
}

}  // namespace

float half_to_float(std::uint16_t h) { return half_table()[h]; }

std::uint16_t float_to_half(float f) {
  const std::uint32_t x = std::bit_cast<std::uint32_t>(f);
  const auto sign = static_cast<std::uint16_t>((x >> 16) & 0x8000u);
  const std::uint32_t ax = x & 0x7fffffffu;
  if (ax >= 0x7f800000u) {  // inf or NaN (NaN stays quiet NaN)
    return static_cast<std::uint16_t>(sign | 0x7c00u | (ax > 0x7f800000u ? 0x200u | ((ax >> 13) & 0x3ffu) : 0u));
  }
  if (ax >= 0x477ff000u) return static_cast<std::uint16_t>(sign | 0x7c00u);  // >= 65520 rounds to inf
  if (ax < 0x38800000u) {  // below 2^-14: half subnormal (or zero); scale is exact, rint rounds to even
    const float scaled = std::bit_cast<float>(ax) * 16777216.0f;  // * 2^24
    return static_cast<std::uint16_t>(sign | static_cast<std::uint16_t>(std::nearbyint(scaled)));
  }
  std::uint32_t h = (((ax >> 23) - 127 + 15) << 10) | ((ax & 0x7fffffu) >> 13);
  const std::uint32_t rem = ax & 0x1fffu;
  if (rem > 0x1000u || (rem == 0x1000u && (h & 1u))) ++h;  // carry may ripple into the exponent: correct
  return static_cast<std::uint16_t>(sign | h);
}

float bfloat16_to_float(std::uint16_t b) { return std::bit_cast<float>(static_cast<std::uint32_t>(b) << 16); }

std::uint16_t float_to_bfloat16(float f) {
  const std::uint32_t x = std::bit_cast<std::uint32_t>(f);
  if ((x & 0x7fffffffu) > 0x7f800000u) return static_cast<std::uint16_t>((x >> 16) | 0x40u);
  return static_cast<std::uint16_t>((x + 0x7fffu + ((x >> 16) & 1u)) >> 16);
}

std::uint32_t tile_bytes(DataFormat f) {
  switch (f) {
    case DataFormat::Float32:
      return 4096;
    case DataFormat::Float16:
    case DataFormat::Float16_b:
      return 2048;
    case DataFormat::Bfp8:
    case DataFormat::Bfp8_b:
      return 1088;
    case DataFormat::Bfp4:
    case DataFormat::Bfp4_b:
      return 576;
    default:
      return 0;
  }
}

const char* format_name(DataFormat f) {
  switch (f) {
    case DataFormat::Float32:
      return "Float32";
    case DataFormat::Float16:
      return "Float16";
    case DataFormat::Float16_b:
      return "Float16_b";
    case DataFormat::Bfp8:
      return "Bfp8";
    case DataFormat::Bfp8_b:
      return "Bfp8_b";
    case DataFormat::Bfp4:
      return "Bfp4";
    case DataFormat::Bfp4_b:
      return "Bfp4_b";
    case DataFormat::Invalid:
      return "Invalid";
    default:
      return "unsupported";
  }
}

std::optional<DataFormat> parse_dtype(std::string_view s) {
  if (s == "float16") return DataFormat::Float16;
  if (s == "bfloat16") return DataFormat::Float16_b;
  if (s == "float32" || s == "float") return DataFormat::Float32;
  if (s == "bfp8_b") return DataFormat::Bfp8_b;
  if (s == "bfp4_b") return DataFormat::Bfp4_b;
  if (s == "Float16") return DataFormat::Float16;
  if (s == "Float16_b") return DataFormat::Float16_b;
  if (s == "Float32") return DataFormat::Float32;
  if (s == "Bfp8_b") return DataFormat::Bfp8_b;
  if (s == "Bfp4_b") return DataFormat::Bfp4_b;
  return std::nullopt;
}

bool is_emulated_format(DataFormat f) {
  return f == DataFormat::Float32 || f == DataFormat::Float16 || f == DataFormat::Float16_b;
}

bool is_16bit_format(DataFormat f) { return f == DataFormat::Float16 || f == DataFormat::Float16_b; }

float round_to_format(float v, DataFormat f) {
  switch (f) {
    case DataFormat::Float16:
      return half_to_float(float_to_half(v));
    case DataFormat::Float16_b:
      return bfloat16_to_float(float_to_bfloat16(v));
    default:
      return v;
  }
}

float truncate_to_tf32(float v) {
  std::uint32_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  if ((bits & 0x7f800000u) != 0x7f800000u) bits &= 0xffffe000u;  // keep 10 of 23 mantissa bits; inf/NaN as is
  std::memcpy(&v, &bits, sizeof bits);
  return v;
}

void through_src_register(float* tile, DataFormat f) {
  if (f != DataFormat::Float32) return;
  for (std::uint32_t i = 0; i < kTileElems; ++i) tile[i] = truncate_to_tf32(tile[i]);
}

// unpack_tile / pack_tile: tile_convert.cpp (vectorised).

double tile_element(const std::uint8_t* tile, DataFormat f, std::uint32_t i) {
  if (f == DataFormat::Float32) {
    float v;
    std::memcpy(&v, tile + 4 * i, 4);
    return v;
  }
  std::uint16_t raw;
  std::memcpy(&raw, tile + 2 * i, 2);
  return f == DataFormat::Float16 ? half_to_float(raw) : bfloat16_to_float(raw);
}

void fill_nan(std::uint8_t* dst, DataFormat f, std::uint32_t elems) {
  for (std::uint32_t i = 0; i < elems; ++i) {
    if (f == DataFormat::Float32) {
      const std::uint32_t nan = 0x7fc00000u;
      std::memcpy(dst + 4 * i, &nan, 4);
    } else {
      const std::uint16_t nan = f == DataFormat::Float16 ? 0x7e00u : 0x7fc0u;
      std::memcpy(dst + 2 * i, &nan, 2);
    }
  }
}

}  // namespace ttemu
