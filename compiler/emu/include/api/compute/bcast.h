// Broadcast binary ops (tt_metal/hw/inc/api/compute/bcast.h @00b0fa3f): DST[idst] = A op B' where B' is the
// page of icb1 broadcast by the unpacker (runtime/bcast_math.h): *_rows repeat row bcast_row_idx of B down every
// row, *_cols repeat B's column 0 across every column (the column vector a REDUCE_ROW leaves), *_scalar B[0][0].
// Each op needs init_bcast<op, dim> or its *_init_short since the last other init. Δ the real inits take
// `call_line = __builtin_LINE()` (our source_location). unary_bcast_init / unary_bcast / unary_bcast_uninit broadcast
// one CB tile into a DST tile (ROW: its row 0 down every row, COL: its column 0 across every column, SCALAR: [0][0]);
// reconfigure_unary_bcast is not provided.
#pragma once

#include "api/compute/common.h"

namespace ckernel {

// llk_defs / ckernel_defs enumerators; only ADD, SUB and MUL have a broadcast form here.
enum class EltwiseBinaryType { ELWMUL, ELWDIV, ELWADD, ELWSUB, ELWLESS };
enum class BroadcastType { NONE, COL, ROW, SCALAR };

namespace bcast_detail {
constexpr ttemu::api::EltwiseBinary op(EltwiseBinaryType t) {
  return t == EltwiseBinaryType::ELWADD   ? ttemu::api::EltwiseBinary::Add
         : t == EltwiseBinaryType::ELWSUB ? ttemu::api::EltwiseBinary::Sub
                                          : ttemu::api::EltwiseBinary::Mul;
}
constexpr ttemu::api::BcastDim dim(BroadcastType d) {
  return d == BroadcastType::ROW   ? ttemu::api::BcastDim::Row
         : d == BroadcastType::COL ? ttemu::api::BcastDim::Col
                                   : ttemu::api::BcastDim::Scalar;
}
}  // namespace bcast_detail

template <EltwiseBinaryType tBcastOp, BroadcastType tBcastDim>
void init_bcast(uint32_t icb0, uint32_t icb1, uint32_t ocb,
                std::source_location loc = std::source_location::current()) {
  static_assert(tBcastOp == EltwiseBinaryType::ELWADD || tBcastOp == EltwiseBinaryType::ELWSUB ||
                    tBcastOp == EltwiseBinaryType::ELWMUL,
                "the emulator provides add, sub and mul broadcasts");
  static_assert(tBcastDim != BroadcastType::NONE, "init_bcast needs ROW, COL or SCALAR");
  (void)ocb;
  ttemu::api::bcast_init(bcast_detail::op(tBcastOp), bcast_detail::dim(tBcastDim), icb0, icb1, "init_bcast",
                         ttemu::api::at(loc));
}

template <EltwiseBinaryType tBcastOp, BroadcastType tBcastDim>
ALWI void any_tiles_bcast(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst,
                          uint32_t bcast_row_idx = 0, std::source_location loc = std::source_location::current()) {
  ttemu::api::bcast_tiles(bcast_detail::op(tBcastOp), bcast_detail::dim(tBcastDim), icb0, icb1, itile0, itile1, idst,
                          bcast_row_idx, "any_tiles_bcast", ttemu::api::at(loc));
}

template <BroadcastType tBcastDim>
ALWI void add_tiles_bcast(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst,
                          uint32_t bcast_row_idx = 0, std::source_location loc = std::source_location::current()) {
  ttemu::api::bcast_tiles(ttemu::api::EltwiseBinary::Add, bcast_detail::dim(tBcastDim), icb0, icb1, itile0, itile1,
                          idst, bcast_row_idx, "add_tiles_bcast", ttemu::api::at(loc));
}

template <BroadcastType tBcastDim>
ALWI void sub_tiles_bcast(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst,
                          uint32_t bcast_row_idx = 0, std::source_location loc = std::source_location::current()) {
  ttemu::api::bcast_tiles(ttemu::api::EltwiseBinary::Sub, bcast_detail::dim(tBcastDim), icb0, icb1, itile0, itile1,
                          idst, bcast_row_idx, "sub_tiles_bcast", ttemu::api::at(loc));
}

template <BroadcastType tBcastDim>
ALWI void mul_tiles_bcast(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst,
                          uint32_t bcast_row_idx = 0, std::source_location loc = std::source_location::current()) {
  ttemu::api::bcast_tiles(ttemu::api::EltwiseBinary::Mul, bcast_detail::dim(tBcastDim), icb0, icb1, itile0, itile1,
                          idst, bcast_row_idx, "mul_tiles_bcast", ttemu::api::at(loc));
}

ALWI void add_bcast_rows_init_short(uint32_t icb0, uint32_t icb1,
                                    std::source_location loc = std::source_location::current()) {
  ttemu::api::bcast_init(ttemu::api::EltwiseBinary::Add, ttemu::api::BcastDim::Row, icb0, icb1,
                         "add_bcast_rows_init_short", ttemu::api::at(loc));
}

ALWI void add_tiles_bcast_rows(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst,
                               uint32_t bcast_row_idx = 0, std::source_location loc = std::source_location::current()) {
  ttemu::api::bcast_tiles(ttemu::api::EltwiseBinary::Add, ttemu::api::BcastDim::Row, icb0, icb1, itile0, itile1, idst,
                          bcast_row_idx, "add_tiles_bcast_rows", ttemu::api::at(loc));
}

ALWI void sub_bcast_rows_init_short(uint32_t icb0, uint32_t icb1,
                                    std::source_location loc = std::source_location::current()) {
  ttemu::api::bcast_init(ttemu::api::EltwiseBinary::Sub, ttemu::api::BcastDim::Row, icb0, icb1,
                         "sub_bcast_rows_init_short", ttemu::api::at(loc));
}

ALWI void sub_tiles_bcast_rows(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst,
                               uint32_t bcast_row_idx = 0, std::source_location loc = std::source_location::current()) {
  ttemu::api::bcast_tiles(ttemu::api::EltwiseBinary::Sub, ttemu::api::BcastDim::Row, icb0, icb1, itile0, itile1, idst,
                          bcast_row_idx, "sub_tiles_bcast_rows", ttemu::api::at(loc));
}

ALWI void mul_bcast_rows_init_short(uint32_t icb0, uint32_t icb1,
                                    std::source_location loc = std::source_location::current()) {
  ttemu::api::bcast_init(ttemu::api::EltwiseBinary::Mul, ttemu::api::BcastDim::Row, icb0, icb1,
                         "mul_bcast_rows_init_short", ttemu::api::at(loc));
}

ALWI void mul_tiles_bcast_rows(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst,
                               uint32_t bcast_row_idx = 0, std::source_location loc = std::source_location::current()) {
  ttemu::api::bcast_tiles(ttemu::api::EltwiseBinary::Mul, ttemu::api::BcastDim::Row, icb0, icb1, itile0, itile1, idst,
                          bcast_row_idx, "mul_tiles_bcast_rows", ttemu::api::at(loc));
}

ALWI void add_bcast_cols_init_short(uint32_t icb0, uint32_t icb1,
                                    std::source_location loc = std::source_location::current()) {
  ttemu::api::bcast_init(ttemu::api::EltwiseBinary::Add, ttemu::api::BcastDim::Col, icb0, icb1,
                         "add_bcast_cols_init_short", ttemu::api::at(loc));
}

ALWI void add_tiles_bcast_cols(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst,
                               std::source_location loc = std::source_location::current()) {
  ttemu::api::bcast_tiles(ttemu::api::EltwiseBinary::Add, ttemu::api::BcastDim::Col, icb0, icb1, itile0, itile1, idst,
                          0, "add_tiles_bcast_cols", ttemu::api::at(loc));
}

ALWI void sub_bcast_cols_init_short(uint32_t icb0, uint32_t icb1,
                                    std::source_location loc = std::source_location::current()) {
  ttemu::api::bcast_init(ttemu::api::EltwiseBinary::Sub, ttemu::api::BcastDim::Col, icb0, icb1,
                         "sub_bcast_cols_init_short", ttemu::api::at(loc));
}

ALWI void sub_tiles_bcast_cols(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst,
                               std::source_location loc = std::source_location::current()) {
  ttemu::api::bcast_tiles(ttemu::api::EltwiseBinary::Sub, ttemu::api::BcastDim::Col, icb0, icb1, itile0, itile1, idst,
                          0, "sub_tiles_bcast_cols", ttemu::api::at(loc));
}

ALWI void mul_bcast_cols_init_short(uint32_t icb0, uint32_t icb1,
                                    std::source_location loc = std::source_location::current()) {
  ttemu::api::bcast_init(ttemu::api::EltwiseBinary::Mul, ttemu::api::BcastDim::Col, icb0, icb1,
                         "mul_bcast_cols_init_short", ttemu::api::at(loc));
}

ALWI void mul_tiles_bcast_cols(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst,
                               std::source_location loc = std::source_location::current()) {
  ttemu::api::bcast_tiles(ttemu::api::EltwiseBinary::Mul, ttemu::api::BcastDim::Col, icb0, icb1, itile0, itile1, idst,
                          0, "mul_tiles_bcast_cols", ttemu::api::at(loc));
}

ALWI void add_bcast_scalar_init_short(uint32_t icb0, uint32_t icb1,
                                      std::source_location loc = std::source_location::current()) {
  ttemu::api::bcast_init(ttemu::api::EltwiseBinary::Add, ttemu::api::BcastDim::Scalar, icb0, icb1,
                         "add_bcast_scalar_init_short", ttemu::api::at(loc));
}

ALWI void add_tiles_bcast_scalar(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst,
                                 std::source_location loc = std::source_location::current()) {
  ttemu::api::bcast_tiles(ttemu::api::EltwiseBinary::Add, ttemu::api::BcastDim::Scalar, icb0, icb1, itile0, itile1,
                          idst, 0, "add_tiles_bcast_scalar", ttemu::api::at(loc));
}

ALWI void sub_tiles_bcast_scalar_init_short(uint32_t icb0, uint32_t icb1,
                                            std::source_location loc = std::source_location::current()) {
  ttemu::api::bcast_init(ttemu::api::EltwiseBinary::Sub, ttemu::api::BcastDim::Scalar, icb0, icb1,
                         "sub_tiles_bcast_scalar_init_short", ttemu::api::at(loc));
}

ALWI void sub_tiles_bcast_scalar(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst,
                                 std::source_location loc = std::source_location::current()) {
  ttemu::api::bcast_tiles(ttemu::api::EltwiseBinary::Sub, ttemu::api::BcastDim::Scalar, icb0, icb1, itile0, itile1,
                          idst, 0, "sub_tiles_bcast_scalar", ttemu::api::at(loc));
}

ALWI void mul_tiles_bcast_scalar_init_short(uint32_t icb0, uint32_t icb1,
                                            std::source_location loc = std::source_location::current()) {
  ttemu::api::bcast_init(ttemu::api::EltwiseBinary::Mul, ttemu::api::BcastDim::Scalar, icb0, icb1,
                         "mul_tiles_bcast_scalar_init_short", ttemu::api::at(loc));
}

ALWI void mul_tiles_bcast_scalar(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst,
                                 std::source_location loc = std::source_location::current()) {
  ttemu::api::bcast_tiles(ttemu::api::EltwiseBinary::Mul, ttemu::api::BcastDim::Scalar, icb0, icb1, itile0, itile1,
                          idst, 0, "mul_tiles_bcast_scalar", ttemu::api::at(loc));
}

// unary_bcast: DST[dst_tile_index] = the broadcast of page in_tile_index of icb (an fp32 tile unpacked straight to
// DST, any other through srcB, as the header's enable_unpack_to_dest chooses).
template <BroadcastType bcast_type>
ALWI void unary_bcast_init(uint32_t icb, uint32_t ocb, std::source_location loc = std::source_location::current()) {
  static_assert(bcast_type != BroadcastType::NONE, "the emulator provides ROW, COL and SCALAR broadcasts");
  ttemu::api::unary_bcast_init(bcast_detail::dim(bcast_type), icb, ocb, "unary_bcast_init", ttemu::api::at(loc));
}

template <BroadcastType bcast_type>
ALWI void unary_bcast(uint32_t icb, uint32_t in_tile_index, uint32_t dst_tile_index,
                      std::source_location loc = std::source_location::current()) {
  static_assert(bcast_type != BroadcastType::NONE, "the emulator provides ROW, COL and SCALAR broadcasts");
  ttemu::api::unary_bcast(bcast_detail::dim(bcast_type), icb, in_tile_index, dst_tile_index, "unary_bcast",
                          ttemu::api::at(loc));
}

template <BroadcastType bcast_type>
ALWI void unary_bcast_uninit(uint32_t icb, std::source_location loc = std::source_location::current()) {
  ttemu::api::unary_bcast_uninit(bcast_detail::dim(bcast_type), icb, "unary_bcast_uninit", ttemu::api::at(loc));
}

}  // namespace ckernel
