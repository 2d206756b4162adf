// Several T.gemm per kernel (issue 13): each its own DST section with its own operands, transpose
// flag (matmul_init before each) and accumulator; an accumulator copied to an on-chip fragment is
// packed into that fragment's CB in its format (T.copy(S, S_cast): fp32 -> fp16) and read by the
// next gemm; tt.gemms lists them. The unsupported cases name why. The numeric check is
// cli_run_two_gemms (tests/emu/CMakeLists.txt). Several gemms accumulating over one loop (each its own accumulator,
// operands shared between them waited for once and popped once): cli_run_two_accumulators_k_loop and
// cli_run_linear_attention_chain.
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

// The CB calls of `compute` naming `cb` (cb_wait_front(cb_X, ...) / cb_pop_front(cb_X, ...)), counted.
size_t count_of(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(SeveralGemms, TwoAccumulatorsOverOneKLoopShareTheirOperand) {
  // tests/emu/kernels/two_accumulators_k_loop.py: acc1 += A_k @ B_k and acc2 += A_k @ C_k^T in one K loop. The reader
  // pushes A_shared once per step: the first gemm waits for it, the second pops it; each accumulator is its own DST
  // section per step, reloaded from its own CB after the first step and packed to its own output on the last.
  CompileResult r =
      compile_file(std::string(TT_TESTS_DIR) + "/emu/kernels/two_accumulators_k_loop.py", CompileOptions{});
  ASSERT_TRUE(r.ok()) << render_diagnostics(r.all_diagnostics(), r.source);
  const KernelResult& k = r.kernels[0];
  const std::vector<ir::GemmInfo> gemms = ir::get_gemm_infos(k.module);
  ASSERT_EQ(gemms.size(), 2u);
  EXPECT_EQ(gemms[0].reduction_var, "k");
  EXPECT_EQ(gemms[1].reduction_var, "k");
  EXPECT_EQ(gemms[0].k_iters, 4);
  const std::string compute = k.find_artifact("compute.cpp")->text;
  EXPECT_EQ(count_of(compute, "cb_wait_front(cb_A_shared, 2);"), 1u) << compute;
  EXPECT_EQ(count_of(compute, "cb_pop_front(cb_A_shared, 2);"), 1u) << compute;
  size_t at = 0;  // each piece after the previous one
  for (const char* in_order :
       {"for (uint32_t k = 0; k < 4; ++k) {", "matmul_init(cb_A_shared, cb_B_shared, 0);",
        "cb_wait_front(cb_A_shared, 2);", "cb_wait_front(cb_B_shared, 2);", "if (k > 0) {", "cb_wait_front(cb_acc1, 4);",
        "matmul_tiles(cb_A_shared, cb_B_shared,", "if (k == 3) {", "pack_tile(t_1, cb_Out1);", "pack_tile(t_2, cb_acc1);",
        "cb_pop_front(cb_B_shared, 2);", "matmul_init(cb_A_shared, cb_C_shared, 1);", "cb_wait_front(cb_C_shared, 2);",
        "cb_wait_front(cb_acc2, 4);", "matmul_tiles(cb_A_shared, cb_C_shared,", "pack_tile(t_4, cb_Out2);",
        "pack_tile(t_5, cb_acc2);", "cb_pop_front(cb_A_shared, 2);", "cb_pop_front(cb_C_shared, 2);"}) {
    const size_t found = compute.find(in_order, at);
    ASSERT_NE(found, std::string::npos) << in_order << "\n" << compute;
    at = found;
  }
  // The reader reads A_shared's tiles once per step, not once per gemm.
  const std::string reader = k.find_artifact("reader.cpp")->text;
  EXPECT_EQ(count_of(reader, "cb_reserve_back(cb_A_shared, 2);"), 1u) << reader;
  // Both outputs are the writer's: each block writes its tiles of Out1 and of Out2.
  const std::string writer = k.find_artifact("writer.cpp")->text;
  EXPECT_EQ(count_of(writer, "cb_wait_front(cb_Out1, 4);"), 1u) << writer;
  EXPECT_EQ(count_of(writer, "cb_wait_front(cb_Out2, 4);"), 1u) << writer;
}

TEST(SeveralGemms, LinearAttentionChainReadsVOncePerChunk) {
  // tests/emu/kernels/linear_attention_chain.py: per chunk, S = q k^T, o = S_cast v (cleared per chunk, written per
  // chunk), total += S_cast v and h += kt v (carried across the chunks). v is waited for by the first of its three
  // gemms and popped by the last; s_cast by the first and the last of its two.
  CompileResult r = compile_file(std::string(TT_TESTS_DIR) + "/emu/kernels/linear_attention_chain.py", CompileOptions{});
  ASSERT_TRUE(r.ok()) << render_diagnostics(r.all_diagnostics(), r.source);
  const KernelResult& k = r.kernels[0];
  const std::vector<ir::GemmInfo> gemms = ir::get_gemm_infos(k.module);
  ASSERT_EQ(gemms.size(), 4u);
  EXPECT_EQ(gemms[1].c, "o");
  EXPECT_EQ(gemms[1].reduction_var, "");  // cleared every chunk: a whole reduction per call
  EXPECT_EQ(gemms[1].k_iters, 1);
  EXPECT_EQ(gemms[2].reduction_var, "i");
  EXPECT_EQ(gemms[3].c, "h");
  EXPECT_EQ(gemms[3].reduction_var, "i");
  const std::string compute = k.find_artifact("compute.cpp")->text;
  for (const char* once : {"cb_wait_front(cb_v, 4);", "cb_pop_front(cb_v, 4);", "cb_wait_front(cb_s_cast, 4);",
                           "cb_pop_front(cb_s_cast, 4);"}) {
    EXPECT_EQ(count_of(compute, once), 1u) << once << "\n" << compute;
  }
  size_t at = 0;
  for (const char* in_order :
       {"pack_tile(t, cb_s_cast);", "cb_wait_front(cb_s_cast, 4);", "cb_wait_front(cb_v, 4);", "pack_tile(t_1, cb_O);",
        "matmul_tiles(cb_s_cast, cb_v,", "pack_tile(t_3, cb_O_total);", "cb_pop_front(cb_s_cast, 4);",
        "matmul_init(cb_kt, cb_v, 0);", "cb_wait_front(cb_h, 4);", "pack_tile(t_6, cb_final_state);",
        "cb_pop_front(cb_kt, 4);", "cb_pop_front(cb_v, 4);"}) {
    const size_t found = compute.find(in_order, at);
    ASSERT_NE(found, std::string::npos) << in_order << "\n" << compute;
    at = found;
  }
}

TEST(SeveralGemms, ClearAccumInsideTheChunkLoopIsTheClear) {
  // T.gemm(..., clear_accum=True) inside the chunk loop, as the linear attention examples write it, lowers exactly as
  // T.clear before the gemm: the same compute kernel.
  const std::string path = std::string(TT_TESTS_DIR) + "/emu/kernels/linear_attention_chain.py";
  CompileOptions with_clear_accum;
  with_clear_accum.defines["clear_accum"] = "True";
  CompileResult a = compile_file(path, CompileOptions{});
  CompileResult b = compile_file(path, with_clear_accum);
  ASSERT_TRUE(a.ok()) << render_diagnostics(a.all_diagnostics(), a.source);
  ASSERT_TRUE(b.ok()) << render_diagnostics(b.all_diagnostics(), b.source);
  EXPECT_EQ(a.kernels[0].find_artifact("compute.cpp")->text, b.kernels[0].find_artifact("compute.cpp")->text);
  EXPECT_EQ(a.kernels[0].find_artifact("writer.cpp")->text, b.kernels[0].find_artifact("writer.cpp")->text);
}

TEST(SeveralGemms, ClearAccumInsideALoopWhoseResultIsReadAfterItIsUnsupported) {
  CompileResult r = compile(two_gemms(R"(            for k in T.serial(2):
                T.copy(S, S_cast)
                T.copy(C[0, 0], C_shared)
                T.gemm(S_cast, C_shared, O, clear_accum=True))"));
  ASSERT_FALSE(r.ok());
  const Diagnostic e = first_error(r);
  EXPECT_EQ(e.category, DiagnosticCategory::Unsupported);
  EXPECT_EQ(e.message,
            "T.gemm(clear_accum=True) inside loop 'k' is not supported when its accumulator is read after the loop: "
            "each iteration would overwrite the accumulator");
}

TEST(SeveralGemms, AnOperandKeptAcrossTwoSiblingLoopsIsWaitedForOnceAndPoppedOnce) {
  // tests/emu/kernels/shared_operand_two_loops.py: A_shared, copied once per block, is read by a gemm in each of two
  // sibling loops: waited for before the first loop, popped after the second, once each.
  CompileResult r =
      compile_file(std::string(TT_TESTS_DIR) + "/emu/kernels/shared_operand_two_loops.py", CompileOptions{});
  ASSERT_TRUE(r.ok()) << render_diagnostics(r.all_diagnostics(), r.source);
  const std::string compute = r.kernels[0].find_artifact("compute.cpp")->text;
  EXPECT_EQ(count_of(compute, "cb_wait_front(cb_A_shared, 4);"), 1u) << compute;
  EXPECT_EQ(count_of(compute, "cb_pop_front(cb_A_shared, 4);"), 1u) << compute;
  size_t at = 0;
  for (const char* in_order :
       {"    cb_wait_front(cb_A_shared, 4);\n    for (uint32_t j = 0; j < 4; ++j) {", "matmul_tiles(cb_A_shared, cb_B_shared,",
        "pack_tile(t, cb_Out1);", "    }\n    for (uint32_t j_1 = 0; j_1 < 2; ++j_1) {",
        "matmul_tiles(cb_A_shared, cb_C_shared,", "pack_tile(t_1, cb_Out2);", "    }\n    cb_pop_front(cb_A_shared, 4);"}) {
    const size_t found = compute.find(in_order, at);
    ASSERT_NE(found, std::string::npos) << in_order << "\n" << compute;
    at = found;
  }
}

TEST(SeveralGemms, AnOperandFilledInALoopAndReadAfterItByAnotherGemmIsUnsupported) {
  // A_half is filled in every iteration of 'k' and read by a gemm there and by one after the loop: the second reader
  // would read the last version while the first releases each; not lowered.
  CompileResult r = compile(R"(import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-2, -1])
def two(M=128, K=64, L=64, dtype="float16"):

    @T.prim_func
    def main(A: T.Tensor((M, K), dtype), C: T.Tensor((K, L), dtype), Out: T.Tensor((M, L), dtype),
             Out2: T.Tensor((M, L), dtype)):
        with T.Kernel(M // 64) as bx:
            A_half = T.alloc_shared((64, 32), dtype)
            C_half = T.alloc_shared((32, L), dtype)
            O = T.alloc_fragment((64, L), "float")
            O2 = T.alloc_fragment((64, L), "float")
            T.clear(O)
            for k in T.serial(2):
                T.copy(A[bx * 64, k * 32], A_half)
                T.copy(C[k * 32, 0], C_half)
                T.gemm(A_half, C_half, O)
            T.clear(O2)
            T.gemm(A_half, C_half, O2)
            T.copy(O, Out[bx * 64, 0])
            T.copy(O2, Out2[bx * 64, 0])

    return main
)");
  ASSERT_FALSE(r.ok());
  const Diagnostic e = first_error(r);
  EXPECT_EQ(e.category, DiagnosticCategory::Unsupported);
  EXPECT_EQ(e.message,
            "T.gemm operand A_half is filled in loop 'k' and read by several gemms, one of them outside that loop: "
            "sharing one version of the block between them is not lowered yet");
  ASSERT_EQ(e.notes.size(), 1u);
  EXPECT_EQ(e.notes[0].message, "the earlier T.gemm reading A_half");
}

TEST(SeveralGemms, EveryOutputMustBeCoveredByTheGrid) {
  // Two outputs: the grid's blocks write all of Out1 but half of Out2 (twice Out1's rows): the error names Out2.
  CompileResult r = compile(R"(import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-2, -1])
def two(M=128, K=64, L=64, dtype="float16"):

    @T.prim_func
    def main(A: T.Tensor((M, K), dtype), C: T.Tensor((K, L), dtype), Out: T.Tensor((M, L), dtype),
             Out2: T.Tensor((2 * M, L), dtype)):
        with T.Kernel(M // 64) as bx:
            A_s = T.alloc_shared((64, K), dtype)
            C_s = T.alloc_shared((K, L), dtype)
            O = T.alloc_fragment((64, L), "float")
            O2 = T.alloc_fragment((64, L), "float")
            T.copy(A[bx * 64, 0], A_s)
            T.copy(C[0, 0], C_s)
            T.clear(O)
            T.gemm(A_s, C_s, O)
            T.clear(O2)
            T.gemm(A_s, C_s, O2)
            T.copy(O, Out[bx * 64, 0])
            T.copy(O2, Out2[bx * 64, 0])

    return main
)");
  ASSERT_FALSE(r.ok());
  const Diagnostic e = first_error(r);
  EXPECT_EQ(e.message, "the T.Kernel grid of 2 blocks of 2x2 tiles covers 8 tiles, but output 'Out2' has 16");
}

// A chunk loop in which the state h is carried and read: `body` is the loop's body after the copies.
std::string carried_state(const std::string& body) {
  std::string text = R"(import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-2, -1])
def chunk_state(BH=2, S=128, D=64, chunk=64, dtype="float16", accum_dtype="float"):

    @T.prim_func
    def main(Q: T.Tensor((BH, S, D), dtype), KT: T.Tensor((BH, D, S), dtype), V: T.Tensor((BH, S, D), dtype),
             O: T.Tensor((BH, S, D), dtype), state: T.Tensor((BH, D, D), accum_dtype)):
        with T.Kernel(BH) as bh:
            q = T.alloc_shared((chunk, D), dtype)
            kt = T.alloc_shared((D, chunk), dtype)
            v = T.alloc_shared((chunk, D), dtype)
            h = T.alloc_fragment((D, D), accum_dtype)
            h_shared = T.alloc_shared((D, D), dtype)
            o = T.alloc_fragment((chunk, D), accum_dtype)
            T.clear(h)
            for i in T.Pipelined(S // chunk, num_stages=1):
                T.copy(Q[bh, i * chunk:(i + 1) * chunk, :], q)
                T.copy(KT[bh, :, i * chunk:(i + 1) * chunk], kt)
                T.copy(V[bh, i * chunk:(i + 1) * chunk, :], v)
{body}
            T.copy(h, state[bh, :, :])

    return main
)";
  text.replace(text.find("{body}"), 6, body);
  return text;
}

TEST(SeveralGemms, AnAccumulatorReadInsideTheLoopThatCarriesItIsUnsupported) {
  // The linear attention examples' o += q @ h_shared with h_shared = h copied before h += k^T v in the same chunk.
  CompileResult r = compile(carried_state(R"(                T.copy(h, h_shared)
                T.clear(o)
                T.gemm(q, h_shared, o)
                T.copy(o, O[bh, i * chunk:(i + 1) * chunk, :])
                T.gemm(kt, v, h))"));
  ASSERT_FALSE(r.ok());
  const Diagnostic e = first_error(r);
  EXPECT_EQ(e.category, DiagnosticCategory::Unsupported);
  EXPECT_EQ(e.span.begin.line, 23u);  // the T.copy(h, h_shared)
  EXPECT_EQ(e.message,
            "accumulator h is read inside the loop 'i' that carries it (T.copy into h_shared): its partial sums are "
            "not a block there (they stay in DST or in its CB between the steps), so reading them in the same "
            "iteration is not lowered yet");
  ASSERT_EQ(e.notes.size(), 1u);
  EXPECT_EQ(e.notes[0].span.begin.line, 27u);
}

TEST(SeveralGemms, TwoGemmsOntoOneAccumulatorChainWithinAnIteration) {
  // tests/emu/kernels/gemm_chain_one_accumulator.py: o = a1 @ b1 (clear_accum), another gemm's section, then
  // o += a2 @ b2 and o *= 0.5: the first packs o into o's own CB, the second reloads it, accumulates, runs the
  // epilogue and packs into Out's CB.
  CompileResult r =
      compile_file(std::string(TT_TESTS_DIR) + "/emu/kernels/gemm_chain_one_accumulator.py", CompileOptions{});
  ASSERT_TRUE(r.ok()) << render_diagnostics(r.all_diagnostics(), r.source);
  const std::string compute = r.kernels[0].find_artifact("compute.cpp")->text;
  EXPECT_EQ(count_of(compute, "pack_tile(t, cb_o);"), 1u) << compute;
  EXPECT_EQ(count_of(compute, "cb_wait_front(cb_o, 4);"), 1u) << compute;
  EXPECT_EQ(count_of(compute, "cb_pop_front(cb_o, 4);"), 1u) << compute;
  size_t at = 0;
  for (const char* in_order :
       {"matmul_tiles(cb_a1, cb_b1,", "pack_tile(t, cb_o);", "matmul_tiles(cb_a1_half, cb_b2,", "pack_tile(t_1, cb_Out2);",
        "copy_tile_to_dst_init_short_with_dt(cb_b2, cb_o);", "cb_wait_front(cb_o, 4);", "copy_tile(cb_o, t_2, t_2);",
        "cb_pop_front(cb_o, 4);", "matmul_init(cb_a2, cb_b2, 0);", "matmul_tiles(cb_a2, cb_b2,",
        "mul_unary_tile(t_3, 0x3F000000u", "pack_tile(t_4, cb_Out);"}) {
    const size_t found = compute.find(in_order, at);
    ASSERT_NE(found, std::string::npos) << in_order << "\n" << compute;
    at = found;
  }
}

TEST(SeveralGemms, ChainingOntoAnAccumulatorCarriedAcrossTheLoopIsUnsupported) {
  // h is accumulated across the chunks by its first gemm: a second gemm onto h in the same loop is not a chain
  // within one iteration.
  CompileResult r = compile(carried_state(R"(                T.clear(o)
                T.gemm(q, kt, o)
                T.copy(o, O[bh, i * chunk:(i + 1) * chunk, :])
                T.gemm(kt, v, h)
                T.gemm(kt, v, h))"));
  ASSERT_FALSE(r.ok());
  const Diagnostic e = first_error(r);
  EXPECT_EQ(e.category, DiagnosticCategory::Unsupported);
  EXPECT_EQ(e.span.begin.line, 27u);
  EXPECT_EQ(e.message,
            "second T.gemm accumulating onto h: the earlier one accumulates across a loop; chaining gemms onto one "
            "accumulator is lowered only within one iteration, after the first gemm's clear");
  ASSERT_EQ(e.notes.size(), 1u);
  EXPECT_EQ(e.notes[0].span.begin.line, 26u);
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
