// memory_space_lower_tt: Shared/fragment allocations become CB allocations sized from tt.cb.*; checks the per-core L1 budget.
// (Stub: to be implemented; see the pipeline issue.)
#pragma once

#include "compiler/passes/pass_manager.h"

namespace tt::passes {

bool memory_space_lower_tt(ir::Module& module, const PassContext& ctx, DiagnosticList& diags);

}  // namespace tt::passes
