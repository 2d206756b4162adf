// The arithmetic of reduce_tile (api/compute/reduce.h) on row-major 32x32 fp32 tiles, as the Tensix FPU
// pools: GAPOOL (sum) / GMPOOL (max) reduce a 16x16 srcA face against row 0 of the matching scaler face.
#pragma once

namespace ttemu {

enum class ReducePoolOp { Sum, Avg, Max };   // PoolType {SUM, AVG, MAX}
enum class ReduceAxis { Row, Col, Scalar };  // ReduceDim {REDUCE_ROW, REDUCE_COL, REDUCE_SCALAR}

// Pools tile `a` into `dst`. Each element a[r][c] is first scaled by the scaler tile's value at row 0 of the
// face holding (r, c), column (Row: c; Col, Scalar: the face's first column + r % 16): the "first row of each
// face" convention of reduce.h; the rest of the scaler tile is never read. Results accumulate into what DST
// holds (Sum/Avg: +, Max: max), reduce_tile being called once per tile along the reduced dimension:
//   Row:    dst[r][0] (a column vector),  Col: dst[0][c] (a row vector),  Scalar: dst[0][0].
// `dst_cleared`: DST was zeroed by the section's acquire and not written since; GMPOOL reads such rows as
// minus infinity (ISA: "ZEROACC can be used prior to GMPOOL"), so a max over negative values is exact.
// The other elements of the rows (Row: columns 1-15) / columns (Col: rows 1-15) that pooling passes through
// are written as zero (undefined on silicon; consumers read only the vector).
void reduce_tile_accumulate(float* dst, bool dst_cleared, const float* a, const float* scaler, ReducePoolOp op,
                            ReduceAxis axis);

}  // namespace ttemu
