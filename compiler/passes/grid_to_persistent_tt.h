// grid_to_persistent_tt: replaces the T.Kernel launch grid by a per-core persistent loop.
// Pre:  layout_aware_work_partition_tt stamped tt.runtime_arg_names (every role must list
//       start_block and num_blocks; this pass reads nothing else from the metadata).
// Post: the KernelNode becomes
//         start_block = T.tt.runtime_arg(i, "start_block")
//         num_blocks = T.tt.runtime_arg(j, "num_blocks")
//         for block in T.tt.persistent(start_block, start_block + num_blocks):
//             by = block // grid_x
//             bx = block % grid_x
//             <kernel body>
//       (a 3-D grid: bz = block // (grid_x * grid_y), by = block // grid_x % grid_y, bx = block %
//       grid_x; a 1-D grid: bx = block).
//       i, j are the indices in the compute kernel's schema (split_device_kernels re-indexes per
//       role by name). The Lets bind the kernel's own block Var nodes, so every use stays valid;
//       the loop and the Lets carry the kernel's span.
// Test: tests/unit/grid_to_persistent_tt_test.cpp
#pragma once

#include "compiler/passes/pass_manager.h"

namespace tt::passes {

bool grid_to_persistent_tt(ir::Module& module, const PassContext& ctx, DiagnosticList& diags);

}  // namespace tt::passes
