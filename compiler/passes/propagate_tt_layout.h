// propagate_tt_layout: derives `tt.cb.<name>` (CircularBuffer) for every buffer that moves through L1.
// Pre:  lower_tile_ops and infer_tt_layout succeeded.
// Post: one CB per T.alloc_shared/T.alloc_fragment buffer (T.alloc_local stays in registers) and one
//       output staging CB per global buffer written from on chip (named after that global buffer):
//   - filled by a T.copy from global memory: role input, reader -> compute. Its depth is the
//     num_stages of the copy's innermost enclosing loop when that loop is T.Pipelined with
//     num_stages >= 1, and 1 otherwise (a serial loop, or no loop, asks for no overlap: single
//     buffering is what the source says, not a guess). Copies filling one buffer must agree.
//   - any other on-chip buffer (the gemm accumulator, scratch fragments): role intermediate,
//     compute -> compute, depth 1 (compute owns it; spilled partial sums are reloaded in place).
//   - output staging (`tt.cb.C`): role output, compute -> writer, dtype of C, tiles of the copied
//     block, depth 1 (one block per persistent-loop iteration; nothing asks for more).
//   tiles_per_stage = tiles of the buffer (or copied block); page_size = the device's tile bytes
//   for the CB's dtype; num_pages = tiles_per_stage * depth; bytes = num_pages * page_size.
//   Indices by role in order of first use in the IR: inputs c_0.., outputs c_16.., intermediates
//   c_24..; more than 16/8/8 of a role, or an index beyond the device's max_circular_buffers, is an error.
// Test: tests/unit/propagate_tt_layout_test.cpp
#pragma once

#include "compiler/passes/pass_manager.h"

namespace tt::passes {

bool propagate_tt_layout(ir::Module& module, const PassContext& ctx, DiagnosticList& diags);

}  // namespace tt::passes
