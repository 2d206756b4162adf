// End-to-end goldens: every artifact generated from the bundled example files, unmodified, through the
// real front end, pipeline and codegen (tests/golden/examples/<example>/): the reference GEMM, the
// bfloat16 GEMM with block_K 64 (slice-style copies, num_stages 2), the transpose_B GEMM, the element-wise
// add and the GEMM with a fused epilogue (scale, shift, ReLU and a bfloat16 cast on the DST accumulator).
// To regenerate after an intended change: TT_UPDATE_GOLDENS=1 ./ttcompiler_tests --gtest_filter='GoldenExamples*'
// then review `git diff tests/golden/examples`.
#include <gtest/gtest.h>

#include <filesystem>

#include "compiler/compiler.h"
#include "golden_file.h"

namespace tt {
namespace {

namespace fs = std::filesystem;

const char* const kArtifacts[] = {"reader.cpp", "compute.cpp", "writer.cpp",
                                  "main.cpp",   "tt.plan.json", "provenance.json"};

class GoldenExamples : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenExamples, ArtifactsMatchGoldens) {
  // The path as a user passes it, so the header comments and provenance name the file the same way.
  const std::string source = "assets/examples/" + GetParam() + ".py";
  const fs::path dir = fs::path(TT_TESTS_DIR) / "golden" / "examples" / GetParam();
  const fs::path cwd = fs::current_path();
  fs::current_path(fs::path(TT_INSPECT_ASSETS_DIR).parent_path());
  CompileResult result = compile_file(source, CompileOptions{});
  fs::current_path(cwd);
  ASSERT_TRUE(result.ok()) << render_diagnostics(result.all_diagnostics(), result.source);
  ASSERT_EQ(result.kernels.size(), 1u);
  for (const char* name : kArtifacts) {
    const Artifact* a = result.kernels[0].find_artifact(name);
    ASSERT_NE(a, nullptr) << name;
    testing::expect_golden(dir / name, a->text);
  }
  if (testing::updating_goldens()) GTEST_SKIP() << "rewrote " << dir;
}

INSTANTIATE_TEST_SUITE_P(Examples, GoldenExamples,
                         ::testing::Values("example_gemm", "example_gemm_bf16_slices", "example_gemm_transpose_b",
                                           "example_elementwise_add", "example_attention_scores_bshd",

                                           "example_gemm_epilogue"),
                         [](const ::testing::TestParamInfo<std::string>& param) { return param.param; });

}  // namespace
}  // namespace tt
