// The structural IR verifier the pass manager runs after every pass: malformed TT calls are named
// operand by operand from the intrinsic table, and every pass of the reference GEMM leaves
// well-formed IR (compile_file verifies by default; this also checks the defect list directly).
#include "compiler/ir/ir_verifier.h"

#include <gtest/gtest.h>

#include "compiler/compiler.h"
#include "compiler/ir/printer.h"

namespace tt {
namespace {

using namespace ir;

Module module_with(Stmt body) {
  Module m;
  m.name = "k";
  PrimFunc f;
  f.name = "k";
  f.body = std::move(body);
  m.funcs.push_back(std::move(f));
  return m;
}

std::vector<std::string> messages(const Module& m) {
  std::vector<std::string> out;
  for (const IRDefect& d : verify_ir_structure(m)) out.push_back(d.message);
  return out;
}

TEST(IRVerifier, NamesEachMisplacedOperandByItsKind) {
  Expr cb = cb_ref("C", 16);
  // pack_tile(dst, cb) written with its operands swapped.
  Module m = module_with(seq({tt_call(TTIntrinsic::PackTile, {cb, int_imm(0)})}));
  EXPECT_EQ(messages(m), (std::vector<std::string>{
                             "pack_tile operand 0 (dst) is not an integer expression: " + print_expr(cb),
                             "pack_tile operand 1 (cb_fill) is not a circular buffer: 0",
                         }));
}

TEST(IRVerifier, ChecksArityNameOperandAndConstantFlag) {
  Expr a = cb_ref("A", 0), b = cb_ref("B", 1);
  Var i = make_var("i");
  Module m = module_with(seq({
      tt_call(TTIntrinsic::MatmulTiles, {a, b, int_imm(0), int_imm(0), int_imm(0), int_imm(0)}),
      tt_call(TTIntrinsic::NocReadTile, {int_imm(3), int_imm(0), a, int_imm(0)}),
      tt_call(TTIntrinsic::MatmulInit, {a, b, i}),
      tt_call(TTIntrinsic::CopyTile, {a, i, add(i, int_imm(1))}),  // well formed
  }));
  EXPECT_EQ(messages(m), (std::vector<std::string>{
                             "matmul_tiles has 6 operands, the intrinsic table says 5",
                             "noc_async_read_page operand 0 (dram_buffer) is not a DRAM buffer name: 3",
                             "matmul_init operand 2 (flag) is not a constant: i",
                         }));
}

TEST(IRVerifier, EveryPassOfTheReferenceGemmLeavesWellFormedIR) {
  CompileOptions options;
  CompileResult result = compile_file(std::string(TT_TESTS_DIR) + "/../assets/examples/example_gemm.py", options);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result.kernels.size(), 1u);
  EXPECT_TRUE(verify_ir_structure(result.kernels[0].module).empty());
  for (const Diagnostic& d : result.all_diagnostics()) {
    EXPECT_EQ(d.message.find("internal error"), std::string::npos) << d.message;
  }
}

}  // namespace
}  // namespace tt
