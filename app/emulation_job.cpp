// run_emulation(): emulate_kernel in a temporary directory + load_emu_trace.
#include "app/emulation_job.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "app/emulate_kernel.h"

namespace tt::app {

EmulationOutcome run_emulation(const KernelResult& kernel) {
  namespace fs = std::filesystem;
  static std::atomic<int> counter{0};
  EmulationOutcome out;
  std::error_code ec;
  fs::path dir = fs::temp_directory_path(ec) /
                 ("tt-inspect-emu-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(dir, ec);
  std::string error;
  ttemu::RunResult r;
  if (!emulate_kernel(kernel, dir, ttemu::RunOptions{}, r, error)) {
    out.summary = "emulation: cannot write the kernels: " + error;
    return out;
  }
  out.passed = r.passed;
  out.summary = std::string("emulation: ") + ttemu::to_string(r.status) + (r.message.empty() ? "" : ": " + r.message);
  if (!r.trace_file.empty() && fs::exists(r.trace_file)) {
    auto trace = viewer::load_emu_trace(r.trace_file.string(), error);
    if (trace) out.trace = std::make_shared<const viewer::EmuTrace>(std::move(*trace));
    else out.summary += " (" + error + ")";
  }
  fs::remove_all(dir, ec);  // the trace is in memory now
  return out;
}

bool EmulationJob::start(const KernelResult& kernel) {
  if (running()) return false;
  // The job gets its own copy: the state may recompile while it runs.
  future_ = std::async(std::launch::async, [k = kernel] { return run_emulation(k); });
  return true;
}

bool EmulationJob::poll(EmulationOutcome& outcome) {
  if (!future_.valid() || future_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
  outcome = future_.get();
  return true;
}

}  // namespace tt::app
