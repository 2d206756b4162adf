// Unpacker source-format reconfiguration (tt_metal/hw/inc/api/compute/reconfig_data_format.h).
// The emulator tracks the srcA/srcB formats and faults when a tile is unpacked with the wrong one.
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

template <bool to_from_int8 = false>
ALWI void reconfig_data_format(const uint32_t srca_new_operand, const uint32_t srcb_new_operand,
                               std::source_location loc = std::source_location::current()) {
  ttemu::api::reconfig_unpack(&srca_new_operand, &srcb_new_operand, ttemu::api::at(loc));
}

template <bool to_from_int8 = false>
ALWI void reconfig_data_format(const uint32_t srca_old_operand, const uint32_t srca_new_operand,
                               const uint32_t srcb_old_operand, const uint32_t srcb_new_operand,
                               std::source_location loc = std::source_location::current()) {
  (void)srca_old_operand;
  (void)srcb_old_operand;
  ttemu::api::reconfig_unpack(&srca_new_operand, &srcb_new_operand, ttemu::api::at(loc));
}

template <bool to_from_int8 = false>
ALWI void reconfig_data_format_srca(const uint32_t srca_new_operand,
                                    std::source_location loc = std::source_location::current()) {
  ttemu::api::reconfig_unpack(&srca_new_operand, nullptr, ttemu::api::at(loc));
}

template <bool to_from_int8 = false>
ALWI void reconfig_data_format_srca(const uint32_t srca_old_operand, const uint32_t srca_new_operand,
                                    std::source_location loc = std::source_location::current()) {
  (void)srca_old_operand;
  ttemu::api::reconfig_unpack(&srca_new_operand, nullptr, ttemu::api::at(loc));
}

template <bool to_from_int8 = false>
ALWI void reconfig_data_format_srcb(const uint32_t srcb_new_operand,
                                    std::source_location loc = std::source_location::current()) {
  ttemu::api::reconfig_unpack(nullptr, &srcb_new_operand, ttemu::api::at(loc));
}

template <bool to_from_int8 = false>
ALWI void reconfig_data_format_srcb(const uint32_t srcb_old_operand, const uint32_t srcb_new_operand,
                                    std::source_location loc = std::source_location::current()) {
  (void)srcb_old_operand;
  ttemu::api::reconfig_unpack(nullptr, &srcb_new_operand, ttemu::api::at(loc));
}

}  // namespace ckernel
