// Tile matmul (tt_metal/hw/inc/api/compute/matmul.h): matmul_init configures the unpacker and math engine
// (after compute_kernel_hw_startup<SrcOrder::Reverse>); matmul_tiles accumulates DST[idst] += in0 x in1, with
// in0 unpacked through srcB and in1 through srcA, both at most TF32. The 2025 mm_init family and the
// 6-argument matmul_tiles are gone, as in tt-metal (PR #33992, PR #50570).
#pragma once

#include "api/compute/common.h"

namespace ckernel {

ALWI void matmul_init(uint32_t in0_cb_id, uint32_t in1_cb_id, const uint32_t transpose = 0,
                      std::source_location loc = std::source_location::current()) {
  ttemu::api::matmul_init(in0_cb_id, in1_cb_id, transpose, ttemu::api::at(loc));
}

ALWI void matmul_tiles(uint32_t in0_cb_id, uint32_t in1_cb_id, uint32_t in0_tile_index, uint32_t in1_tile_index,
                       uint32_t idst, std::source_location loc = std::source_location::current()) {
  ttemu::api::matmul_tiles(in0_cb_id, in1_cb_id, in0_tile_index, in1_tile_index, idst, ttemu::api::at(loc));
}

}  // namespace ckernel
