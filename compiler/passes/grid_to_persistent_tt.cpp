// grid_to_persistent_tt (stub).
#include "compiler/passes/grid_to_persistent_tt.h"

namespace tt::passes {

bool grid_to_persistent_tt(ir::Module&, const PassContext&, DiagnosticList&) { return true; }

}  // namespace tt::passes
