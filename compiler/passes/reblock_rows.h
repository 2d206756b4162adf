// reblock_rows: kernels whose blocks are fewer rows than a tile (rms_norm's blk_m=1, softmax's
// BLOCK_M=1: one row per T.Kernel block) are re-blocked onto whole tile rows, so that every on-chip
// buffer fills its tiles instead of using 1 row of 32. A step of lower_tile_ops (the front-end normal
// form), not an entry of its own in the pipeline; its note and IR change show in that pass's trace.
// Pre:  lower_tile_ops' checks passed (checked tile ops, one T.Kernel).
// Applies when every on-chip buffer is a block of b rows (2-D `(b, n)` or a per-row vector `(b,)`),
// b < the tile's rows R and R % b == 0, and every copy from/to global memory moves rows
// `[r * b, r * b + b)` of dimension 0 for one grid variable r. Otherwise the IR is unchanged (the
// layout passes report blocks that are not tile aligned).
// Legal only when rows are independent, proven structurally: every element-wise store and load of an
// on-chip buffer indexes dimension 0 by the variable of the enclosing T.Parallel loop over the b rows
// (row i only reads row i), reductions of 2-D blocks run along dim 1 (within a row), there is no
// T.gemm, and r appears nowhere but in those row starts. Otherwise an `unsupported` error says which
// statement ties rows together and that blocks of R rows would work.
// Post: grid extent along r divided by R / b; on-chip buffers and their regions have R rows; the
//       row T.Parallel loops run over R; global row starts are r * R with extent R. A note says what
//       was re-blocked. Rows beyond the tensor (rows % R != 0) are an `unsupported` error (no padding).
// Test: tests/unit/reblock_rows_test.cpp
#pragma once

#include "compiler/ir/diagnostics.h"
#include "compiler/ir/ir.h"
#include "compiler/target/device.h"

namespace tt::passes {

// Returns false after an error (diags has it); true when re-blocked (with a note) or not applicable.
bool reblock_rows(ir::PrimFunc& func, const DeviceModel& device, DiagnosticList& diags);

}  // namespace tt::passes
