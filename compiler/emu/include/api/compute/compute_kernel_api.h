// The SFPU unary ops that tt-metal still declares in tt_metal/hw/inc/api/compute/compute_kernel_api.h
// (log, abs, sigmoid): each *_tile_init programs the SFPU, *_tile applies the op to DST[idst] in place.
// Δ the real sigmoid_tile's vec_mode template argument is accepted but every face is computed (VectorMode::RC).
#pragma once

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

}  // namespace ckernel
