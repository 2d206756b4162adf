// layout_aware_work_partition_tt: partitions the T.Kernel's output blocks over the device's workers.
// Pre:  infer_tt_layout and propagate_tt_layout succeeded (reads tt.buffer.*, the output tt.cb).
// Post: `tt.partition_mode` "global" (a sharded output needs local_shard: a clear error for now),
//       `tt.grid_tiles` [Mt, Nt] of the output, `tt.core_ranges` (WorkPartition): blocks are the
//       T.Kernel grid, linear id = by * grid_x + bx (a 3-D grid: (bz * grid_y + by) * grid_x + bx;
//       tile_order "row_major", block_grid slowest dim first); every worker core, in
//       row-major order (x fastest: core i is (i % grid_x, i / grid_x)), gets base + (i < rem)
//       blocks starting at the prefix sum, so max - min <= 1 and idle cores have count 0.
//       `tt.runtime_arg_names`: reader [<in>_addr..., start_block, num_blocks] (input/inout params in
//       order), compute [start_block, num_blocks], writer [<out>_addr..., start_block, num_blocks];
//       `tt.runtime_args`: values for active cores only, addresses as RuntimeArgValue{buffer_address}.
// Test: tests/unit/layout_aware_work_partition_tt_test.cpp
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/ir/tt_metadata.h"
#include "compiler/passes/pass_manager.h"

namespace tt::passes {

bool layout_aware_work_partition_tt(ir::Module& module, const PassContext& ctx, DiagnosticList& diags);

// The balanced split itself (exposed for tests and the GUI's what-if views).
std::vector<ir::CoreWork> partition_blocks(int64_t num_blocks, int64_t grid_x, int64_t grid_y);

}  // namespace tt::passes
