// layout_aware_work_partition_tt (stub).
#include "compiler/passes/layout_aware_work_partition_tt.h"

namespace tt::passes {

bool layout_aware_work_partition_tt(ir::Module&, const PassContext&, DiagnosticList&) { return true; }

}  // namespace tt::passes
