// The oracle as the emulator's expected-output source (app/oracle_expected): a generated GEMM program
// run through emulate_kernel is judged against the oracle, and on the same dumped inputs the oracle
// agrees with the independent reference GEMM to within the rounding of C to its float16 dtype.
#include "app/oracle_expected.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "app/emulate_kernel.h"
#include "compiler/compiler.h"
#include "output_check.h"

namespace tt {
namespace {

namespace fs = std::filesystem;

TEST(OracleExpected, GemmRunIsJudgedByTheOracleWhichAgreesWithTheReferenceGemm) {
  CompileOptions options;
  options.defines = {{"M", "128"}, {"N", "128"}, {"K", "128"}};
  CompileResult result = compile_file(std::string(TT_TESTS_DIR) + "/../assets/examples/example_gemm.py", options);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result.kernels.size(), 1u);
  const fs::path dir = fs::path(TT_TESTS_BINARY_DIR) / "oracle_expected_gemm";
  fs::remove_all(dir);
  ttemu::RunResult run;
  std::string error;
  ASSERT_TRUE(app::emulate_kernel(result.kernels[0], dir, ttemu::RunOptions{}, run, error)) << error;
  ASSERT_TRUE(run.passed) << run.message << "\n" << run.log;
  EXPECT_NE(run.message.find("outputs match the oracle"), std::string::npos) << run.message;

  // Cross-check on the inputs the program generated: C is float16, so the oracle (which rounds the
  // copy of the float32 accumulator into C) and the unrounded double GEMM differ by at most half an
  // ulp of float16, 2^-11 relative (the values stay far from float16's subnormals and overflow).
  const ttemu::HostBuffers dumped = ttemu::read_host_dump(run.work_dir / "dump");
  const auto oracle = app::oracle_expected(result.kernels[0].source_module.funcs.at(0))->expected(dumped);
  const auto gemm = ttemu::gemm_reference(ttemu::GemmSpec{"A", "B", "C"})->expected(dumped);
  ASSERT_EQ(oracle.count("C"), 1u);
  ASSERT_EQ(gemm.count("C"), 1u);
  const std::vector<double>& want = gemm.at("C").values;
  const std::vector<double>& got = oracle.at("C").values;
  ASSERT_EQ(got.size(), want.size());
  ASSERT_EQ(got.size(), 128u * 128u);
  size_t outside = 0;
  for (size_t i = 0; i < got.size(); ++i) {
    if (!(std::fabs(got[i] - want[i]) <= std::ldexp(std::fabs(want[i]), -11) + 1e-12)) ++outside;
  }
  EXPECT_EQ(outside, 0u);
}

TEST(OracleExpected, DumpThatIsNoKernelParameterIsAnError) {
  CompileOptions options;
  CompileResult result = compile_file(std::string(TT_TESTS_DIR) + "/../assets/examples/example_gemm.py", options);
  ASSERT_TRUE(result.ok());
  ttemu::HostBuffers dumped;
  dumped["Z"] = ttemu::HostMatrix{"Z", "input", 1, 1, {0.0}};
  try {
    app::oracle_expected(result.kernels[0].source_module.funcs.at(0))->expected(dumped);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("'Z', which is no parameter of kernel"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace tt
