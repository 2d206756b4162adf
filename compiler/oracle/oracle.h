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

}  // namespace tt::oracle
