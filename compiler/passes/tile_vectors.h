// 1-D on-chip fragments ("vectors": a reduction's result, `lse[i]`) and the one-tile CBs of ones that the
// reduce scaler and broadcasts read. Shared by propagate_tt_layout (which sizes their CBs) and tensorize_tt
// (which lowers their producers and users), so both decide the same way. The layout itself is documented
// in propagate_tt_layout.cpp ("Vectors").
#pragma once

#include <string>
#include <vector>

#include "compiler/ir/ir.h"

namespace tt::passes {

// How a vector lies in its tiles: a column vector (dim=1 result, `m[i]` beside `x[i, j]`) is column 0 of a
// column of tiles; a row vector (dim=0 result, `v[j]`) is row 0 of a row of tiles.
enum class VectorAxis { Column, Row };
const char* vector_axis_name(VectorAxis axis);

// The CB holding one tile of 1.0 in `dtype`: the scaler page of reduce_tile (SUM and MAX read row 0 of each
// face) and the left operand of `mul_tiles_bcast_*` that broadcasts a vector into DST.
std::string ones_tile_cb(DataType dtype);

// The dtypes whose ones tile the kernel needs, in enum order: the sources of T.reduce_* and the vectors
// read by a 2-D T.Parallel map.
std::vector<DataType> ones_tile_dtypes(const ir::Stmt& body);

}  // namespace tt::passes
