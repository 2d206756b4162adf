// run_emulation(): emulate_kernel in a temporary directory, then the report from its result files.
#include "app/emulation_job.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "app/emulate_kernel.h"

namespace tt::app {

namespace fs = std::filesystem;

viewer::EmulationReport make_emulation_report(const KernelResult& kernel, const ttemu::RunResult& run) {
  viewer::EmulationReport report;
  report.ran = true;
  report.passed = run.passed;
  report.summary =
      std::string("emulation: ") + ttemu::to_string(run.status) + (run.message.empty() ? "" : ": " + run.message);
  for (const ttemu::RunFault& f : run.faults) {
    std::string line = f.message;
    if (f.core_x >= 0) {
      line += " [core (" + std::to_string(f.core_x) + ", " + std::to_string(f.core_y) + ")";
      if (!f.kernel.empty()) line += ", " + f.kernel + " kernel";
      if (f.cb >= 0) line += ", CB c_" + std::to_string(f.cb);
      if (!f.file.empty()) line += ", " + f.file + ":" + std::to_string(f.line);
      line += "]";
      if (!report.core) report.core = viewer::CoreXY{f.core_x, f.core_y};
    }
    report.details.push_back(std::move(line));
  }
  if (run.status == ttemu::RunResult::Status::Mismatch && !run.result_file.empty()) {
    // result.json names the first wrong element; where it lies in the work is ours to say.
    std::ifstream in(run.result_file);
    const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (!j.is_discarded() && j.contains("first_mismatch")) {
      const nlohmann::json& m = j["first_mismatch"];
      std::optional<viewer::CoreXY> core;
      for (std::string& line :
           viewer::locate_output_element(kernel, m.value("row", int64_t{0}), m.value("col", int64_t{0}), core)) {
        report.details.push_back(std::move(line));
      }
      report.details.push_back("got " + m.value("got", nlohmann::json()).dump() + ", expected " +
                               m.value("want", nlohmann::json()).dump());
      if (core) report.core = core;
    }
  }
  return report;
}

EmulationOutcome run_emulation(const KernelResult& kernel) {
  static std::atomic<int> counter{0};
  EmulationOutcome out;
  out.program = viewer::kernel_fingerprint(kernel);
  std::error_code ec;
  fs::path dir =
      fs::temp_directory_path(ec) / ("tt-inspect-emu-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(dir, ec);
  std::string error;
  ttemu::RunResult r;
  if (!emulate_kernel(kernel, dir, ttemu::RunOptions{}, r, error)) {
    out.report.summary = "emulation: cannot write the kernels: " + error;
    return out;
  }
  out.report = make_emulation_report(kernel, r);
  if (!r.trace_file.empty() && fs::exists(r.trace_file)) {
    auto trace = viewer::load_emu_trace(r.trace_file.string(), error);
    if (trace)
      out.report.trace = std::make_shared<const viewer::EmuTrace>(std::move(*trace));
    else
      out.report.summary += " (" + error + ")";
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
