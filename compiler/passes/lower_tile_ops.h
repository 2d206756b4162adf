// lower_tile_ops: Front-end normal form: grid, buffers, copies and gemm as tile-level ops; checks tile-op shapes.
// (Stub: to be implemented; see the pipeline issue.)
#pragma once

#include "compiler/passes/pass_manager.h"

namespace tt::passes {

bool lower_tile_ops(ir::Module& module, const PassContext& ctx, DiagnosticList& diags);

}  // namespace tt::passes
