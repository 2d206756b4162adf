// split_device_kernels (stub).
#include "compiler/passes/split_device_kernels.h"

namespace tt::passes {

bool split_device_kernels(ir::Module&, const PassContext&, DiagnosticList&) { return true; }

}  // namespace tt::passes
