// infer_tt_layout: Stamp tt.buffer.<name> (memory, layout, tiles, data format) on every global buffer; checks tile alignment.
// (Stub: to be implemented; see the pipeline issue.)
#pragma once

#include "compiler/passes/pass_manager.h"

namespace tt::passes {

bool infer_tt_layout(ir::Module& module, const PassContext& ctx, DiagnosticList& diags);

}  // namespace tt::passes
