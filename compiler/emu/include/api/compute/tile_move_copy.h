// Copying CB tiles into DST (tt_metal/hw/inc/api/compute/tile_move_copy.h), used to reload spilled
// partial results. copy_tile overwrites DST[idst] with the tile, unpacked through srcA: an fp32 tile is
// truncated to TF32 there unless its CB is UnpackToDestFp32 in ComputeConfig.unpack_to_dest_mode.
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

ALWI void copy_tile_to_dst_init_short(uint32_t cbid, uint32_t transpose = 0,
                                      uint32_t transpose_within_16x16_face = false,
                                      std::source_location loc = std::source_location::current()) {
  (void)transpose_within_16x16_face;
  ttemu::api::copy_init(cbid, transpose, nullptr, ttemu::api::at(loc));
}

ALWI void copy_tile_init(uint32_t cbid, std::source_location loc = std::source_location::current()) {
  ttemu::api::copy_init(cbid, 0, nullptr, ttemu::api::at(loc));
}

ALWI void copy_tile_to_dst_init_short_with_dt(uint32_t old_cbid, uint32_t new_cbid, uint32_t transpose = 0,
                                              std::source_location loc = std::source_location::current()) {
  (void)old_cbid;
  ttemu::api::copy_init(new_cbid, transpose, &new_cbid, ttemu::api::at(loc));
}

ALWI void copy_tile(uint32_t in_cb_id, uint32_t in_tile_index, uint32_t dst_tile_index,
                    std::source_location loc = std::source_location::current()) {
  ttemu::api::copy_tile(in_cb_id, in_tile_index, dst_tile_index, ttemu::api::at(loc));
}

}  // namespace ckernel
