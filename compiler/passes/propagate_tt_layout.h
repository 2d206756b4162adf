// propagate_tt_layout: Derive tt.cb.<name> (CB index, page size, depth from num_stages, bytes) for every buffer that moves through L1.
// (Stub: to be implemented; see the pipeline issue.)
#pragma once

#include "compiler/passes/pass_manager.h"

namespace tt::passes {

bool propagate_tt_layout(ir::Module& module, const PassContext& ctx, DiagnosticList& diags);

}  // namespace tt::passes
