// The engine's public entry point: source file in, CompileResult out (per kernel: final IR, pass
// trace, generated artifacts, diagnostics). The CLI, the viewer and the tests all consume this.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compiler/frontend/frontend.h"
#include "compiler/ir/diagnostics.h"
#include "compiler/ir/ir.h"
#include "compiler/passes/pass_manager.h"
#include "compiler/perf/estimate.h"
#include "compiler/target/device.h"

namespace tt {

struct CompileOptions {
  std::string device = "wormhole_n150";          // device name or path to a device .json
  std::map<std::string, std::string> defines;    // -D NAME=VALUE
  std::string kernel;                            // --kernel NAME
  std::string stop_after;                        // stop the pipeline after this pass
  bool record_ir = true;                         // keep IR text per pass in the trace
  bool codegen = true;                           // run codegen after the pipeline
};

// One generated file, with the source span each of its lines came from (provenance).
struct Artifact {
  std::string name;                    // "reader.cpp", "tt.plan.json", ...
  std::string text;
  std::vector<SourceSpan> provenance;  // per line (0-based); invalid span: no source origin
};

struct KernelResult {
  std::string name;
  ir::Module module;           // IR after the last pass that ran
  ir::Module source_module;    // the front end's module, before any pass: what the oracle interprets
  PassTrace trace;
  std::vector<Artifact> artifacts;
  DiagnosticList diagnostics;  // pipeline and codegen diagnostics of this kernel
  // The bound-based estimate of the generated program (at kProgramMathFidelity), when the whole
  // pipeline ran; otherwise estimate_unavailable says why (work that depends on run-time values).
  std::optional<perf::PerfEstimate> estimate;
  std::string estimate_unavailable;
  bool ok = false;
  const Artifact* find_artifact(const std::string& name) const;
};

struct CompileResult {
  SourceFile source;
  std::optional<DeviceModel> device;
  DiagnosticList diagnostics;  // file-level diagnostics: I/O, device, front end
  std::vector<KernelResult> kernels;
  // Kernels of the file not compiled because nothing instantiates them and their sizes are unbound
  // (each also has a note in `diagnostics`).
  std::vector<frontend::SkippedKernel> skipped;
  bool ok() const;
  // File-level diagnostics followed by every kernel's, in order.
  DiagnosticList all_diagnostics() const;
};

CompileResult compile_source(SourceFile source, const CompileOptions& options);
// Reads the file (an unreadable or missing file is a diagnostic, not an exception).
CompileResult compile_file(const std::string& path, const CompileOptions& options);

// Fills kernel.estimate (or estimate_unavailable) from the final module; not a compile error when
// the work cannot be counted. compile_source calls it after a complete pipeline.
void estimate_kernel(KernelResult& kernel, const DeviceModel& device);

// Hook for codegen (compiler/codegen): fills kernel.artifacts from the final module and trace.
// Returns false and reports diagnostics when the module cannot be emitted.
bool generate_artifacts(KernelResult& kernel, const DeviceModel& device, const SourceFile& source, DiagnosticList& diags);

}  // namespace tt
