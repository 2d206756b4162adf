// Batch compilation: files compiled in parallel and reported in order, diagnostics to stderr, atomic artifact writing,
// optional JSON summary on stdout and a progress line when compiling several files.
#include "app/batch_command.h"

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "app/cli_checks.h"
#include "compiler/advice/advice.h"
#include "compiler/codegen/artifact_writer.h"
#include "compiler/parallel_compiler.h"
#include "compiler/perf/estimate_json.h"

namespace tt::app {

void add_batch_command(CLI::App& app, BatchArgs& args) {
  CLI::App* cmd = app.add_subcommand("batch", "Compile TileLang files headless and write their artifacts");
  cmd->add_option("files", args.files, "TileLang Python files")->required();
  cmd->add_option("-o,--output", args.out_dir, "Output directory (one subdirectory per kernel)")->required();
  cmd->add_option("-D,--define", args.defines, "Override a factory parameter: NAME=VALUE (Python literal)")
      ->allow_extra_args(false);
  cmd->add_option("--kernel", args.kernel, "Compile only this kernel");
  cmd->add_option("--device", args.device, "Target device name or .json path")->capture_default_str();
  cmd->add_option("--stop-after", args.stop_after, "Stop the pipeline after this pass");
  cmd->add_option("--print-after", args.print_after, "Print the IR after this pass to stdout");
  cmd->add_flag("--print-after-all", args.print_after_all, "Print the IR after every pass to stdout");
  cmd->add_flag("--dump-ir", args.dump_ir, "Write the IR after every pass into <kernel>/ir/");
  cmd->add_flag("--json", args.json, "Print a machine-readable summary on stdout");
  cmd->add_flag("-q,--quiet", args.quiet, "No progress lines");
  cmd->add_option("-j,--jobs", args.jobs, "Files compiled in parallel (default: one per hardware thread)")
      ->check(CLI::Range(1u, 256u));
}

bool parse_defines(const std::vector<std::string>& raw, std::map<std::string, std::string>& out, std::string& error) {
  for (const std::string& d : raw) {
    auto eq = d.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == d.size()) {
      error = "-D expects NAME=VALUE, got '" + d + "'";
      return false;
    }
    out[d.substr(0, eq)] = d.substr(eq + 1);
  }
  return true;
}

namespace {

// IR dumps go to stdout, or to stderr under --json so that stdout stays one JSON document.
void print_trace(const KernelResult& kernel, const BatchArgs& args) {
  std::ostream& out = args.json ? std::cerr : std::cout;
  for (const PassRecord& rec : kernel.trace.passes) {
    if (!args.print_after_all && rec.name != args.print_after) continue;
    out << "// ----- IR after " << rec.name << " (" << kernel.name << ") -----\n" << rec.ir_text;
  }
}

nlohmann::json location(const Diagnostic& d, const std::string& file) {
  nlohmann::json j = {{"file", file}, {"line", nullptr}, {"col", nullptr}};
  if (d.span.valid()) {
    j["line"] = d.span.begin.line;
    j["col"] = d.span.begin.col;
  }
  return j;
}

// One diagnostic as JSON: where, severity, category, message, the pass (if any) and its notes.
nlohmann::json diagnostic_json(const Diagnostic& d, const std::string& file) {
  nlohmann::json j = location(d, file);
  j["severity"] = severity_name(d.severity);
  j["category"] = category_name(d.category);
  j["message"] = d.message;
  if (!d.pass.empty()) j["pass"] = d.pass;
  j["notes"] = nlohmann::json::array();
  for (const Diagnostic& note : d.notes) {
    nlohmann::json n = location(note, file);
    n["message"] = note.message;
    j["notes"].push_back(std::move(n));
  }
  return j;
}

}  // namespace

