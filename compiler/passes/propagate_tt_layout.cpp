// propagate_tt_layout (stub).
#include "compiler/passes/propagate_tt_layout.h"

namespace tt::passes {

bool propagate_tt_layout(ir::Module&, const PassContext&, DiagnosticList&) { return true; }

}  // namespace tt::passes
