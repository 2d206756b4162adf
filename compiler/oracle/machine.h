// Internal to the oracle: buffer storage, located run-time errors, and the tile-op kernels
// (copy, gemm, fill, reduce) that the statement interpreter (oracle.cpp) calls with evaluated
// region starts. Not part of the oracle's interface.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/ir/diagnostics.h"
#include "compiler/ir/ir.h"

namespace tt::oracle::detail {

// Thrown inside the interpreter and turned into a Diagnostic by run_oracle.
struct OracleError {
  Diagnostic diagnostic;
};
[[noreturn]] void fail(SourceSpan span, std::string message);

// The contents of one buffer (row-major doubles, already in the buffer's dtype).
struct Storage {
  ir::Buffer buffer;
  std::vector<int64_t> strides;  // elements
  std::vector<double> data;
  explicit Storage(ir::Buffer b, double initial);
  bool is_global() const { return buffer->scope == ir::MemScope::Global; }
  void store(int64_t offset, double value);  // rounds `value` to the buffer's dtype
};

// A region with evaluated starts.
struct RegionRef {
  Storage* storage = nullptr;
  std::vector<int64_t> starts;
  const ir::Region* region = nullptr;  // extents and span
};

void run_copy(const RegionRef& src, const RegionRef& dst, SourceSpan span);
void run_fill(const RegionRef& dst, double value, SourceSpan span);
void run_gemm(const ir::GemmNode& op, const RegionRef& a, const RegionRef& b, const RegionRef& c);
void run_reduce(const ir::ReduceNode& op, const RegionRef& src, const RegionRef& dst);

// acc[m x n] += a[m x k] * b[k x n], all row-major and contiguous; each element's products are added in
// ascending k, one rounding each (the naive triple loop's result, bit for bit).
void multiply_accumulate(double* acc, const double* a, const double* b, int64_t m, int64_t k, int64_t n);

// "(128, 32)"
std::string shape_text(const std::vector<int64_t>& shape);

}  // namespace tt::oracle::detail
