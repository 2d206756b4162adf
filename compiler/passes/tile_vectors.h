// 1-D on-chip fragments ("vectors": a reduction's result, `lse[i]`) and the one-tile CBs of ones that the
// reduce scaler and broadcasts read. Shared by propagate_tt_layout (which sizes their CBs) and tensorize_tt
// (which lowers their producers and users), so both decide the same way. The layout itself is documented
// in propagate_tt_layout.cpp ("Vectors").
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/diagnostics.h"
#include "compiler/ir/ir.h"

namespace tt::passes {

// How a vector lies in its tiles: a column vector (dim=1 result, `m[i]` beside `x[i, j]`) is column 0 of a
// column of tiles; a row vector (dim=0 result, `v[j]`) is row 0 of a row of tiles.
enum class VectorAxis { Column, Row };
const char* vector_axis_name(VectorAxis axis);

// Every producer and user of a vector must agree on its axis (a column vector's values sit in column 0 of its tiles,
// a row vector's in row 0: mixing them would read don't-care values). Axes come from T.reduce_* (dim 1: column,
// dim 0: row) and from 2-D maps (m[i]: column, v[j]: row); vector maps, fills-then-updates and copies between
// vectors share one axis. A vector used both ways is reported ([unsupported], naming both uses); returns false.
bool check_vector_axes(const ir::Stmt& body, DiagnosticList& diags);

// The CB holding one tile of 1.0 in `dtype`: the scaler page of reduce_tile (SUM and MAX read row 0 of each
// face) and the left operand of `mul_tiles_bcast_*` that broadcasts a vector into DST.
std::string ones_tile_cb(DataType dtype);

// The dtypes whose ones tile the kernel needs, in enum order: the sources of T.reduce_* and the vectors
// read by a 2-D T.Parallel map.
std::vector<DataType> ones_tile_dtypes(const ir::Stmt& body);

// Streaming a map into a reduction: `E = f(...)` over a 2-D block, right before `T.reduce_*(E, v, ...)` in the
// same sequence, where E is read nowhere else and f does not read v. Its tiles need not all be resident: each is
// pooled as soon as it is packed, so E's CB is a two-page ring (propagate_tt_layout sizes it, tensorize_tt lowers
// the pair). Returns each such reduction with the map loop that feeds it.
std::map<const ir::StmtNode*, ir::Stmt> streamed_reductions(const ir::Stmt& body);

// T.reduce_min, T.reduce_absmax and T.reduce_abssum have no PoolType of their own: they pool MAX, MAX and SUM over a
// prepared copy of the block (-x, |x|, |x|) that compute streams through a two-page ring CB `cb` (named after the
// block), and min(x) = -max(-x) negates the result (and, with clear=False, the old values first). Exact: negation
// and absolute value are exact in every format.
struct PreparedReduction {
  std::string cb;
  DataType dtype;
  ir::UnaryOp prepare;  // Neg or Abs
  ir::ReduceKind pool;  // Max or Sum
  bool negate_result;   // min
};
std::optional<PreparedReduction> prepared_reduction(const ir::ReduceNode& op);
// Every prepared copy's CB in the kernel, each once, in program order.
std::vector<PreparedReduction> prepared_reductions(const ir::Stmt& body);

}  // namespace tt::passes
