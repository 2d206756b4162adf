// memory_space_lower_tt (stub).
#include "compiler/passes/memory_space_lower_tt.h"

namespace tt::passes {

bool memory_space_lower_tt(ir::Module&, const PassContext&, DiagnosticList&) { return true; }

}  // namespace tt::passes
