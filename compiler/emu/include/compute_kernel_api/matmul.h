// Tile matmul (tt_metal/include/compute_kernel_api/matmul.h): DST[idst] += in0_tile x in1_tile (in1 transposed
// when asked), accumulated in fp32. As on hardware, in0 is unpacked through srcB and in1 through srcA.
#pragma once

#include "compute_kernel_api/common.h"

namespace ckernel {

ALWI void mm_init(uint32_t in0_cb_id, uint32_t in1_cb_id, uint32_t out_cb_id, const uint32_t transpose = 0,
                  std::source_location loc = std::source_location::current()) {
  ttemu::api::mm_init(in0_cb_id, in1_cb_id, out_cb_id, transpose, ttemu::api::at(loc));
}

// The 6-argument form is tt-metal's signature at the checked commit; newer tt-metal drops `transpose`
// (taken from mm_init), so the 5-argument form compiles too.
ALWI void matmul_tiles(uint32_t in0_cb_id, uint32_t in1_cb_id, uint32_t in0_tile_index, uint32_t in1_tile_index,
                       uint32_t idst, const uint32_t transpose = ttemu::api::kTransposeFromInit,
                       std::source_location loc = std::source_location::current()) {
  ttemu::api::matmul_tiles(in0_cb_id, in1_cb_id, in0_tile_index, in1_tile_index, idst, transpose, ttemu::api::at(loc));
}

ALWI void mm_init_short(uint32_t in0_cb_id, uint32_t in1_cb_id, const uint32_t transpose = 0,
                        std::source_location loc = std::source_location::current()) {
  ttemu::api::mm_init_short(in0_cb_id, in1_cb_id, transpose, nullptr, ttemu::api::at(loc));
}

// Back to matmul after another op reconfigured srcA (e.g. copy_tile from a partials CB): srcA <- in1's format.
ALWI void mm_init_short_with_dt(uint32_t in0_cb_id, uint32_t in1_cb_id, uint32_t c_in_old_srca,
                                const uint32_t transpose = 0,
                                std::source_location loc = std::source_location::current()) {
  (void)c_in_old_srca;
  ttemu::api::mm_init_short(in0_cb_id, in1_cb_id, transpose, &in1_cb_id, ttemu::api::at(loc));
}

}  // namespace ckernel
