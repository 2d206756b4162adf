// Whole-tile unpack (stored format -> fp32) and pack (fp32 -> stored format), the emulator's hottest
// conversions: every matmul_tiles unpacks two tiles. A stored tile is four 16x16 faces, so each row-major
// half row (16 elements) is contiguous in storage: the loops below run over 64 such runs, and the per-element
// conversions are branch-free bit arithmetic on 16-lane GCC vectors (target_clones compiles them for AVX-512,
// AVX2 and the x86-64 baseline and picks one at load time; another architecture gets its own vectors). Each produces
// exactly the bits of the scalar conversions in numeric.cpp (half_to_float, float_to_half, float_to_bfloat16), NaN
// payloads and subnormals included; emu_numeric_test checks that over every half and a sweep of floats.
#include <cstring>

#include "numeric.h"

namespace ttemu {

namespace {

constexpr std::uint32_t kRuns = kTileElems / kFaceDim;  // 64 runs of 16 contiguous elements

// Storage offset of the run that holds row-major elements [16 * run, 16 * run + 16) of a tile.
constexpr std::uint32_t run_offset(std::uint32_t run) {
  const std::uint32_t row = run / 2, half = run % 2;
  return face_layout_index(row, half * kFaceDim);
}

// A run of 16 elements as one GCC vector: lowered to AVX-512, AVX2 or SSE2 by the clone being compiled.
using U16x16 = std::uint16_t __attribute__((vector_size(32)));
using U32x16 = std::uint32_t __attribute__((vector_size(64)));
using F32x16 = float __attribute__((vector_size(64)));

// half_to_float: exponent rebias by integer addition; a subnormal half (exponent 0) is made a normal float
// with the implicit bit set and the bias of 2^-14 subtracted again, which is exact.
[[gnu::always_inline]] inline void halves_to_floats(const std::uint16_t* in, float* out) {
  U16x16 raw;
  std::memcpy(&raw, in, sizeof raw);
  const U32x16 h = __builtin_convertvector(raw, U32x16);
  const U32x16 sign = (h & 0x8000u) << 16;
  const U32x16 em = (h & 0x7fffu) << 13;  // exponent and mantissa in place
  const U32x16 exp = em & 0x0f800000u;
  const U32x16 normal = em + ((127u - 15u) << 23);
  const U32x16 special = em + ((255u - 31u) << 23);  // inf / NaN, payload kept
  const U32x16 sub = reinterpret_cast<U32x16>(reinterpret_cast<F32x16>(normal + (1u << 23)) -
                                              reinterpret_cast<F32x16>(U32x16{} + (113u << 23)));
  const U32x16 mag = exp == 0x0f800000u ? special : exp == 0u ? sub : normal;
  const U32x16 bits = sign | mag;
  std::memcpy(out, &bits, sizeof bits);
}

// float_to_half, round to nearest even: a normal result rounds by adding 0xfff plus the kept lsb before the
// shift; a subnormal one by the FPU, adding 0.5 (a value below 2^-14 then has its half ulp as its lsb).
[[gnu::always_inline]] inline void floats_to_halves(const float* in, std::uint16_t* out) {
  U32x16 x;
  std::memcpy(&x, in, sizeof x);
  const U32x16 sign = (x >> 16) & 0x8000u;
  const U32x16 ax = x & 0x7fffffffu;
  const U32x16 nan = 0x7c00u | 0x200u | ((ax >> 13) & 0x3ffu);
  const U32x16 normal = (ax - (112u << 23) + 0xfffu + ((ax >> 13) & 1u)) >> 13;
  const U32x16 sub = reinterpret_cast<U32x16>(reinterpret_cast<F32x16>(ax) + 0.5f) - 0x3f000000u;
  const U32x16 inf = U32x16{} + 0x7c00u;
  const U32x16 mag = ax > 0x7f800000u ? nan : ax >= 0x477ff000u ? inf : ax < 0x38800000u ? sub : normal;
  const U16x16 bits = __builtin_convertvector(sign | mag, U16x16);  // >= 65520 rounds to inf (and inf itself)
  std::memcpy(out, &bits, sizeof bits);
}

[[gnu::always_inline]] inline void floats_to_bfloat16s(const float* in, std::uint16_t* out) {
  U32x16 x;
  std::memcpy(&x, in, sizeof x);
  const U32x16 rounded = (x + 0x7fffu + ((x >> 16) & 1u)) >> 16;
  const U32x16 quiet = (x >> 16) | 0x40u;
  const U16x16 bits = __builtin_convertvector((x & 0x7fffffffu) > 0x7f800000u ? quiet : rounded, U16x16);
  std::memcpy(out, &bits, sizeof bits);
}

[[gnu::always_inline]] inline void bfloat16s_to_floats(const std::uint16_t* in, float* out) {
  U16x16 raw;
  std::memcpy(&raw, in, sizeof raw);
  const U32x16 bits = __builtin_convertvector(raw, U32x16) << 16;
  std::memcpy(out, &bits, sizeof bits);
}

}  // namespace

__attribute__((target_clones("avx512f", "avx2", "default"))) void unpack_tile(const std::uint8_t* src, DataFormat f,
                                                                              float* dst) {
  if (f == DataFormat::Float32) {
    for (std::uint32_t r = 0; r < kRuns; ++r)
      std::memcpy(dst + r * kFaceDim, src + 4 * run_offset(r), kFaceDim * sizeof(float));
    return;
  }
  std::uint16_t raw[kTileElems];
  std::memcpy(raw, src, sizeof(raw));
  if (f == DataFormat::Float16) {
    for (std::uint32_t r = 0; r < kRuns; ++r) halves_to_floats(raw + run_offset(r), dst + r * kFaceDim);
  } else {
    for (std::uint32_t r = 0; r < kRuns; ++r) bfloat16s_to_floats(raw + run_offset(r), dst + r * kFaceDim);
  }
}

__attribute__((target_clones("avx512f", "avx2", "default"))) void pack_tile(const float* src, DataFormat f,
                                                                            std::uint8_t* dst) {
  if (f == DataFormat::Float32) {
    for (std::uint32_t r = 0; r < kRuns; ++r)
      std::memcpy(dst + 4 * run_offset(r), src + r * kFaceDim, kFaceDim * sizeof(float));
    return;
  }
  std::uint16_t raw[kTileElems];
  for (std::uint32_t r = 0; r < kRuns; ++r) {
    if (f == DataFormat::Float16) {
      floats_to_halves(src + r * kFaceDim, raw + run_offset(r));
    } else {
      floats_to_bfloat16s(src + r * kFaceDim, raw + run_offset(r));
    }
  }
  std::memcpy(dst, raw, sizeof(raw));
}

}  // namespace ttemu
