// tensorize_tt: Lower T.gemm, T.clear and tile copies to TT intrinsics with DST accumulation and sub-blocking.
// (Stub: to be implemented; see the pipeline issue.)
#pragma once

#include "compiler/passes/pass_manager.h"

namespace tt::passes {

bool tensorize_tt(ir::Module& module, const PassContext& ctx, DiagnosticList& diags);

}  // namespace tt::passes
