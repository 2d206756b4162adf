// tensorize_tt: lowers tile-level ops to TT-Metalium intrinsics. T.copy DRAM -> CB becomes the
// reader's NoC tile loop, T.gemm the compute's matmul_tiles with DST accumulation across the
// reduction loop (sub-blocked, with partials spilled to and reloaded from the accumulator's CB,
// when the block exceeds DST), T.clear of the accumulator "no reload on the first step", and
// T.copy accumulator -> DRAM the compute's pack into the output CB plus the writer's NoC tile loop.
// Several gemms are several DST sections, each re-initialising the matmul for its CBs and transpose
// flag; T.copy of an accumulator into an on-chip buffer that a later gemm reads is the pack into
// that buffer's CB (in its format: T.copy(acc_s, acc_s_cast) is fp32 -> fp16). Gemms accumulating over one loop
// each keep their accumulator in their own CB between steps; an operand block several gemms read is waited for by
// the first and popped by the last (link_shared_operands in tensorize_tt_plan.cpp); gemms chained onto one
// accumulator in one iteration hand it over through its CB (find_chains). A T.Parallel map that
// initialises an accumulator to a value the loop bounds prove constant 0 (flash attention's non-causal
// mask) is its clear; a mask that varies over the block is lowered per tile (tile_mask.h). Maps over a carried
// accumulator before its gemm (acc_o *= scores_scale[i]) run on its DST tiles after each reload.
// T.Parallel maps that update the accumulator in place after the reduction (epilogues) become SFPU
// ops on its DST tiles of the last K step, before the pack; a copy that only stages the accumulator in
// an on-chip buffer of the output's dtype (a cast) is the pack's format. Other T.Parallel maps are
// element-wise DST sections (tensorize_tt_eltwise.cpp).
//
// Pre:  after memory_space_lower_tt: one PrimFunc, persistent loop, on-chip buffers in CB scope,
//       metadata tt.buffer.*, tt.cb.* (the only source of CB ids), tt.gemm (or tt.gemms).
// Post: no Copy/Gemm/Fill remain; every CB operand is cb_ref(name, index) from tt.cb.<name>; tile
//       loops are serial For loops (IR size independent of M, N, K). Roles are split later.
// Tests: tests/unit/tensorize_tt_test.cpp, several_gemms_test.cpp; epilogues:
// tests/golden/examples/example_gemm_epilogue and the cli_run_*epilogue* / cli_run_quickstart emulator
// runs (tests/emu/CMakeLists.txt).
#pragma once

#include "compiler/passes/pass_manager.h"

namespace tt::passes {

bool tensorize_tt(ir::Module& module, const PassContext& ctx, DiagnosticList& diags);

}  // namespace tt::passes
