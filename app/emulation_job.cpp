// run_emulation(): emulate_kernel in a temporary directory, then the report from its result files.
#include "app/emulation_job.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "app/emulate_kernel.h"
#include "compiler/codegen/output_origin.h"

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
  if (run.status != ttemu::RunResult::Status::Mismatch) return report;
  // The first wrong element, located in the kernel's work: from the engine's check of the host program's
  // outputs, or from result.json of a plan-driven run.
  std::string buffer;
  int64_t row = -1, col = -1;
  nlohmann::json got, want;
  const ttemu::OutputErrors* failing = nullptr;
  std::vector<const ttemu::OutputErrors*> checked;
  for (const ttemu::OutputErrors& o : run.outputs) checked.push_back(&o);
  for (const ttemu::OutputErrors& o : run.program_check_outputs) checked.push_back(&o);
  for (const ttemu::OutputErrors* p : checked) {
    const ttemu::OutputErrors& o = *p;
    // A check that passed has nothing to map unless it is the only one.
    if (o.mismatches == 0 && checked.size() > 1) continue;
    report.mismatch_maps.push_back({o.name, o.reference, o.tiles_y, o.tiles_x, o.tile_rows, o.tile_cols, o.checked,
                                    o.mismatches, o.tile_mismatches, o.tile_max_error});
    if (row < 0 && !o.first.empty()) {
      failing = &o;
      buffer = o.name;
      row = o.first[0].row;
      col = o.first[0].col;
      got = o.first[0].got;
      want = o.first[0].want;
    }
  }
  if (row < 0 && !run.result_file.empty()) {
    std::ifstream in(run.result_file);
    const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (!j.is_discarded() && j.contains("first_mismatch")) {
      const nlohmann::json& m = j["first_mismatch"];
      row = m.value("row", int64_t{0});
      col = m.value("col", int64_t{0});
      got = m.value("got", nlohmann::json());
      want = m.value("want", nlohmann::json());
    }
  }
  if (row < 0) return report;
  const OutputOrigin origin = locate_output_element(kernel, buffer, row, col);
  std::vector<std::string> lines = describe(origin);
  lines[0] = "first wrong element: " + lines[0];
  for (std::string& line : lines) report.details.push_back(std::move(line));
  report.details.push_back("got " + got.dump() + ", expected " + want.dump() +
                           (failing ? " (" + failing->reference + ")" : std::string()));
  if (failing) {
    for (std::string& line : advice::explain_precision(kernel.module, measured_output(*failing))) {
      report.details.push_back("precision: " + line);
    }
  }
  if (origin.core) report.core = viewer::CoreXY{origin.core->x, origin.core->y};
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
