// split_device_kernels: Split into reader, compute and writer kernels with an explicit CB protocol.
// (Stub: to be implemented; see the pipeline issue.)
#pragma once

#include "compiler/passes/pass_manager.h"

namespace tt::passes {

bool split_device_kernels(ir::Module& module, const PassContext& ctx, DiagnosticList& diags);

}  // namespace tt::passes
