// Golden front-end IR: each example kernel in assets/examples/ lowers to the printed IR stored in
// tests/golden/frontend/<example>.tir, byte for byte.
// To regenerate after an intended change: TT_UPDATE_GOLDENS=1 ./ttcompiler_tests --gtest_filter='*GoldenIr*'
// then review the diff (`git diff tests/golden`): a golden must read like its source with numbers in.
#include <gtest/gtest.h>

#include "compiler/frontend/frontend.h"
#include "compiler/ir/printer.h"
#include "golden_file.h"

namespace tt::frontend {
namespace {

class GoldenIr : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenIr, MatchesTheGoldenFile) {
  const std::string source_path = std::string(TT_INSPECT_ASSETS_DIR) + "/examples/" + GetParam() + ".py";
  const std::string golden_path = std::string(TT_TESTS_DIR) + "/golden/frontend/" + GetParam() + ".tir";
  DiagnosticList diags;
  SourceFile source("assets/examples/" + GetParam() + ".py", tt::testing::read_file(source_path));
  std::vector<ir::Module> modules = lower_source(source, {}, diags);
  ASSERT_FALSE(diags.has_errors()) << render_diagnostics(diags, source);
  std::string actual;
  for (const ir::Module& m : modules) actual += ir::print_module(m).text;

  tt::testing::expect_golden(golden_path, actual);
  if (tt::testing::updating_goldens()) GTEST_SKIP() << "rewrote " << golden_path;
}

INSTANTIATE_TEST_SUITE_P(Examples, GoldenIr,
                         ::testing::Values("example_gemm", "example_gemm_bf16_slices", "example_gemm_transpose_b",
                                         "example_elementwise_add", "example_attention_scores_bshd",

                                           "example_gemm_epilogue"),
                         [](const ::testing::TestParamInfo<std::string>& param) { return param.param; });

}  // namespace
}  // namespace tt::frontend
