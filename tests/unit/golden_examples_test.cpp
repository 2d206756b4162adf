// End-to-end goldens: every artifact generated from the bundled example files, unmodified, through the
// real front end, pipeline and codegen (tests/golden/examples/<example>/): the reference GEMM, the
// bfloat16 GEMM with block_K 64 (slice-style copies, num_stages 2), the transpose_B GEMM, the element-wise add, the
// GEMM with a fused epilogue (scale, shift, ReLU and a bfloat16 cast on the DST accumulator); and upstream's
// element-wise add, rms_norm and flash attention forward (corpus), one element-wise test kernel, a GEMM whose K
// loop's trip count depends on the block (gemm_causal_k) and several gemms accumulating in one loop
// (two_accumulators_k_loop, linear_attention_chain).
// To regenerate after an intended change: TT_UPDATE_GOLDENS=1 ./ttcompiler_tests
// --gtest_filter='*GoldenExamples*:*GoldenKernelFiles*' then review `git diff tests/golden/examples`.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "compiler/compiler.h"
#include "golden_file.h"

namespace tt {
namespace {

namespace fs = std::filesystem;

const char* const kArtifacts[] = {"reader.cpp", "compute.cpp",  "writer.cpp",
                                  "main.cpp",   "tt.plan.json", "provenance.json"};

// Compiles `source` (a path from the checkout root, as a user passes it, so the header comments and provenance name
// the file the same way) and compares every artifact with the goldens in `dir`.
void expect_artifacts_match(const std::string& source, const fs::path& dir, const std::string& kernel = "",
                            const std::map<std::string, std::string>& defines = {}) {
  const fs::path cwd = fs::current_path();
  fs::current_path(fs::path(TT_INSPECT_ASSETS_DIR).parent_path());
  CompileOptions options;
  options.kernel = kernel;
  options.defines = defines;
  CompileResult result = compile_file(source, options);
  fs::current_path(cwd);
  ASSERT_TRUE(result.ok()) << render_diagnostics(result.all_diagnostics(), result.source);
  ASSERT_EQ(result.kernels.size(), 1u);
  for (const char* name : kArtifacts) {
    const Artifact* a = result.kernels[0].find_artifact(name);
    ASSERT_NE(a, nullptr) << name;
    testing::expect_golden(dir / name, a->text);
  }
}

class GoldenExamples : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenExamples, ArtifactsMatchGoldens) {
  const fs::path dir = fs::path(TT_TESTS_DIR) / "golden" / "examples" / GetParam();
  expect_artifacts_match("assets/examples/" + GetParam() + ".py", dir);
  if (testing::updating_goldens()) GTEST_SKIP() << "rewrote " << dir;
}

// Kernel files that are not bundled examples, by their path from the checkout root (the corpus beside it, skipped where
// absent, and the element-wise kernels written as tests): goldens in tests/golden/examples/<name>/.
struct KernelFile {
  const char* name;
  const char* path;
  const char* kernel = "";                     // of a file with several (--kernel)
  std::map<std::string, std::string> defines;  // -D NAME=VALUE, for sizes the file only gets at run time
};

class GoldenKernelFiles : public ::testing::TestWithParam<KernelFile> {};

TEST_P(GoldenKernelFiles, ArtifactsMatchGoldens) {
  const KernelFile& file = GetParam();
  if (!fs::exists(fs::path(TT_INSPECT_ASSETS_DIR).parent_path() / file.path)) {
    GTEST_SKIP() << "no " << file.path << " beside the checkout";
  }
  const fs::path dir = fs::path(TT_TESTS_DIR) / "golden" / "examples" / file.name;
  expect_artifacts_match(file.path, dir, file.kernel, file.defines);
  if (testing::updating_goldens()) GTEST_SKIP() << "rewrote " << dir;
}

INSTANTIATE_TEST_SUITE_P(
    KernelFiles, GoldenKernelFiles,
    ::testing::Values(
        KernelFile{"upstream_elementwise_add",
                   "../shared/corpus/tilelang/examples/elementwise/example_elementwise_add.py"},
        KernelFile{"eltwise_clamp_residual", "tests/emu/kernels/eltwise_clamp_residual.py"},
        // A K loop of min(K / block_K, bx + by + 1) steps: per-block trip counts in every kernel.
        KernelFile{"gemm_causal_k", "tests/emu/kernels/gemm_causal_k.py"},
        // A per-tile mask written with `with T.If(...): with T.Then(): ... with T.Else(): ...` (a select after
        // lower_tile_ops) as the initial value of a K loop's accumulator.
        KernelFile{"masked_scores_raw_if", "tests/emu/kernels/masked_scores_raw_if.py"},
        // Two accumulators over one K loop sharing operand A_shared; a linear-attention-like chunk loop (S per
        // chunk, o per chunk, the state h and a running total carried across the loop, v read by three gemms).
        KernelFile{"two_accumulators_k_loop", "tests/emu/kernels/two_accumulators_k_loop.py"},
        KernelFile{"linear_attention_chain", "tests/emu/kernels/linear_attention_chain.py"},
        // test_rms_norm's instance (1024 x 1024): reduction, vector map, broadcast, streamed CBs.
        KernelFile{"upstream_rms_norm", "../shared/corpus/tilelang/examples/norm/rms_norm.py", "rms_norm_1"},
        // Flash attention forward (non-causal), the `kernel` instance (128x128 blocks) at the sizes
        // of ctest cli_run_flash_attention_mha_bshd_upstream: two gemms per KV block, the online
        // softmax's row max/sum with carried vectors, exp2, the rescale of acc_o, the final divide.
        KernelFile{"upstream_flash_attention_mha_bshd",
                   "../shared/corpus/tilelang/examples/flash_attention/example_mha_fwd_bshd.py",
                   "kernel",
                   {{"batch", "1"}, {"heads", "2"}, {"seq_len", "256"}, {"dim", "64"}, {"is_causal", "False"}}}),
    [](const ::testing::TestParamInfo<KernelFile>& param) { return std::string(param.param.name); });

INSTANTIATE_TEST_SUITE_P(Examples, GoldenExamples,
                         ::testing::Values("example_gemm", "example_gemm_bf16_slices", "example_gemm_transpose_b",
                                           "example_elementwise_add", "example_attention_scores_bshd",

                                           "example_gemm_epilogue"),
                         [](const ::testing::TestParamInfo<std::string>& param) { return param.param; });

}  // namespace
}  // namespace tt
