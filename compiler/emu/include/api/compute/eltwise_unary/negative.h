// negative_tile_init / negative_tile (tt_metal/hw/inc/api/compute/eltwise_unary/negative.h): DST[idst] = -x in place. Δ
// the real pair is templated on is_fp32_dest_acc_en (default DST_ACCUM_MODE); called without template arguments, as
// here.
#pragma once

#include "api/compute/common.h"

namespace ckernel {

ALWI void negative_tile_init(std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_init(ttemu::api::SfpuUnary::Negative, "negative_tile_init", ttemu::api::at(loc));
}

ALWI void negative_tile(uint32_t idst, std::source_location loc = std::source_location::current()) {
  ttemu::api::sfpu_unary(ttemu::api::SfpuUnary::Negative, idst, "negative_tile", ttemu::api::at(loc));
}

}  // namespace ckernel
