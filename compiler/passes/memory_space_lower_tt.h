// memory_space_lower_tt: on-chip allocations become circular-buffer allocations sized from tt.cb.*,
// and the per-core L1 budget is checked.
// Pre:  propagate_tt_layout (tt.cb.*) and grid_to_persistent_tt (the persistent loop) succeeded.
// Post: every T.alloc_shared/T.alloc_fragment buffer X is rebuilt in scope CircularBuffer and
//       substituted everywhere it is referenced; its allocation becomes
//       T.tt.alloc_cb(cb=index, num_pages, page_size) from tt.cb.X (missing: an error naming X).
//       Each output staging CB (tt.cb.C, role output) gets an allocation of a new buffer named
//       after the CB (C), shaped like the block copied into C, with C's dtype; no op references it
//       (tensorize_tt routes the output copy through it by CB index).
//       CBs are program-lifetime resources (the host configures each once per core), so all CB
//       allocations are hoisted in CB-index order to just before the persistent loop.
//       The sum of CB bytes must fit device.l1_budget() (L1 minus the reserved region); overflow is
//       an error at the persistent loop with one note per CB and one for the reserved region.
// Test: tests/unit/memory_space_lower_tt_test.cpp
#pragma once

#include "compiler/passes/pass_manager.h"

namespace tt::passes {

bool memory_space_lower_tt(ir::Module& module, const PassContext& ctx, DiagnosticList& diags);

}  // namespace tt::passes
