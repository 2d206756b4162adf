// lower_tile_ops (stub).
#include "compiler/passes/lower_tile_ops.h"

namespace tt::passes {

bool lower_tile_ops(ir::Module&, const PassContext&, DiagnosticList&) { return true; }

}  // namespace tt::passes
