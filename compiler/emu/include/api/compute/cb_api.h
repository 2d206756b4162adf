// Compute-side circular-buffer calls (tt_metal/hw/inc/api/compute/cb_api.h): same protocol and
// checks as the dataflow side.
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

ALWI void cb_wait_front(uint32_t cbid, uint32_t ntiles, std::source_location loc = std::source_location::current()) {
  ttemu::api::cb_wait_front(static_cast<std::int32_t>(cbid), static_cast<std::int32_t>(ntiles), ttemu::api::at(loc));
}

ALWI void cb_pop_front(uint32_t cbid, uint32_t ntiles, std::source_location loc = std::source_location::current()) {
  ttemu::api::cb_pop_front(static_cast<std::int32_t>(cbid), static_cast<std::int32_t>(ntiles), ttemu::api::at(loc));
}

ALWI void cb_reserve_back(uint32_t cbid, uint32_t ntiles, std::source_location loc = std::source_location::current()) {
  ttemu::api::cb_reserve_back(static_cast<std::int32_t>(cbid), static_cast<std::int32_t>(ntiles), ttemu::api::at(loc));
}

ALWI void cb_push_back(uint32_t cbid, uint32_t ntiles, std::source_location loc = std::source_location::current()) {
  ttemu::api::cb_push_back(static_cast<std::int32_t>(cbid), static_cast<std::int32_t>(ntiles), ttemu::api::at(loc));
}

}  // namespace ckernel
