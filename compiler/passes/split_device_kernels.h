// split_device_kernels: splits the one tensorized function into reader, compute and writer
// PrimFuncs (<func>_reader, <func>_compute, <func>_writer; roles set), which TT-Metalium runs
// concurrently on each core and which talk only through circular buffers.
//
// Rule (tt_kernel_roles.h): NoC reads -> reader, NoC writes -> writer, matmul / DST / copy_tile /
// pack / hardware startup / matmul_init -> compute; cb_reserve_back/cb_push_back go to the CB's `producer` and
// cb_wait_front/cb_pop_front to its `consumer` from tt.cb.<name>. Control flow (For, If, the
// persistent loop) is copied into every kernel that has a statement inside it; loops and ifs left
// empty are dropped, as are Lets whose variable is unused. CB allocations are dropped (the host
// creates CBs from tt.cb.*). Runtime args are re-indexed per kernel from tt.runtime_arg_names.
//
// Pre:  after tensorize_tt: TT intrinsics only (no Copy/Gemm/Fill/Store/Kernel), tt.cb.* and
//       tt.runtime_arg_names present.
// Post: module.funcs = the three kernels per input function. CB protocol balance is checked by
//       verify_tt_ir (verify_tt_module), which runs next.
// Tests: tests/unit/split_device_kernels_test.cpp.
#pragma once

#include "compiler/passes/pass_manager.h"

namespace tt::passes {

bool split_device_kernels(ir::Module& module, const PassContext& ctx, DiagnosticList& diags);

}  // namespace tt::passes
