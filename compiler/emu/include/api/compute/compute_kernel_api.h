// The SFPU unary ops that tt-metal still declares in tt_metal/hw/inc/api/compute/compute_kernel_api.h
// (log, abs, sigmoid): each *_tile_init programs the SFPU, *_tile applies the op to DST[idst] in place.
// Δ the real sigmoid_tile's vec_mode template argument is accepted but every face is computed (VectorMode::RC).
#pragma once

#include <cmath>

#include "api/compute/common.h"

namespace ckernel {

template <bool fast_and_approx = false>
ALWI void log_tile_init(std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_init(ttemu::api::SfpuUnary::Log, "log_tile_init", ttemu::api::at(loc));
}

template <bool fast_and_approx = false>
ALWI void log_tile(uint32_t idst, std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_unary(ttemu::api::SfpuUnary::Log, idst, "log_tile", ttemu::api::at(loc));
}

ALWI void abs_tile_init(std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_init(ttemu::api::SfpuUnary::Abs, "abs_tile_init", ttemu::api::at(loc));
}

ALWI void abs_tile(uint32_t idst, std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_unary(ttemu::api::SfpuUnary::Abs, idst, "abs_tile", ttemu::api::at(loc));
}

template <bool fast_and_approx = false>
ALWI void sigmoid_tile_init(std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_init(ttemu::api::SfpuUnary::Sigmoid, "sigmoid_tile_init", ttemu::api::at(loc));
}

template <int vec_mode = 0, bool fast_and_approx = false>
ALWI void sigmoid_tile(uint32_t idst, std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_unary(ttemu::api::SfpuUnary::Sigmoid, idst, "sigmoid_tile", ttemu::api::at(loc));
}

// exp2, log with a base, and max/min with a scalar, also in compute_kernel_api.h @5ef97f35 (sfpu_program API).
// Δ the real exp2_tile runs exp in its approximate mode; the exact 2^x is emulated.
ALWI void exp2_tile_init(std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_program("exp2_tile_init", ttemu::api::at(loc));
}

ALWI void exp2_tile(uint32_t idst, std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_map(
      "exp2_tile", "exp2_tile_init", idst, [](float x, float) { return std::exp2(x); }, 0.0f, ttemu::api::at(loc));
}

// log_with_base_tile(idst, base_scale): ln(x) * base_scale, base_scale the bits of 1 / ln(base) (0x3fb8aa3b: log2).
template <bool fast_and_approx = false>
ALWI void log_with_base_tile_init(std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_program("log_with_base_tile_init", ttemu::api::at(loc));
}

template <bool fast_and_approx = false>
ALWI void log_with_base_tile(uint32_t idst, uint32_t base_scale,
                             std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_map(
      "log_with_base_tile", "log_with_base_tile_init", idst, [](float x, float scale) { return std::log(x) * scale; },
      std::bit_cast<float>(base_scale), ttemu::api::at(loc));
}

// unary_max_tile / unary_min_tile(idst, param0): max(x, value) / min(x, value), param0 the value's fp32 bits.
ALWI void unary_max_tile_init(std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_program("unary_max_tile_init", ttemu::api::at(loc));
}

ALWI void unary_max_tile(uint32_t idst, uint32_t param0, std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_map(
      "unary_max_tile", "unary_max_tile_init", idst, [](float x, float v) { return x > v ? x : v; },
      std::bit_cast<float>(param0), ttemu::api::at(loc));
}

ALWI void unary_min_tile_init(std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_program("unary_min_tile_init", ttemu::api::at(loc));
}

ALWI void unary_min_tile(uint32_t idst, uint32_t param0, std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_map(
      "unary_min_tile", "unary_min_tile_init", idst, [](float x, float v) { return x < v ? x : v; },
      std::bit_cast<float>(param0), ttemu::api::at(loc));
}

// tanh_tile_init / tanh_tile(idst): tanh(x) in place (compute_kernel_api.h @00b0fa3f).
template <bool fast_and_approx = false>
ALWI void tanh_tile_init(std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_program("tanh_tile_init", ttemu::api::at(loc));
}

template <bool fast_and_approx = false>
ALWI void tanh_tile(uint32_t idst, std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_map(
      "tanh_tile", "tanh_tile_init", idst, [](float x, float) { return std::tanh(x); }, 0.0f, ttemu::api::at(loc));
}

}  // namespace ckernel
