// grid_to_persistent_tt: the exact persistent loop for the reference, block Vars rebound (not
// renamed), indices from tt.runtime_arg_names only, and errors when that metadata is missing.
#include <gtest/gtest.h>

#include "compiler/ir/functor.h"
#include "compiler/ir/printer.h"
#include "compiler/ir/tt_metadata.h"
#include "tests/unit/test_ir_builders.h"

namespace tt::test {
namespace {

using namespace ir;
using Headlines = std::vector<std::string>;

TEST(GridToPersistentTT, ReferenceBecomesAPersistentLoop) {
  GemmParts p = make_gemm_parts(1024, 1024, 1024, 128, 128, 32);
  Module m = make_module(p, reference_body(p));
  DiagnosticList diags;
  ASSERT_TRUE(run_through(m, "grid_to_persistent_tt", device(), diags))
      << render_diagnostics(diags, example_gemm_source());
  EXPECT_EQ(print_stmt(m.funcs[0].body),
            "start_block = T.tt.runtime_arg(0, \"start_block\")\n"
            "num_blocks = T.tt.runtime_arg(1, \"num_blocks\")\n"
            "for block in T.tt.persistent(start_block, start_block + num_blocks):\n"
            "    by = block // 8\n"
            "    bx = block % 8\n"
            "    A_shared = T.alloc_shared((128, 32), \"float16\")\n"
            "    B_shared = T.alloc_shared((32, 128), \"float16\")\n"
            "    C_local = T.alloc_fragment((128, 128), \"float32\")\n"
            "    T.clear(C_local)\n"
            "    for k in T.Pipelined(32, num_stages=3):\n"
            "        T.copy(A[by * 128:by * 128 + 128, k * 32:k * 32 + 32], A_shared)\n"
            "        T.copy(B[k * 32:k * 32 + 32, bx * 128:bx * 128 + 128], B_shared)\n"
            "        T.gemm(A_shared, B_shared, C_local)\n"
            "    T.copy(C_local, C[by * 128:by * 128 + 128, bx * 128:bx * 128 + 128])\n");

  // The Lets bind the kernel's own Var nodes, and the loop carries the kernel's span.
  auto* top = as<SeqNode>(m.funcs[0].body);
  ASSERT_EQ(top->stmts.size(), 3u);
  auto* loop = as<ForNode>(top->stmts[2]);
  EXPECT_EQ(loop->for_kind, ForKind::Persistent);
  EXPECT_EQ(loop->span, p.kernel_span);
  EXPECT_EQ(loop->min, as<LetNode>(top->stmts[0])->var);
  EXPECT_EQ(loop->extent, as<LetNode>(top->stmts[1])->var);
  auto* body = as<SeqNode>(loop->body);
  EXPECT_EQ(as<LetNode>(body->stmts[0])->var, p.by);
  EXPECT_EQ(as<LetNode>(body->stmts[1])->var, p.bx);
  EXPECT_EQ(body->stmts.back(), p.copy_out);  // the kernel body is reused, not rebuilt
}

TEST(GridToPersistentTT, IndicesComeFromTheCanonicalSchema) {
  Module m = make_gemm_module(1024, 1024, 1024, 128, 128, 32);
  DiagnosticList diags;
  ASSERT_TRUE(run_through(m, "layout_aware_work_partition_tt", device(), diags));
  RuntimeArgs ra = *get_runtime_args(m);
  ra.compute = {"num_blocks", "start_block"};
  set_runtime_args(m, ra);
  ASSERT_TRUE(run_pass(m, "grid_to_persistent_tt", device(), diags));
  auto* top = as<SeqNode>(m.funcs[0].body);
  EXPECT_EQ(print_stmt(top->stmts[0]), "start_block = T.tt.runtime_arg(1, \"start_block\")\n");
  EXPECT_EQ(print_stmt(top->stmts[1]), "num_blocks = T.tt.runtime_arg(0, \"num_blocks\")\n");
}

TEST(GridToPersistentTT, OneDimensionalGrid) {
  GemmParts p = make_gemm_parts(32, 1024, 64, 32, 128, 32);
  Module m = make_module(p, reference_body(p));
  m.funcs[0].body = substitute(m.funcs[0].body, {{p.by.get(), int_imm(0)}});
  m.funcs[0].body = make_kernel({8}, {p.bx}, 128, as<KernelNode>(m.funcs[0].body)->body, p.kernel_span);
  DiagnosticList diags;
  ASSERT_TRUE(run_through(m, "grid_to_persistent_tt", device(), diags))
      << render_diagnostics(diags, example_gemm_source());
  auto* loop = as<ForNode>(as<SeqNode>(m.funcs[0].body)->stmts[2]);
  EXPECT_EQ(print_stmt(as<SeqNode>(loop->body)->stmts[0]), "bx = block\n");
}

TEST(GridToPersistentTT, MissingRuntimeArgNameIsAnError) {
  Module m = make_gemm_module(1024, 1024, 1024, 128, 128, 32);
  DiagnosticList diags;
  ASSERT_TRUE(run_through(m, "layout_aware_work_partition_tt", device(), diags));
  RuntimeArgs ra = *get_runtime_args(m);
  ra.writer = {"C_addr", "num_blocks"};
  set_runtime_args(m, ra);
  EXPECT_FALSE(run_pass(m, "grid_to_persistent_tt", device(), diags));
  EXPECT_EQ(headlines(diags), Headlines{"example_gemm.py:14:9: error: runtime arg 'start_block' is missing from "
                                        "tt.runtime_arg_names.writer"});
}

TEST(GridToPersistentTT, MissingMetadataIsAnError) {
  Module m = make_gemm_module(1024, 1024, 1024, 128, 128, 32);
  DiagnosticList diags;
  EXPECT_FALSE(run_pass(m, "grid_to_persistent_tt", device(), diags));
  EXPECT_EQ(headlines(diags), Headlines{"example_gemm.py:14:9: error: no runtime-argument metadata "
                                        "(tt.runtime_arg_names / tt.runtime_args missing or malformed)"});
}

}  // namespace
}  // namespace tt::test
