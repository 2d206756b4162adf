// infer_tt_layout (stub).
#include "compiler/passes/infer_tt_layout.h"

namespace tt::passes {

bool infer_tt_layout(ir::Module&, const PassContext&, DiagnosticList&) { return true; }

}  // namespace tt::passes
