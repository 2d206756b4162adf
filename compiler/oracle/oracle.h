// The oracle: an op-independent reference for any kernel. It interprets the front-end IR (the
// module lower_source produces, before the TT passes) in double precision and returns every
// global buffer the kernel writes, so the emulator's output can be checked for any kernel, not
// only a GEMM. Semantics (double everywhere, where values are rounded): compiler/oracle/README.md.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "compiler/ir/diagnostics.h"
#include "compiler/ir/ir.h"

namespace tt::oracle {

// A host tensor: shape and row-major values.
struct HostTensor {
  std::vector<int64_t> shape;
  std::vector<double> data;
};

struct OracleResult {
  // Every global buffer the kernel writes (T.copy/T.fill/T.reduce destination or element store),
  // by parameter name. Elements no block wrote are NaN (unless the buffer was also an input).
  std::map<std::string, HostTensor> outputs;
  DiagnosticList diagnostics;  // located errors; on error `outputs` is empty
  bool ok() const { return !diagnostics.has_errors(); }
};

// Runs `kernel` on `inputs` (one per global buffer it reads, by parameter name; the shape must be
// the parameter's). Never throws: unsupported IR (TT intrinsics, block-float dtypes), bad inputs and
// run-time faults (an on-chip index out of bounds, integer division by zero) are diagnostics.
OracleResult run_oracle(const ir::PrimFunc& kernel, const std::map<std::string, HostTensor>& inputs);

// The global buffers `kernel` writes (T.copy/T.fill/T.reduce destinations, gemm accumulators,
// element stores), in parameter order: the outputs run_oracle returns.
std::vector<ir::Buffer> output_buffers(const ir::PrimFunc& kernel);

// Deterministic inputs for every parameter that is not an output: values uniform in [-1, 1) from
// `seed`, rounded to the parameter's dtype (what a host program would upload).
std::map<std::string, HostTensor> random_inputs(const ir::PrimFunc& kernel, uint64_t seed);

// Element-wise check of a result against the oracle's: |got - want| <= atol + rtol * |want|.
// A NaN on either side is a mismatch; equal infinities match; tensors of different shapes never pass.
struct Comparison {
  uint64_t checked = 0, mismatches = 0;
  double max_abs_error = 0, max_rel_error = 0;  // rel: |got - want| / max(|want|, atol)
  bool has_first = false;                       // the first mismatch, by row-major position
  std::vector<int64_t> first_index;
  double first_got = 0, first_want = 0;
  bool passed() const { return mismatches == 0; }
};
Comparison compare(const HostTensor& got, const HostTensor& want, double rtol, double atol);

}  // namespace tt::oracle
