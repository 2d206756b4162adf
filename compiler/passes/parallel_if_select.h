// parallel_if_select: inside a T.Parallel map, `if cond: x[idx] = a` / `else: x[idx] = b` (a Python
// if or TVM script's `with T.If(cond): with T.Then(): ... with T.Else(): ...`, the same IfNode) is the
// element-wise select `x[idx] = T.if_then_else(cond, a, b)` (b = x[idx] when there is no else): every
// element of the map is independent, so the branch of one element is the select of its value. The
// TT lowering computes whole tiles and knows selects (tile_mask.h: flash attention's causal mask), not
// per-element control flow. A step of lower_tile_ops (the front-end normal form), like reblock_rows.
// Pre:  lower_tile_ops' checks passed.
// Applies to an IfNode anywhere inside a T.Parallel loop whose branches are each exactly one store, both
//       to the same element (same on-chip buffer, structurally equal indices); nested ifs are converted from
//       the inside out. Any other if is left as it is (later passes name what they do not lower), among them
//       a guarded store to a global buffer (`if row < rows: C[...] = C_local[i, j]`), whose select would
//       read the output.
// Post: those IfNodes are stores of a select, spanning the if's header. Exact: both values are pure
//       expressions of the element, and the select takes one of them (a value the untaken branch would
//       have computed, an inf or a NaN, never reaches the store).
// Test: tests/unit/parallel_if_select_test.cpp
#pragma once

#include "compiler/ir/ir.h"

namespace tt::passes {

// The number of ifs converted.
int parallel_if_select(ir::PrimFunc& func);

}  // namespace tt::passes
