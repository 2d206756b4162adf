// layout_aware_work_partition_tt: Partition output blocks over the worker grid: tt.partition_mode, tt.grid_tiles, tt.core_ranges, runtime args.
// (Stub: to be implemented; see the pipeline issue.)
#pragma once

#include "compiler/passes/pass_manager.h"

namespace tt::passes {

bool layout_aware_work_partition_tt(ir::Module& module, const PassContext& ctx, DiagnosticList& diags);

}  // namespace tt::passes
