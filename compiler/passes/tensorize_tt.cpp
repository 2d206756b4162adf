// tensorize_tt (stub).
#include "compiler/passes/tensorize_tt.h"

namespace tt::passes {

bool tensorize_tt(ir::Module&, const PassContext&, DiagnosticList&) { return true; }

}  // namespace tt::passes
