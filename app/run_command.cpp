// `tt-inspect run`: compile_file -> emulate_kernel per kernel,
// one report line per kernel plus every fault; trace.json lands beside the kernels when -o is given.
#include "app/run_command.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/batch_command.h"
#include "app/cli_checks.h"
#include "app/emulate_kernel.h"
#include "compiler/advice/precision.h"
#include "compiler/codegen/artifact_writer.h"
#include "compiler/codegen/output_origin.h"
#include "compiler/compiler.h"

namespace tt::app {

namespace fs = std::filesystem;

void add_run_command(CLI::App& app, RunArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "run", "Compile a TileLang kernel, run the generated program on the CPU emulator and compare with the oracle");
  cmd->add_option("file", args.file, "TileLang Python file")->required();
  cmd->add_option("-o,--output", args.out_dir, "Keep the kernels, trace.json and the emulator's work files here");
  cmd->add_option("-D,--define", args.defines, "Override a factory parameter: NAME=VALUE (Python literal)")
      ->allow_extra_args(false);
  cmd->add_option("--kernel", args.kernel, "Run only this kernel");
  cmd->add_option("--device", args.device, "Target device name or .json path")->capture_default_str();
  cmd->add_option("--seed", args.seed, "Seed of the random inputs")->capture_default_str();
  cmd->add_option("--timeout", args.timeout_s, "Watchdog of one emulated run, in seconds")
      ->check(CLI::Range(0.1, 3600.0))
      ->capture_default_str();
  cmd->add_option("--rtol", args.rtol, "Relative tolerance against the oracle")->capture_default_str();
  cmd->add_option("--atol", args.atol, "Absolute tolerance against the oracle")->capture_default_str();
}

namespace {

// The directory the kernels are written to: -o, or a fresh temporary one that is removed on exit.
class OutputDir {
 public:
  explicit OutputDir(const std::string& requested) : keep_(!requested.empty()) {
    if (keep_) {
      path_ = requested;
      return;
    }
    std::string pattern = (fs::temp_directory_path() / "tt-inspect-run-XXXXXX").string();
    if (::mkdtemp(pattern.data())) path_ = pattern;
  }
  ~OutputDir() {
    std::error_code ec;
    if (!keep_ && !path_.empty()) fs::remove_all(path_, ec);
  }
  OutputDir(const OutputDir&) = delete;
  OutputDir& operator=(const OutputDir&) = delete;
  const fs::path& path() const { return path_; }
  bool keep() const { return keep_; }

