// reduce_init / reduce_tile / reduce_uninit (tt_metal/hw/inc/api/compute/reduce.h): pool a tile of icb, scaled
// by the scaler tile of icb_scaler ("first row of each face": 1 for SUM and MAX, 1/N for AVG), into DST[idst];
// repeated calls accumulate into the same DST tile. REDUCE_ROW leaves a column vector (column 0), REDUCE_COL a
// row vector (row 0), REDUCE_SCALAR one value (DST[0][0]). Δ the real templates default reduce_type and reduce_dim
// to the REDUCE_OP / REDUCE_DIM defines and reduce_init takes `call_line = __builtin_LINE()`; here both template
// arguments must be given, and enforce_fp32_accumulation is accepted but DST precision follows fp32_dest_acc_en.
#pragma once

#include "api/compute/common.h"

namespace ckernel {

enum PoolType { SUM, AVG, MAX };
enum ReduceDim { REDUCE_ROW, REDUCE_COL, REDUCE_SCALAR };

namespace reduce_detail {
constexpr ttemu::api::ReducePool pool(PoolType t) {
  return t == SUM ? ttemu::api::ReducePool::Sum : t == AVG ? ttemu::api::ReducePool::Avg : ttemu::api::ReducePool::Max;
}
constexpr ttemu::api::ReduceDimension dim(ReduceDim d) {
  return d == REDUCE_ROW   ? ttemu::api::ReduceDimension::Row
         : d == REDUCE_COL ? ttemu::api::ReduceDimension::Col
                           : ttemu::api::ReduceDimension::Scalar;
}
}  // namespace reduce_detail

template <PoolType reduce_type, ReduceDim reduce_dim, bool enforce_fp32_accumulation = false>
ALWI void reduce_init(uint32_t icb, uint32_t icb_scaler, uint32_t ocb,
                      std::source_location loc = std::source_location::current()) {
  ttemu::api::reduce_init(reduce_detail::pool(reduce_type), reduce_detail::dim(reduce_dim), icb, icb_scaler, ocb,
                          ttemu::api::at(loc));
}

template <PoolType reduce_type, ReduceDim reduce_dim, bool enforce_fp32_accumulation = false>
ALWI void reduce_tile(uint32_t icb, uint32_t icb_scaler, uint32_t itile, uint32_t itile_scaler, uint32_t idst,
                      std::source_location loc = std::source_location::current()) {
  ttemu::api::reduce_tile(reduce_detail::pool(reduce_type), reduce_detail::dim(reduce_dim), icb, icb_scaler, itile,
                          itile_scaler, idst, ttemu::api::at(loc));
}

template <bool enforce_fp32_accumulation = false>
ALWI void reduce_uninit(uint32_t icb = 0, std::source_location loc = std::source_location::current()) {
  (void)icb;
  ttemu::api::reduce_uninit(ttemu::api::at(loc));
}

}  // namespace ckernel
