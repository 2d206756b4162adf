// grid_to_persistent_tt: Replace the T.Kernel grid by a per-core persistent loop over [start, start+count) from the runtime-arg metadata.
// (Stub: to be implemented; see the pipeline issue.)
#pragma once

#include "compiler/passes/pass_manager.h"

namespace tt::passes {

bool grid_to_persistent_tt(ir::Module& module, const PassContext& ctx, DiagnosticList& diags);

}  // namespace tt::passes
