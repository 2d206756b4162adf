// verify_tt_ir: Structural checks of the final TT IR: CB protocol balance, runtime args, L1, CB index range, DST capacity.
// (Stub: to be implemented; see the pipeline issue.)
#pragma once

#include "compiler/passes/pass_manager.h"

namespace tt::passes {

bool verify_tt_ir(ir::Module& module, const PassContext& ctx, DiagnosticList& diags);

}  // namespace tt::passes
