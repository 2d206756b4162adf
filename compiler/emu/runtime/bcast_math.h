// The operand B of the broadcast binary ops (api/compute/bcast.h) as the unpacker hands it to srcB: one row,
// one column or one element of a 32x32 row-major tile repeated over the whole tile.
#pragma once

#include <cstdint>

namespace ttemu {

// BroadcastType {ROW, COL, SCALAR} (llk_unpack_AB<BroadcastType>): Row repeats row `row_index` of B down every
// row (C[r][c] = A[r][c] op B[row_index][c]), Col repeats column 0 across every column (C[r][c] = A[r][c] op
// B[r][0], the column vector a REDUCE_ROW leaves), Scalar repeats B[0][0].
enum class BcastAxis { Row, Col, Scalar };

// `out` = the broadcast of tile `b` (row-major 32x32); the rest of `b` is never read.
void broadcast_tile(const float* b, BcastAxis axis, std::uint32_t row_index, float* out);

}  // namespace ttemu