int run_batch(const BatchArgs& args) {
  CompileOptions options;
  options.device = args.device;
  options.kernel = args.kernel;
  options.stop_after = args.stop_after;
  std::string error;
  if (!parse_defines(args.defines, options.defines, error)) return usage_error(error);
  if (!args.stop_after.empty()) {
    if (auto e = unknown_pass_error(args.stop_after, "--stop-after", false)) return usage_error(*e);
  }
  if (!args.print_after.empty()) {
    if (auto e = unknown_pass_error(args.print_after, "--print-after", true)) return usage_error(*e);
  }
  if (auto e = check_inputs(args.files, args.device)) return usage_error(*e);
  // Codegen runs only after the whole pipeline: a stopped pipeline writes no kernels, so say
  // where its output is, or that there is none.
  if (!args.stop_after.empty() && !args.dump_ir && args.print_after.empty() && !args.print_after_all && !args.json) {
    usage_warning("--stop-after " + args.stop_after +
                  " skips codegen, so no kernels are written; add --dump-ir, --print-after or --json to see the IR");
  }

  nlohmann::json summary = nlohmann::json::array();
  bool failed = false;
  std::set<std::string> written;
  const size_t total = args.files.size();
  ParallelCompiler compiler(args.files, options, args.jobs);
  for (size_t i = 0; i < total; ++i) {
    const std::string& file = args.files[i];
    CompileResult result = compiler.take(i);
    DiagnosticList diags = result.all_diagnostics();
    std::cerr << render_diagnostics(diags, result.source);
    bool ok = result.ok();
    nlohmann::json entry = {
        {"file", file}, {"ok", ok}, {"errors", diags.error_count()}, {"kernels", nlohmann::json::array()}};
    entry["diagnostics"] = nlohmann::json::array();
    for (const Diagnostic& d : diags) entry["diagnostics"].push_back(diagnostic_json(d, file));
    // Kernels the front end did not compile (uncalled, sizes unbound): named, with the note's reason.
    entry["skipped_kernels"] = nlohmann::json::array();
    for (const frontend::SkippedKernel& s : result.skipped) {
      entry["skipped_kernels"].push_back({{"name", s.name}, {"line", s.span.begin.line}, {"reason", s.reason}});
    }
    for (const KernelResult& kernel : result.kernels) {
      if (!args.print_after.empty() || args.print_after_all) print_trace(kernel, args);
      nlohmann::json k = {{"name", kernel.name}, {"ok", kernel.ok}, {"passes", nlohmann::json::array()}};
      k["diagnostics"] = nlohmann::json::array();
      for (const Diagnostic& d : kernel.diagnostics) k["diagnostics"].push_back(diagnostic_json(d, file));
      for (const PassRecord& rec : kernel.trace.passes) {
        k["passes"].push_back(
            {{"name", rec.name}, {"micros", rec.micros}, {"changed", rec.changed}, {"ok", rec.succeeded}});
      }
      // null with a reason when the pipeline stopped early or the work depends on run-time values.
      k["estimate"] = kernel.estimate ? nlohmann::json(perf::estimate_json(*kernel.estimate)) : nlohmann::json();
      if (!kernel.estimate && !kernel.estimate_unavailable.empty()) {
        k["estimate_unavailable"] = kernel.estimate_unavailable;
      }
      if (kernel.ok && result.device && args.stop_after.empty()) {
        // Advice notes (compiler/advice): in the JSON only, so that stderr keeps to problems.
        DiagnosticList notes;
        advice::add_advice(kernel, *result.device, notes);
        k["advice"] = nlohmann::json::array();
        for (const Diagnostic& note : notes) k["advice"].push_back(diagnostic_json(note, file));
      }
      if (kernel.ok) {
        std::string dir_name = sanitize_artifact_name(kernel.name);
        // Output problems are diagnostics of the file too (the JSON lists them); they are about
        // the inputs given together, so they carry the frontend category.
        auto output_error = [&](const std::string& message) {
          Diagnostic d{Severity::Error, {}, message, {}, {}};
          entry["diagnostics"].push_back(diagnostic_json(d, file));
          k["diagnostics"].push_back(diagnostic_json(d, file));
          entry["errors"] = entry["errors"].get<size_t>() + 1;
          ok = false;
        };
        if (!written.insert(dir_name).second) {
          std::string message = "kernel '" + kernel.name +
                                "' was already written by an earlier file; compile them into separate directories";
          std::cerr << file << ": error: " << message << "\n";
          output_error(message);
        } else if (!write_kernel_artifacts(kernel, args.out_dir, ArtifactWriteOptions{args.dump_ir}, error)) {
          std::cerr << "tt-inspect: error: " << error << "\n";
          output_error(error);
        } else {
          k["output"] = args.out_dir + "/" + dir_name;
        }
      }
      entry["kernels"].push_back(std::move(k));
    }
    entry["ok"] = ok;
    failed |= !ok;
    if (total > 1 && !args.quiet) {
      std::fprintf(stderr, "[%zu/%zu] %s: %s\n", i + 1, total, file.c_str(), ok ? "ok" : "FAILED");
    }
    summary.push_back(std::move(entry));
  }
  // Messages quote the user's source, which may not be valid UTF-8: replace, never throw.
  if (args.json) std::cout << summary.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return failed ? 1 : 0;
}

}  // namespace tt::app
