// verify_tt_ir: structural checks of the final TT IR, each error naming the node and its source
// line: CB operands are in tt.cb.* with matching ids in [0, max_circular_buffers); total CB bytes fit
// the L1 budget; DST indices stay below the DST capacity of the accumulation dtype (tt.gemm);
// reserve/wait counts fit the CB. Final IR only: every function is a reader/compute/writer kernel,
// no tile-level op or T.Kernel remains, every runtime arg is in its kernel's tt.runtime_arg_names,
// and per CB and per persistent-loop iteration reserve == push and wait == pop in each kernel and
// the producer pushes exactly as many tiles as the consumer pops (counted exactly through
// constant-trip loops and through Ifs on loop variables such as the first/last K step).
//
// Pre:  any point of the pipeline (non-final checks), after split_device_kernels (final).
// Post: the module is unchanged. Tests: tests/unit/verify_tt_ir_test.cpp.
#pragma once

#include "compiler/passes/pass_manager.h"

namespace tt::passes {

// The checks as a reusable function, so a debug pass manager can run them after every pass
// (final = false: only the checks that hold at any stage). Returns true when no error was found.
bool verify_tt_module(const ir::Module& module, const DeviceModel& device, DiagnosticList& diags, bool final);

bool verify_tt_ir(ir::Module& module, const PassContext& ctx, DiagnosticList& diags);

}  // namespace tt::passes
