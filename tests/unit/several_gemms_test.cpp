// Several T.gemm per kernel (issue 13): each its own DST section with its own operands, transpose
// flag (matmul_init before each) and accumulator; an accumulator copied to an on-chip fragment is
// packed into that fragment's CB in its format (T.copy(S, S_cast): fp32 -> fp16) and read by the
// next gemm; tt.gemms lists them. The unsupported cases name why. The numeric check is
// cli_run_two_gemms (tests/emu/CMakeLists.txt).
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "compiler/compiler.h"
#include "compiler/ir/tt_metadata.h"

namespace tt {
namespace {

// Out = (A @ B^T) @ C per 64-row block, S cast to fp16 between the gemms (the second gemm's block
// is the caller's).
std::string two_gemms(const std::string& second_gemm_block) {
  std::string text = R"(import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def two(M=128, N=64, K=64, L=64, dtype="float16"):

    @T.prim_func
    def main(A: T.Tensor((M, K), dtype), B: T.Tensor((N, K), dtype), C: T.Tensor((N, L), dtype),
             Out: T.Tensor((M, L), dtype)):
        with T.Kernel(M // 64) as bx:
            A_shared = T.alloc_shared((64, K), dtype)
            B_shared = T.alloc_shared((N, K), dtype)
            C_shared = T.alloc_shared((N, L), dtype)
            S = T.alloc_fragment((64, N), "float")
            S_cast = T.alloc_fragment((64, N), dtype)
            O = T.alloc_fragment((64, L), "float")
            T.copy(A[bx * 64, 0], A_shared)
            T.copy(B[0, 0], B_shared)
            T.clear(S)
            T.gemm(A_shared, B_shared, S, transpose_B=True)
{second}
            T.copy(O, Out[bx * 64, 0])

    return main
)";
  text.replace(text.find("{second}"), 8, second_gemm_block);
  return text;
}

const char* const kSecondGemm = R"(            T.copy(S, S_cast)
            T.copy(C[0, 0], C_shared)
            T.clear(O)
            T.gemm(S_cast, C_shared, O))";

CompileResult compile(const std::string& text) { return compile_source(SourceFile("two.py", text), CompileOptions{}); }

// The first error of a compile that must fail, as a value (all_diagnostics() returns a temporary).
Diagnostic first_error(const CompileResult& r) {
  const DiagnosticList all = r.all_diagnostics();
  auto it = std::find_if(all.begin(), all.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; });
  return it == all.end() ? Diagnostic{} : *it;
}

TEST(SeveralGemms, EachGemmIsItsOwnSectionAndTheCastFragmentFeedsTheNext) {
  CompileResult r = compile(two_gemms(kSecondGemm));
  ASSERT_TRUE(r.ok()) << render_diagnostics(r.all_diagnostics(), r.source);
  const KernelResult& k = r.kernels[0];
  const std::vector<ir::GemmInfo> gemms = ir::get_gemm_infos(k.module);
  ASSERT_EQ(gemms.size(), 2u);
  EXPECT_FALSE(ir::get_gemm_info(k.module));  // no single tt.gemm
  EXPECT_EQ(gemms[0].c, "S");
  EXPECT_TRUE(gemms[0].transpose_b);
  EXPECT_EQ(gemms[1].a, "S_cast");
  EXPECT_FALSE(gemms[1].transpose_b);
  const std::string compute = k.find_artifact("compute.cpp")->text;
  // In order: the first gemm (transpose_B) packs S into S_cast's fp16 CB, the second re-inits without
  // transpose and reads S_cast's pages.
  const size_t init1 = compute.find("    matmul_init(cb_A_shared, cb_B_shared, 1);\n");
  const size_t pack_s = compute.find("pack_tile(t, cb_S_cast);");
  const size_t init2 = compute.find("matmul_init(cb_S_cast, cb_C_shared, 0);");
  const size_t mm2 = compute.find("matmul_tiles(cb_S_cast, cb_C_shared,");
  const size_t pack_out = compute.find("pack_tile(t_1, cb_Out);");
  ASSERT_NE(init1, std::string::npos) << compute;
  EXPECT_LT(init1, pack_s);
  EXPECT_LT(pack_s, init2);
  EXPECT_LT(init2, mm2);
  EXPECT_LT(mm2, pack_out);
  EXPECT_NE(pack_out, std::string::npos) << compute;
  EXPECT_NE(compute.find("pack_reconfig_data_format(cb_S_cast);"), std::string::npos);
  EXPECT_EQ(compute.find("copy_tile"), std::string::npos);  // the cast is the pack, not a separate pass
  const auto cb = ir::get_circular_buffer(k.module, "S_cast");
  ASSERT_TRUE(cb);
  EXPECT_EQ(cb->data_format, "Float16");
  // No single GEMM of global buffers to describe: the plan has no gemm entry, the oracle judges.
  const nlohmann::json plan = nlohmann::json::parse(k.find_artifact("tt.plan.json")->text);
  EXPECT_FALSE(plan.contains("gemm"));
}

