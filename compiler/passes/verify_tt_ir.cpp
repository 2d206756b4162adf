// verify_tt_ir (stub).
#include "compiler/passes/verify_tt_ir.h"

namespace tt::passes {

bool verify_tt_ir(ir::Module&, const PassContext&, DiagnosticList&) { return true; }

}  // namespace tt::passes
