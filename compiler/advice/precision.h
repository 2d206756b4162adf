// What precision the chosen dtypes allow: the rounding of a GEMM's accumulator over K and of the
// stored output, against the tolerance a run is judged with. One model for the advice rule
// (low-precision-accumulation) and for `tt-inspect run`'s explanation of a mismatch. Covered by
// tests/unit/precision_test.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"

namespace tt::advice {

// Significand bits (with the implicit bit) of a float dtype: float16 11, bfloat16 8, float32 24;
// nullopt for integer and block-float dtypes.
std::optional<int> significand_bits(const std::string& dtype);

// Rounding of the partial sums of C += A x B over the whole reduction.
struct AccumulationPrecision {
  std::string dtype;         // of the accumulator
  int bits = 0;              // its significand bits
  int64_t k = 0;             // products summed per output element
  int64_t k_steps = 1;       // T.gemm calls per output block (the K loop's trip count): roundings of the sum
  double unit_roundoff = 0;  // 2^-bits
  double expected = 0;       // sqrt(K) * u: the typical relative error of a sum of K rounded steps
  double worst = 0;          // K * u: the bound on |err| / (sum |a||b|)
};
std::optional<AccumulationPrecision> accumulation_precision(const ir::Module& module);

// What one checked output of a run measured, and the tolerance it was judged with.
struct MeasuredOutput {
  std::string buffer;
  double rtol = 0, atol = 0;
  double mean_abs_expected = 0;  // mean |want| over the output
  double max_abs_error = 0;
  uint64_t mismatches = 0;
  double input_bound = 1;  // |input| <= this (the run's random data)
  // The reference stores the accumulator in its dtype after every T.gemm, as the kernel does (the
  // oracle); false: it sums in double without rounding (the host program's reference GEMM).
  bool reference_rounds_accumulator = false;
};

// Lines explaining the error the dtypes allow against the tolerance, ending with a verdict: the
// mismatches are expected from the dtypes (with the change that removes them), or are not.
std::vector<std::string> explain_precision(const ir::Module& module, const MeasuredOutput& measured);

}  // namespace tt::advice
