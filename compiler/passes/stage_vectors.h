// stage_vectors: a 1-D global buffer read inside T.Parallel (a bias, `C_local[i, j] + Bias[bx * block_N + j]`) is
// staged on chip as a broadcast vector block, so that every later pass sees the usual shape of a tile op: a reader
// copy into a CB, and an element-wise load of an on-chip block. A step of lower_tile_ops (the front-end normal form),
// not an entry of its own in the pipeline; its IR change shows in that pass's trace.
// Pre:  lower_tile_ops' checks passed. A load of a 1-D global buffer V inside a nest of T.Parallel loops around
//       stores of 2-D buffers, indexed `start + v` (or `v`) by one loop variable v whose extent is E, where start does
//       not depend on the nest's variables.
// Post: per nest and (V, start, orientation), an on-chip vector `V_bcast` (`V_bcast_col` when v indexes the store's
//       rows) of E elements, allocated and filled by `T.copy(V[start], V_bcast)` just before the nest; the load
//       becomes `V_bcast[v]`: a vector beside a 2-D block as tile_vectors.h describes them, a row vector when v
//       indexes the store's columns (one value per output column, `Bias[bx * block_N + j]`), a column vector when it
//       indexes its rows (`Bias[by * block_M + i]`). infer_tt_layout lays V out in DRAM the same way (row 0 or
//       column 0 of its tiles).
//       Any other index or use is an `unsupported` error naming the load and what is supported.
// Test: tests/unit/stage_vectors_test.cpp
#pragma once

#include "compiler/ir/diagnostics.h"
#include "compiler/ir/ir.h"

namespace tt::passes {

// Returns false after an error (diags has it); true when staged or not applicable.
bool stage_vectors(ir::PrimFunc& func, DiagnosticList& diags);

}  // namespace tt::passes
