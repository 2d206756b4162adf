// Golden IR after every pass: the reference GEMM (assets/examples/example_gemm.py, 1024^3, 128x128x32,
// float16 in, float accumulation) and the GEMM with a fused epilogue (example_gemm_epilogue.py: scale,
// shift, ReLU and a bfloat16 cast on the DST accumulator) run the whole pipeline; each trace lists the
// front end and every pass of pipeline() in order, and the IR text after each one equals
// tests/golden/passes/<example>/NN_<pass>.tir.
// To regenerate after an intended change: TT_UPDATE_GOLDENS=1 ./ttcompiler_tests --gtest_filter='*GoldenPassTrace*'
// then review `git diff tests/golden/passes`.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "compiler/compiler.h"
#include "golden_file.h"

namespace tt {
namespace {

namespace fs = std::filesystem;

std::string golden_name(size_t index, const std::string& pass) {
  char prefix[24];
  std::snprintf(prefix, sizeof prefix, "%02zu_", index);
  return prefix + pass + ".tir";
}

class GoldenPassTrace : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenPassTrace, IrAfterEveryPass) {
  const fs::path source = fs::path(TT_INSPECT_ASSETS_DIR) / "examples" / (GetParam() + ".py");
  const fs::path golden_dir = fs::path(TT_TESTS_DIR) / "golden" / "passes" / GetParam();
  CompileOptions options;
  options.codegen = false;
  CompileResult result = compile_file(source.string(), options);
  ASSERT_TRUE(result.ok()) << render_diagnostics(result.all_diagnostics(), result.source);
  ASSERT_EQ(result.kernels.size(), 1u);
  const PassTrace& trace = result.kernels.front().trace;

  // The front end, then every pass of the pipeline, in order; none failed.
  ASSERT_EQ(trace.passes.size(), pipeline().size() + 1);
  EXPECT_EQ(trace.passes[0].name, "frontend");
  for (size_t i = 0; i < pipeline().size(); ++i) {
    EXPECT_EQ(trace.passes[i + 1].name, pipeline()[i].name);
    EXPECT_TRUE(trace.passes[i + 1].succeeded) << pipeline()[i].name;
  }

  for (size_t i = 0; i < trace.passes.size(); ++i) {
    SCOPED_TRACE("IR after " + trace.passes[i].name);
    testing::expect_golden(golden_dir / golden_name(i, trace.passes[i].name), trace.passes[i].ir_text);
  }
  if (testing::updating_goldens()) GTEST_SKIP() << "rewrote " << golden_dir;
}

INSTANTIATE_TEST_SUITE_P(Examples, GoldenPassTrace, ::testing::Values("example_gemm", "example_gemm_epilogue"),
                         [](const ::testing::TestParamInfo<std::string>& param) { return param.param; });

}  // namespace
}  // namespace tt
