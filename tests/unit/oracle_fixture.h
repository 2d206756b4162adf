// Test helpers for the oracle and the element-wise/reduction front end: lowering a TileLang source
// string (classic syntax) to its front-end PrimFunc, deterministic inputs, and element comparisons.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "compiler/ir/diagnostics.h"
#include "compiler/ir/ir.h"
#include "compiler/oracle/oracle.h"

namespace tt::test {

struct LoweredKernel {
  std::vector<ir::Module> modules;
  DiagnosticList diags;
  std::string headline() const;  // "k.py:L:C: error: ..." of the first diagnostic, or ""
  const ir::PrimFunc& func() const { return modules.at(0).funcs.at(0); }
  std::string ir() const;  // the printed module
};
LoweredKernel lower_kernel(const std::string& text, const std::map<std::string, std::string>& defines = {});

// `count` values k / 32 with k uniform in [-64, 64] (deterministic in `seed`): exact in float16,
// bfloat16 and float32, so the inputs the oracle stores are the inputs the test's reference reads.
std::vector<double> exact_values(size_t count, uint64_t seed);
oracle::HostTensor tensor(std::vector<int64_t> shape, std::vector<double> data);

// Largest |got - want| over all elements; +inf when sizes differ or a NaN appears in only one.
double max_abs_diff(const std::vector<double>& got, const std::vector<double>& want);

}  // namespace tt::test
