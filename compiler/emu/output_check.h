// The engine's second opinion on a host program run: the program dumps its row-major inputs and outputs
// (main --dump-dir DIR: one raw little-endian float32 file per buffer and index.json), expected outputs are
// computed from those inputs by an ExpectedOutputs source, and each output buffer is compared element-wise.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "output_errors.h"
#include "runtime/gemm_check.h"
#include "runtime/plan.h"

namespace ttemu {

struct HostMatrix {
  std::string name, role;  // role: "input" | "output"
  std::uint32_t rows = 0, cols = 0;
  std::vector<double> values;  // row-major
};
using HostBuffers = std::map<std::string, HostMatrix>;

// Reads DIR/index.json and the files it lists; throws std::runtime_error naming the problem.
HostBuffers read_host_dump(const std::filesystem::path& dir);

// Where expected values come from. The GEMM reference today; an interpreter of the kernel's own IR can take
// its place for any kernel.
class ExpectedOutputs {
 public:
  virtual ~ExpectedOutputs() = default;
  virtual std::string description() const = 0;  // "the reference GEMM"
  // True when stores into narrow buffers are rounded to their dtype as the kernel does (the oracle);
  // false: the reference computes in double throughout.
  virtual bool rounds_stores() const { return false; }
  // Expected values of every output buffer, computed from the dumped inputs.
  virtual HostBuffers expected(const HostBuffers& dumped) const = 0;
};

// C = op(A) x op(B) in double precision, named by the plan's "gemm" entry.
std::unique_ptr<ExpectedOutputs> gemm_reference(const GemmSpec& gemm);

struct OutputCheck {
  bool passed = false;
  Comparison worst;  // over every output buffer: max errors, total mismatches
  std::string message;
  std::vector<OutputErrors> outputs;  // per output buffer, in name order
};

OutputCheck check_outputs(const HostBuffers& dumped, const ExpectedOutputs& source, double rtol, double atol);

}  // namespace ttemu