 private:
  bool keep_;
  fs::path path_;
};

void print_lines(const std::vector<std::string>& lines, const char* indent) {
  for (const std::string& line : lines) std::printf("%s%s\n", indent, line.c_str());
}

// A mismatching output, localized: the first wrong elements in the kernel's work and the lines that
// wrote them, the |err| histogram, and whether the dtypes explain it.
void report_output_errors(const KernelResult& kernel, const ttemu::OutputErrors& o) {
  if (o.mismatches == 0) return;
  std::printf("  %s against %s: first mismatching elements (of %llu):\n", o.name.c_str(), o.reference.c_str(),
              static_cast<unsigned long long>(o.mismatches));
  OutputOrigin first;
  for (size_t i = 0; i < o.first.size(); ++i) {
    const ttemu::ElementError& e = o.first[i];
    OutputOrigin origin = locate_output_element(kernel, o.name, e.row, e.col);
    std::vector<std::string> lines = describe(origin);
    std::printf("    %s: got %.6g, expected %.6g\n", lines[0].c_str(), e.got, e.want);
    // The core that computed it and the writing lines, for the first element only unless the core changes.
    if (i == 0 || (origin.core && first.core && (origin.core->x != first.core->x || origin.core->y != first.core->y))) {
      const size_t shown = i == 0 ? lines.size() : std::min<size_t>(lines.size(), 2);
      for (size_t l = 1; l < shown; ++l) std::printf("      %s\n", lines[l].c_str());
    }
    if (i == 0) first = std::move(origin);
  }
  std::printf("  |err| histogram of %s (%llu elements; tolerance atol %g + rtol %g * |want|):\n", o.name.c_str(),
              static_cast<unsigned long long>(o.checked), o.atol, o.rtol);
  std::printf("    %-26s %10llu\n", "exact", static_cast<unsigned long long>(o.histogram.exact));
  for (size_t i = 0; i < o.histogram.counts.size(); ++i) {
    std::printf("    %-26s %10llu\n", ttemu::bucket_label(o.histogram, i).c_str(),
                static_cast<unsigned long long>(o.histogram.counts[i]));
  }
  if (o.histogram.non_finite) {
    std::printf("    %-26s %10llu\n", "NaN or infinite", static_cast<unsigned long long>(o.histogram.non_finite));
  }
  std::printf("  precision:\n");
  print_lines(advice::explain_precision(kernel.module, measured_output(o)), "    ");
}

void report(const KernelResult& kernel, const ttemu::RunResult& r) {
  std::printf("%s: %s", kernel.name.c_str(), ttemu::to_string(r.status));
  if (r.status == ttemu::RunResult::Status::Pass || r.status == ttemu::RunResult::Status::Mismatch) {
    std::printf(": max abs err %.3g, max rel err %.3g, %llu mismatches", r.max_abs_error, r.max_rel_error,
                static_cast<unsigned long long>(r.mismatches));
  } else if (!r.message.empty()) {
    std::printf(": %s", r.message.c_str());
  }
  std::printf(" (build %.0f ms%s, run %.0f ms, kernels %.1f ms, %llu CB events)\n", r.build_ms,
              r.build_cached ? " cached" : "", r.run_ms, r.kernel_run_ms, static_cast<unsigned long long>(r.events));
  // The host program's own verdict (its "check ..." lines); the numbers above are the engine's check.
  if (!r.program_check.empty()) std::printf("  host program check: %s\n", r.program_check.c_str());
  if (r.status == ttemu::RunResult::Status::Mismatch) {
    std::printf("  %s\n", r.message.c_str());
    for (const ttemu::OutputErrors& o : r.outputs) report_output_errors(kernel, o);
    for (const ttemu::OutputErrors& o : r.program_check_outputs) report_output_errors(kernel, o);
  }
  for (size_t i = 1; i < r.faults.size(); ++i) std::printf("  %s\n", r.faults[i].message.c_str());
  if (r.status == ttemu::RunResult::Status::BuildError || r.status == ttemu::RunResult::Status::Crash) {
    std::fputs(r.log.c_str(), stderr);
  }
}

}  // namespace

int run_emulated(const RunArgs& args) {
  CompileOptions options;
  if (std::optional<int> exit_code =
          compile_options_from_cli({args.file}, args.device, args.kernel, args.defines, options)) {
    return *exit_code;
  }
  CompileResult result = compile_file(args.file, options);
  std::cerr << render_diagnostics(result.all_diagnostics(), result.source);
  if (!result.ok()) return 1;

  OutputDir out(args.out_dir);
  if (out.path().empty()) {
    std::cerr << "tt-inspect: error: cannot create a temporary directory\n";
    return 1;
  }
  bool all_passed = true;
  for (const KernelResult& kernel : result.kernels) {
    ttemu::RunOptions run;
    run.seed = args.seed;
    run.timeout = std::chrono::milliseconds(static_cast<long long>(args.timeout_s * 1000));
    run.rtol = args.rtol;
    run.atol = args.atol;
    ttemu::RunResult r;
    std::string error;
    if (!emulate_kernel(kernel, out.path(), run, r, error)) {
      std::cerr << "tt-inspect: error: " << error << "\n";
      return 1;
    }
    report(kernel, r);
    all_passed &= r.passed;
    std::error_code ec;
    if (out.keep() && fs::exists(r.trace_file, ec)) {
      fs::copy_file(r.trace_file, out.path() / sanitize_artifact_name(kernel.name) / "trace.json",
                    fs::copy_options::overwrite_existing, ec);
      if (ec) std::cerr << "tt-inspect: warning: cannot copy trace.json: " << ec.message() << "\n";
    }
  }
  return all_passed ? 0 : 1;
}

}  // namespace tt::app
