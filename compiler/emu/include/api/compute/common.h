// Compute kernel API base (tt_metal/hw/inc/api/compute/common.h): runtime/compile-time arguments plus
// the CB, DST-register and pack calls every compute kernel uses.
#pragma once

#include <bit>

#include "api/compute/cb_api.h"
#include "api/compute/common_globals.h"
#include "api/compute/pack.h"
#include "api/compute/reconfig_data_format.h"
#include "api/compute/reg_api.h"

template <typename T>
FORCE_INLINE T get_arg_val(int arg_idx, std::source_location loc = std::source_location::current()) {
  static_assert(sizeof(T) == 4, "Error: only 4B args are supported");
  return std::bit_cast<T>(ttemu::api::runtime_arg(arg_idx, ttemu::api::at(loc)));
}
