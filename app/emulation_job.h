// Runs the CPU emulator (compiler/emu) on a kernel's generated files: in the background for the
// window (it takes seconds to build the kernels), or synchronously for screenshots. The outcome is
// a located report (which core, tile, block, CB or generated line failed) with the CB trace for the
// L1 timeline, bound to the program it ran.
#pragma once

#include <cstdint>
#include <future>
#include <string>

#include "compiler/compiler.h"
#include "runner.h"
#include "viewer/emulation_report.h"

namespace tt::app {

struct EmulationOutcome {
  viewer::EmulationReport report;
  uint64_t program = 0;  // viewer::kernel_fingerprint() of the kernel that ran
};

// Writes the artifacts to a fresh temporary directory, runs them, loads trace.json and result.json.
EmulationOutcome run_emulation(const KernelResult& kernel);
// The report of a finished run: faults and the first mismatching element located in `kernel`.
viewer::EmulationReport make_emulation_report(const KernelResult& kernel, const ttemu::RunResult& run);

class EmulationJob {
 public:
  bool start(const KernelResult& kernel);  // false when a run is still going
  bool running() const { return future_.valid(); }
  // True once when the run finished, with its outcome.
  bool poll(EmulationOutcome& outcome);

 private:
  std::future<EmulationOutcome> future_;
};

}  // namespace tt::app
