// Golden front-end IR: each example kernel in assets/examples/ lowers to the printed IR stored in
// tests/golden/frontend/<example>.tir, byte for byte.
// To regenerate after an intended change: TT_UPDATE_GOLDENS=1 ./ttcompiler_tests --gtest_filter='*GoldenIr*'
// then review the diff (`git diff tests/golden`): a golden must read like its source with numbers in.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "compiler/frontend/frontend.h"
#include "compiler/ir/printer.h"

namespace tt::frontend {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class GoldenIr : public testing::TestWithParam<std::string> {};

TEST_P(GoldenIr, MatchesTheGoldenFile) {
  const std::string source_path = std::string(TT_INSPECT_ASSETS_DIR) + "/examples/" + GetParam() + ".py";
  const std::string golden_path = std::string(TT_TESTS_DIR) + "/golden/frontend/" + GetParam() + ".tir";
  DiagnosticList diags;
  SourceFile source("assets/examples/" + GetParam() + ".py", read_file(source_path));
  std::vector<ir::Module> modules = lower_source(source, {}, diags);
  ASSERT_FALSE(diags.has_errors()) << render_diagnostics(diags, source);
  std::string actual;
  for (const ir::Module& m : modules) actual += ir::print_module(m).text;

  const char* update = std::getenv("TT_UPDATE_GOLDENS");
  if (update && std::string(update) == "1") {
    std::ofstream(golden_path, std::ios::binary) << actual;
    GTEST_SKIP() << "rewrote " << golden_path;
  }
  EXPECT_EQ(actual, read_file(golden_path)) << "golden: " << golden_path << " (TT_UPDATE_GOLDENS=1 rewrites it)";
}

INSTANTIATE_TEST_SUITE_P(Examples, GoldenIr,
                         testing::Values("example_gemm", "example_gemm_bf16_slices", "example_gemm_transpose_b",
                                         "example_elementwise_add"),
                         [](const testing::TestParamInfo<std::string>& param) { return param.param; });

}  // namespace
}  // namespace tt::frontend
