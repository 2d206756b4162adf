// Compute kernel API base (tt_metal/include/compute_kernel_api/common.h): runtime/compile-time arguments plus
// the CB, DST-register and pack calls every compute kernel uses.
#pragma once

#include <bit>

#include "compute_kernel_api/cb_api.h"
#include "compute_kernel_api/common_globals.h"
#include "compute_kernel_api/pack.h"
#include "compute_kernel_api/reconfig_data_format.h"
#include "compute_kernel_api/reg_api.h"

template <typename T>
FORCE_INLINE T get_arg_val(int arg_idx, std::source_location loc = std::source_location::current()) {
  static_assert(sizeof(T) == 4, "Error: only 4B args are supported");
  return std::bit_cast<T>(ttemu::api::runtime_arg(arg_idx, ttemu::api::at(loc)));
}