TEST(SeveralGemms, FlashAttentionLoopStructure) {
  // tests/emu/kernels/two_gemms_kv_loop.py: S = A @ B_k^T cleared every KV iteration, O += S_cast @ C_k
  // across the loop. A_shared, copied once per block, is waited for before the loop and popped after
  // it; O leaves DST every step through its CB (reloaded from the second step on), since S's section
  // runs inside the loop; the last step packs O into the output CB.
  CompileResult r = compile_file(std::string(TT_TESTS_DIR) + "/emu/kernels/two_gemms_kv_loop.py", CompileOptions{});
  ASSERT_TRUE(r.ok()) << render_diagnostics(r.all_diagnostics(), r.source);
  const std::string compute = r.kernels[0].find_artifact("compute.cpp")->text;
  size_t at = 0;  // each piece after the previous one
  for (const char* in_order :
       {"    cb_wait_front(cb_A_shared, 4);\n    for (uint32_t k = 0; k < 4; ++k) {",
        "matmul_init(cb_A_shared, cb_B_shared, 1);", "pack_tile(t, cb_S_cast);",
        "matmul_init(cb_S_cast, cb_C_shared, 0);", "if (k > 0) {", "copy_tile(cb_O, t_1, t_1);",
        "matmul_tiles(cb_S_cast, cb_C_shared,", "if (k == 3) {", "pack_tile(t_2, cb_Out);", "pack_tile(t_3, cb_O);",
        "cb_pop_front(cb_S_cast, 2);", "    }\n    cb_pop_front(cb_A_shared, 4);\n  }\n}"}) {
    const size_t found = compute.find(in_order, at);
    ASSERT_NE(found, std::string::npos) << in_order << "\n" << compute;
    at = found;
  }
  EXPECT_EQ(compute.find("cb_pop_front(cb_A_shared, 4);"), compute.rfind("cb_pop_front(cb_A_shared, 4);"));
}

TEST(SeveralGemms, TwoGemmsAccumulatingOverTheSameLoopAreUnsupported) {
  // Two accumulators held in DST across one reduction loop: not supported (each loop reduces one gemm).
  CompileResult r = compile(two_gemms(R"(            A_half = T.alloc_shared((64, 32), dtype)
            C_half = T.alloc_shared((32, L), dtype)
            O2 = T.alloc_fragment((64, L), "float")
            T.clear(O)
            T.clear(O2)
            for k in T.Pipelined(2, num_stages=1):
                T.copy(A[bx * 64, k * 32], A_half)
                T.copy(C[k * 32, 0], C_half)
                T.gemm(A_half, C_half, O)
                T.gemm(A_half, C_half, O2))"));
  ASSERT_FALSE(r.ok());
  const Diagnostic e = first_error(r);
  EXPECT_EQ(e.category, DiagnosticCategory::Unsupported);
  EXPECT_EQ(e.message,
            "second T.gemm in reduction loop 'k' (O2 += A_half @ C_half): only one T.gemm per reduction loop is "
            "supported");
  ASSERT_EQ(e.notes.size(), 1u);
  EXPECT_EQ(e.notes[0].message, "the first T.gemm is here");
}

TEST(SeveralGemms, OperandsOfAnotherDtypeThanTheFirstGemmsAreUnsupported) {
  std::string text = two_gemms(R"(            T.copy(S, S_cast)
            T.copy(C[0, 0], C_shared)
            T.clear(O)
            T.gemm(S_cast, C_shared, O))");
  // bfloat16 operands for the second gemm: the unpacker would need reconfiguring between the gemms.
  text.replace(text.find("C: T.Tensor((N, L), dtype)"), 26, "C: T.Tensor((N, L), \"bfloat16\")");
  text.replace(text.find("C_shared = T.alloc_shared((N, L), dtype)"), 40,
               "C_shared = T.alloc_shared((N, L), \"bfloat16\")");
  text.replace(text.find("S_cast = T.alloc_fragment((64, N), dtype)"), 41,
               "S_cast = T.alloc_fragment((64, N), \"bfloat16\")");
  CompileResult r = compile(text);
  ASSERT_FALSE(r.ok());
  const Diagnostic e = first_error(r);
  EXPECT_EQ(e.category, DiagnosticCategory::Unsupported);
  EXPECT_EQ(e.message,
            "T.gemm operands of another dtype than the first T.gemm's (float16): reconfiguring the unpacker between "
            "gemms is not supported yet");
}

}  // namespace
}  // namespace tt
