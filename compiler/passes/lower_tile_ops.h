// lower_tile_ops: checks that the front end's output is in tile-level normal form and records the
// kernel's T.gemm as `tt.gemm` (GemmInfo).
// Pre:  one PrimFunc whose body holds exactly one T.Kernel (a grid of any rank) with Allocate, Fill,
//       Copy, Gemm, Store and For statements; region starts may be symbolic, extents are constants.
// Post: IR unchanged (except that element-wise ifs in T.Parallel maps become selects:
//       parallel_if_select.h; and that blocks of fewer rows than a tile are re-blocked onto tile rows when
//       rows are independent: reblock_rows.h, with a note; else an `unsupported` error), known to
//       satisfy: every tile op references a parameter or an allocation in scope; buffer names are unique; region extents fit their buffers; copy regions agree in
//       element count and (unit dims aside) shape; gemm operands are on-chip, 2-D, same dtype, a
//       dtype the device's matrix engine takes (operands and accumulator: matmul_dtypes), with
//       (M,K)x(K,N)->(M,N) shapes after transposes; each gemm sits in a reduction loop, found
//       structurally as the enclosing loop whose variable indexes K in the copies into its a/b
//       operands (never by name), or, when no loop indexes K or the accumulator is cleared inside
//       that loop, reduces its whole K in one call (k_iters 1, no reduction_var); any number of gemms
//       per reduction loop, each with its own accumulator (several per kernel: tt.gemms); no T.reduce_*
//       of a shape tensorize_tt does not lower (an `unsupported` error naming the op, after re-blocking).
// Test: tests/unit/lower_tile_ops_test.cpp
#pragma once

#include "compiler/passes/pass_manager.h"

namespace tt::passes {

bool lower_tile_ops(ir::Module& module, const PassContext& ctx, DiagnosticList& diags);

}  // namespace tt::passes
