// Runs the CPU emulator (compiler/emu) on a kernel's generated files: in the background for the
// window (it takes seconds to build the kernels), or synchronously for screenshots. The CB trace it
// records feeds the L1 panel's occupancy timeline.
#pragma once

#include <future>
#include <memory>
#include <string>

#include "compiler/compiler.h"
#include "viewer/emu_trace.h"

namespace tt::app {

struct EmulationOutcome {
  bool passed = false;
  std::string summary;  // "emulation: Pass ..." / the failure, one line
  std::shared_ptr<const viewer::EmuTrace> trace;
};

// Writes the artifacts to a fresh temporary directory, runs them, loads trace.json.
EmulationOutcome run_emulation(const KernelResult& kernel);

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
