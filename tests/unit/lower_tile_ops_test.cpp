// lower_tile_ops: tt.gemm on the reference, the reduction loop found structurally, and the exact
// diagnostics for malformed tile ops (IR built in C++, spans into example_gemm.py).
#include <gtest/gtest.h>

#include "compiler/ir/printer.h"
#include "compiler/ir/tt_metadata.h"
#include "tests/unit/test_ir_builders.h"

namespace tt::test {
namespace {

using namespace ir;

using Headlines = std::vector<std::string>;

DiagnosticList lower(Module& m) {
  DiagnosticList diags;
  run_pass(m, "lower_tile_ops", device(), diags);
  return diags;
}

TEST(LowerTileOps, ReferenceRecordsTheGemmAndKeepsTheIr) {
  Module m = make_gemm_module(1024, 1024, 1024, 128, 128, 32);
  const std::string before = print_module(m).text;
  DiagnosticList diags = lower(m);
  ASSERT_TRUE(diags.empty()) << render_diagnostics(diags, example_gemm_source());
  auto g = get_gemm_info(m);
  ASSERT_TRUE(g);
  EXPECT_EQ(g->a, "A_shared");
  EXPECT_EQ(g->b, "B_shared");
  EXPECT_EQ(g->c, "C_local");
  EXPECT_FALSE(g->transpose_a);
  EXPECT_FALSE(g->transpose_b);
  EXPECT_EQ(g->accum_dtype, "float32");
  EXPECT_EQ((std::vector<int64_t>{g->m, g->n, g->k}), (std::vector<int64_t>{128, 128, 32}));
  EXPECT_EQ(g->reduction_var, "k");
  EXPECT_EQ(g->k_iters, 32);
  EXPECT_EQ(g->num_stages, 3);
  m.attrs.clear();
  EXPECT_EQ(print_module(m).text, before);
}

TEST(LowerTileOps, TransposeBIsHonoured) {
  Module m = make_gemm_module(256, 512, 1024, 64, 128, 64, DataType::BFloat16, DataType::Float32, 2, true);
  DiagnosticList diags = lower(m);
  ASSERT_TRUE(diags.empty()) << render_diagnostics(diags, example_gemm_source());
  auto g = get_gemm_info(m);
  ASSERT_TRUE(g);
  EXPECT_TRUE(g->transpose_b);
  EXPECT_EQ((std::vector<int64_t>{g->m, g->n, g->k}), (std::vector<int64_t>{64, 128, 64}));
  EXPECT_EQ(g->k_iters, 16);
}

// The reduction loop is the one whose variable indexes K, not one named `k`: here an outer serial
// loop is named `k` and the real K loop is named `step`.
TEST(LowerTileOps, ReductionLoopIsFoundStructurallyNotByName) {
  GemmParts p = make_gemm_parts(1024, 1024, 1024, 128, 128, 32);
  Var step = make_var("step");
  Region a_src{p.a, {mul(p.by, int_imm(128)), mul(step, int_imm(32))}, {128, 32}, {}};
  Region b_src{p.b, {mul(step, int_imm(32)), mul(p.bx, int_imm(128))}, {32, 128}, {}};
  Stmt inner =
      make_for(step, int_imm(0), int_imm(32), ForKind::Pipelined, 2,
               seq({make_copy(a_src, full_region(p.a_shared)), make_copy(b_src, full_region(p.b_shared)), p.gemm}));
  Var decoy = make_var("k");
  Stmt outer = make_for(decoy, int_imm(0), int_imm(1), ForKind::Serial, 0, inner);
  Module m = make_module(p, {p.alloc_a, p.alloc_b, p.alloc_c, p.clear, outer, p.copy_out});
  DiagnosticList diags = lower(m);
  ASSERT_TRUE(diags.empty()) << render_diagnostics(diags, example_gemm_source());
  EXPECT_EQ(get_gemm_info(m)->reduction_var, "step");
  EXPECT_EQ(get_gemm_info(m)->num_stages, 2);
}

TEST(LowerTileOps, GemmOutsideAnyLoopReducesItsWholeKInOneStep) {
  GemmParts p = make_gemm_parts(1024, 1024, 32, 128, 128, 32);
  Region a_src{p.a, {mul(p.by, int_imm(128)), int_imm(0)}, {128, 32}, {}};
  Region b_src{p.b, {int_imm(0), mul(p.bx, int_imm(128))}, {32, 128}, {}};
  Module m = make_module(p, {p.alloc_a, p.alloc_b, p.alloc_c, p.clear, make_copy(a_src, full_region(p.a_shared)),
                             make_copy(b_src, full_region(p.b_shared)), p.gemm, p.copy_out});
  DiagnosticList diags = lower(m);
  ASSERT_TRUE(diags.empty()) << render_diagnostics(diags, example_gemm_source());
  EXPECT_EQ(get_gemm_info(m)->reduction_var, "");
  EXPECT_EQ(get_gemm_info(m)->k_iters, 1);
  EXPECT_EQ(get_gemm_info(m)->num_stages, 0);
}

TEST(LowerTileOps, GemmInALoopThatDoesNotIndexKReducesItsWholeKPerCall) {
  // Flash attention's Q @ K^T: the KV loop indexes the rows of K_shared, not the gemm's K.
  GemmParts p = make_gemm_parts(1024, 1024, 32, 128, 128, 32);
  Region a_src{p.a, {mul(p.by, int_imm(128)), int_imm(0)}, {128, 32}, {}};
  Region b_src{p.b, {int_imm(0), mul(p.bx, int_imm(128))}, {32, 128}, {}};
  Stmt loop = make_for(
      p.k, int_imm(0), int_imm(2), ForKind::Serial, 0,
      seq({make_copy(a_src, full_region(p.a_shared)), make_copy(b_src, full_region(p.b_shared)), p.clear, p.gemm}));
  Module m = make_module(p, {p.alloc_a, p.alloc_b, p.alloc_c, loop, p.copy_out});
  DiagnosticList diags = lower(m);
  ASSERT_TRUE(diags.empty()) << render_diagnostics(diags, example_gemm_source());
  EXPECT_EQ(get_gemm_info(m)->reduction_var, "");
  EXPECT_EQ(get_gemm_info(m)->k_iters, 1);
}

TEST(LowerTileOps, TwoGemmsInOneReductionLoopAreEachRecorded) {
  // Two accumulators over the same K loop: both gemms reduce over 'k' (tt.gemms, in program order).
  GemmParts p = make_gemm_parts(1024, 1024, 1024, 128, 128, 32);
  Buffer c2 = make_buffer("C2_local", {128, 128}, DataType::Float32, MemScope::Fragment);
  SourceSpan second = span_of("T.copy(C_local, C[by * block_M, bx * block_N])");  // any distinct line
  Stmt gemm2 =
      make_gemm(full_region(p.a_shared), full_region(p.b_shared), full_region(c2), false, false, false, second);
  Stmt loop = make_for(p.k, int_imm(0), int_imm(32), ForKind::Pipelined, 3, seq({p.copy_a, p.copy_b, p.gemm, gemm2}));
  Module m = make_module(p, {p.alloc_a, p.alloc_b, p.alloc_c, make_allocate(c2), p.clear, loop, p.copy_out});
  DiagnosticList diags = lower(m);
  ASSERT_TRUE(diags.empty()) << render_diagnostics(diags, example_gemm_source());
  EXPECT_FALSE(get_gemm_info(m));
  const std::vector<GemmInfo> infos = get_gemm_infos(m);
  ASSERT_EQ(infos.size(), 2u);
  EXPECT_EQ(infos[0].c, "C_local");
  EXPECT_EQ(infos[1].c, "C2_local");
  for (const GemmInfo& info : infos) {
    EXPECT_EQ(info.reduction_var, "k");
    EXPECT_EQ(info.k_iters, 32);
    EXPECT_EQ(info.num_stages, 3);
  }
}

TEST(LowerTileOps, GemmWhoseAccumulatorIsClearedInTheKLoopReducesItsWholeKPerCall) {
  // The loop indexes the operands' K, but the accumulator is cleared in every iteration (the linear attention
  // examples' o = s @ v_i per chunk): each call is a whole reduction, not a step of one.
  GemmParts p = make_gemm_parts(1024, 1024, 1024, 128, 128, 32);
  Stmt loop =
      make_for(p.k, int_imm(0), int_imm(32), ForKind::Pipelined, 3, seq({p.copy_a, p.copy_b, p.clear, p.gemm}));
  Module m = make_module(p, {p.alloc_a, p.alloc_b, p.alloc_c, loop, p.copy_out});
  DiagnosticList diags = lower(m);
  ASSERT_TRUE(diags.empty()) << render_diagnostics(diags, example_gemm_source());
  ASSERT_TRUE(get_gemm_info(m));
  EXPECT_EQ(get_gemm_info(m)->reduction_var, "");
  EXPECT_EQ(get_gemm_info(m)->k_iters, 1);
  EXPECT_EQ(get_gemm_info(m)->num_stages, 0);
}

TEST(LowerTileOps, CopyElementCountsMustAgree) {
  GemmParts p = make_gemm_parts(1024, 1024, 1024, 128, 128, 32);
  Region a_src{p.a, {mul(p.by, int_imm(128)), mul(p.k, int_imm(32))}, {64, 32}, {}};
  Stmt bad = make_copy(a_src, full_region(p.a_shared), p.copy_a->span);
  Stmt loop = make_for(p.k, int_imm(0), int_imm(32), ForKind::Pipelined, 3, seq({bad, p.copy_b, p.gemm}));
  Module m = make_module(p, {p.alloc_a, p.alloc_b, p.alloc_c, p.clear, loop, p.copy_out});
  EXPECT_EQ(headlines(lower(m)), Headlines{"example_gemm.py:22:17: error: T.copy from 'A' to 'A_shared': element "
                                           "counts differ (2048 vs 4096)"});
}

TEST(LowerTileOps, CopyShapesMustAgree) {
  GemmParts p = make_gemm_parts(1024, 1024, 1024, 128, 128, 32);
  Region a_src{p.a, {mul(p.by, int_imm(128)), mul(p.k, int_imm(32))}, {32, 128}, {}};
  Stmt bad = make_copy(a_src, full_region(p.a_shared), p.copy_a->span);
  Stmt loop = make_for(p.k, int_imm(0), int_imm(32), ForKind::Pipelined, 3, seq({bad, p.copy_b, p.gemm}));
  Module m = make_module(p, {p.alloc_a, p.alloc_b, p.alloc_c, p.clear, loop, p.copy_out});
  EXPECT_EQ(headlines(lower(m)), Headlines{"example_gemm.py:22:17: error: T.copy from 'A' to 'A_shared': region "
                                           "shapes differ ([32, 128] vs [128, 32])"});
}

TEST(LowerTileOps, GemmShapesMustAgree) {
  GemmParts p = make_gemm_parts(1024, 1024, 1024, 128, 128, 32);
  Buffer b64 = make_buffer("B_shared", {64, 128}, DataType::Float16, MemScope::Shared, p.b_shared->span);
  Region b_src{p.b, {mul(p.k, int_imm(64)), mul(p.bx, int_imm(128))}, {64, 128}, {}};
  Stmt gemm =
      make_gemm(full_region(p.a_shared), full_region(b64), full_region(p.c_local), false, false, false, p.gemm->span);
  Stmt loop = make_for(p.k, int_imm(0), int_imm(16), ForKind::Pipelined, 3,
                       seq({p.copy_a, make_copy(b_src, full_region(b64), p.copy_b->span), gemm}));
  Module m = make_module(p, {p.alloc_a, make_allocate(b64), p.alloc_c, p.clear, loop, p.copy_out});
  EXPECT_EQ(headlines(lower(m)), Headlines{"example_gemm.py:24:17: error: T.gemm shapes do not agree: A_shared is "
                                           "128x32 (M x K), B_shared is 64x128 (K x N): K 32 != 64"});
}

TEST(LowerTileOps, TransposeFlagChangesWhichDimIsK) {
  // B_shared is (K, N) = (32, 128) but transpose_B says it is (N, K).
  GemmParts p = make_gemm_parts(1024, 1024, 1024, 128, 128, 32);
  Stmt gemm = make_gemm(full_region(p.a_shared), full_region(p.b_shared), full_region(p.c_local), false, true, false,
                        p.gemm->span);
  Stmt loop = make_for(p.k, int_imm(0), int_imm(32), ForKind::Pipelined, 3, seq({p.copy_a, p.copy_b, gemm}));
  Module m = make_module(p, {p.alloc_a, p.alloc_b, p.alloc_c, p.clear, loop, p.copy_out});
  EXPECT_EQ(headlines(lower(m)), Headlines{"example_gemm.py:24:17: error: T.gemm shapes do not agree: A_shared is "
                                           "128x32 (M x K), B_shared is 32x128 (N x K): K 32 != 128"});
}

TEST(LowerTileOps, UnallocatedBufferIsAnError) {
  GemmParts p = make_gemm_parts(1024, 1024, 1024, 128, 128, 32);
  Module m = make_module(p, {p.alloc_a, p.alloc_c, p.clear, p.k_loop, p.copy_out});
  EXPECT_EQ(headlines(lower(m)),
            (Headlines{"example_gemm.py:23:17: error: T.copy uses buffer 'B_shared', which is not allocated here (no "
                       "parameter or T.alloc_* in scope)",
                       "example_gemm.py:24:17: error: T.gemm uses buffer 'B_shared', which is not allocated here (no "
                       "parameter or T.alloc_* in scope)"}));
}

TEST(LowerTileOps, AllocationIsScopedToItsSequence) {
  // A_shared allocated inside the K loop body is not visible to a use after the loop.
  GemmParts p = make_gemm_parts(1024, 1024, 1024, 128, 128, 32);
  Stmt loop =
      make_for(p.k, int_imm(0), int_imm(32), ForKind::Pipelined, 3, seq({p.alloc_a, p.copy_a, p.copy_b, p.gemm}));
  Stmt use_after = make_fill(full_region(p.a_shared), float_imm(0.0), true, p.clear->span);
  Module m = make_module(p, {p.alloc_b, p.alloc_c, p.clear, loop, use_after, p.copy_out});
  EXPECT_EQ(headlines(lower(m)), Headlines{"example_gemm.py:19:13: error: T.clear uses buffer 'A_shared', which is "
                                           "not allocated here (no parameter or T.alloc_* in scope)"});
}

TEST(LowerTileOps, DuplicateBufferNamesAreAnError) {
  GemmParts p = make_gemm_parts(1024, 1024, 1024, 128, 128, 32);
  Buffer dup = make_buffer("A", {128, 128}, DataType::Float32, MemScope::Fragment, p.c_local->span);
  Module m = make_module(p, {p.alloc_a, p.alloc_b, p.alloc_c, make_allocate(dup), p.clear, p.k_loop, p.copy_out});
  DiagnosticList diags = lower(m);
  EXPECT_EQ(headlines(diags), Headlines{"example_gemm.py:17:13: error: buffer name 'A' is declared twice"});
}

TEST(LowerTileOps, GemmOnGlobalBufferIsAnError) {
  GemmParts p = make_gemm_parts(1024, 1024, 1024, 128, 128, 32);
  Region a_glob{p.a, {mul(p.by, int_imm(128)), mul(p.k, int_imm(32))}, {128, 32}, {}};
  Stmt gemm = make_gemm(a_glob, full_region(p.b_shared), full_region(p.c_local), false, false, false, p.gemm->span);
  Stmt loop = make_for(p.k, int_imm(0), int_imm(32), ForKind::Pipelined, 3, seq({p.copy_b, gemm}));
  Module m = make_module(p, {p.alloc_b, p.alloc_c, p.clear, loop, p.copy_out});
  EXPECT_EQ(headlines(lower(m)), Headlines{"example_gemm.py:24:17: error: T.gemm operand 'A' is in global memory: "
                                           "gemm operands must be T.alloc_shared or T.alloc_fragment buffers"});
}

TEST(LowerTileOps, OnlyOneKernelPerFunction) {
  GemmParts p = make_gemm_parts(1024, 1024, 1024, 128, 128, 32);
  Module m = make_module(p, reference_body(p));
  Stmt second = make_kernel({1}, {make_var("i")}, 32, seq({}), span_of("T.clear(C_local)"));
  m.funcs[0].body = seq({m.funcs[0].body, second});
  DiagnosticList diags = lower(m);
  EXPECT_EQ(headlines(diags), Headlines{"example_gemm.py:19:13: error: more than one T.Kernel in function 'gemm': "
                                        "only one T.Kernel per function is supported"});
}

TEST(LowerTileOps, FunctionWithoutKernelIsAnError) {
  GemmParts p = make_gemm_parts(1024, 1024, 1024, 128, 128, 32);
  Module m = make_module(p, {});
  m.funcs[0].body = seq({});
  EXPECT_EQ(headlines(lower(m)), Headlines{"example_gemm.py:9:5: error: function 'gemm' has no T.Kernel: nothing to "
                                           "launch on the device"});
}

}  // namespace
}  // namespace tt::test
