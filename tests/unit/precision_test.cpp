// The precision model (compiler/advice/precision): fp16 accumulation of the reference GEMM at K=1024
// is expected to fail rtol 1e-2 against the float64 oracle; fp32 accumulation is not.
#include "compiler/advice/precision.h"

#include <gtest/gtest.h>

#include <cmath>

#include "compiler/compiler.h"

namespace tt::advice {
namespace {

ir::Module gemm_module(const std::string& accum) {
  CompileOptions options;
  options.defines = {{"accum_dtype", accum}};
  options.codegen = false;
  CompileResult r = compile_file(std::string(TT_INSPECT_ASSETS_DIR) + "/examples/example_gemm.py", options);
  EXPECT_TRUE(r.ok());
  return r.kernels.empty() ? ir::Module{} : r.kernels[0].module;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

TEST(Precision, SignificandBitsOfTheFloatDtypes) {
  EXPECT_EQ(significand_bits("float16"), 11);
  EXPECT_EQ(significand_bits("bfloat16"), 8);
  EXPECT_EQ(significand_bits("float"), 24);
  EXPECT_EQ(significand_bits("int32"), std::nullopt);
}

TEST(Precision, Fp16AccumulationAtK1024IsExpectedToFailRtol1e2AgainstADoubleReference) {
  const ir::Module m = gemm_module("float16");
  const std::optional<AccumulationPrecision> p = accumulation_precision(m);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->k, 1024);
  EXPECT_EQ(p->k_steps, 32);  // block_K=32
  EXPECT_EQ(p->bits, 11);
  EXPECT_DOUBLE_EQ(p->worst, 1024 * std::ldexp(1.0, -11));  // 0.5
  EXPECT_DOUBLE_EQ(p->expected, 32 * std::ldexp(1.0, -11));
  // What `tt-inspect run -D M=256 -D N=256 -D K=1024 -D accum_dtype=float16` measures against the host
  // program's reference GEMM: mean |C| 8.51, max |err| 0.0682, 104 mismatches.
  MeasuredOutput measured{"C", 1e-2, 1e-2, 8.51, 0.0682, 104, 1, false};
  const std::string text = joined(explain_precision(m, measured));
  EXPECT_NE(text.find("tolerance: |err| <= atol + rtol * |want| = 0.01 + 0.01 * 8.51 = 0.0951 at the mean |want| of C"),
            std::string::npos)
      << text;
  // sqrt(32) * 2^-11 * 8.51 = 0.0235; the largest of many elements about 4x that; at worst 1024 * 2^-11.
  EXPECT_NE(text.find("A is float16, B is float16; products are accumulated in float16 (u = 2^-11 = 0.000488), the "
                      "sum rounded after each of the 32 K steps, against a reference summed in double: |err| ~ "
                      "sqrt(steps) * u * |want| = 0.0235 typically, about 0.094 for the largest, bounded by K * u * "
                      "max|a||b| = 1024 * 0.000488 * 1 = 0.5"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("so rtol 0.01 is expected to fail: float16 accumulation alone explains errors up to about 0.094 "
                      "(measured max |err| 0.0682)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("accum_dtype=\"float32\" (-D accum_dtype=float32) makes it K * 2^-24 * max|a||b| = 6.1e-05"),
            std::string::npos)
      << text;
}

TEST(Precision, AReferenceThatRoundsLikeTheKernelDiffersByOneRounding) {
  const ir::Module m = gemm_module("float16");
  MeasuredOutput measured{"C", 1e-2, 1e-2, 17, 0.03, 8, 1, true};
  const std::string text = joined(explain_precision(m, measured));
  // 2 * 2^-11 * sqrt(1024) = 0.03125
  EXPECT_NE(text.find("the reference rounds C_local to float16 (u = 2^-11 = 0.000488) after each of the 32 K steps, as "
                      "the kernel does: they differ by one rounding of a partial sum where it lands near a rounding "
                      "boundary, up to 2u * sqrt(K) * max|a||b| = 0.0312"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("is expected to fail"), std::string::npos) << text;
}

TEST(Precision, Fp32AccumulationLeavesLargeErrorsUnexplained) {
  const ir::Module m = gemm_module("float32");
  MeasuredOutput measured{"C", 1e-2, 1e-2, 10.7, 3.0, 7, 1, false};
  const std::string text = joined(explain_precision(m, measured));
  EXPECT_NE(text.find("storing C as float16 (u = 2^-11 = 0.000488) adds about |want| * u = 0.00522"), std::string::npos)
      << text;
  EXPECT_NE(text.find("the measured max |err| 3 is not rounding; look at the first wrong elements"), std::string::npos)
      << text;
  EXPECT_EQ(text.find("accum_dtype=\"float32\" (-D"), std::string::npos) << text;
  measured.mismatches = 0;
  EXPECT_NE(joined(explain_precision(m, measured)).find("all elements are within the tolerance"), std::string::npos);
}

}  // namespace
}  // namespace tt::advice
