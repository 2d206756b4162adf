// plan_panel_multicast: which input panels the cores of a row or a column would share if block (bx, by) of a
// 2-D T.Kernel grid ran on core (bx, by), and whether that mapping fits the worker grid. Read by
// layout_aware_work_partition_tt, which then places the blocks that way and stamps tt.multicast.
// Covered by tests/unit/multicast_panels_test.cpp.
#pragma once

#include "compiler/ir/ir.h"
#include "compiler/ir/tt_multicast.h"
#include "compiler/target/device.h"

namespace tt::passes {

// Panels are the T.copy's of a global input buffer into an input CB inside the kernel's K loop of a T.gemm
// kernel: one whose source index ignores bx is the same for every core of a row, one that ignores by for every
// core of a column. Multicast needs one block per core (the grid must fit the worker grid) and at least two
// cores along the sharing direction. An empty plan with a fallback reason when a GEMM cannot use it; an empty
// plan without a reason when the kernel has no T.gemm.
ir::MulticastPlan plan_panel_multicast(const ir::Module& module, const ir::PrimFunc& func, const ir::KernelNode& kernel,
                                       const DeviceModel& device);

}  // namespace tt::passes
