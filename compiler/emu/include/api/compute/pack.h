// Packing DST tiles into a CB (tt_metal/hw/inc/api/compute/pack.h). pack_tile converts to the CB's
// data format with round-to-nearest-even; without out_of_order_output each call writes the next reserved page.
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

template <bool out_of_order_output = false>
ALWI void pack_tile(uint32_t ifrom_dst, uint32_t icb, std::uint32_t output_tile_index = 0,
                    std::source_location loc = std::source_location::current()) {
  ttemu::api::pack_tile(ifrom_dst, icb, output_tile_index, out_of_order_output, ttemu::api::at(loc));
}

ALWI void pack_reconfig_data_format(const uint32_t new_operand,
                                    std::source_location loc = std::source_location::current()) {
  ttemu::api::reconfig_pack(new_operand, ttemu::api::at(loc));
}

ALWI void pack_reconfig_data_format(const uint32_t old_operand, const uint32_t new_operand,
                                    std::source_location loc = std::source_location::current()) {
  (void)old_operand;
  ttemu::api::reconfig_pack(new_operand, ttemu::api::at(loc));
}

}  // namespace ckernel
