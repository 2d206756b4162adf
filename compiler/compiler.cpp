// compile_file/compile_source: front end, then per kernel the pipeline and codegen.
#include "compiler/compiler.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "compiler/frontend/defines.h"
#include "compiler/frontend/frontend.h"
#include "compiler/frontend/kernel_params.h"
#include "compiler/ir/tt_metadata.h"

namespace tt {

const Artifact* KernelResult::find_artifact(const std::string& artifact_name) const {
  for (const Artifact& a : artifacts) {
    if (a.name == artifact_name) return &a;
  }
  return nullptr;
}

bool CompileResult::ok() const {
  if (diagnostics.has_errors() || kernels.empty()) return false;
  for (const KernelResult& k : kernels) {
    if (!k.ok) return false;
  }
  return true;
}

DiagnosticList CompileResult::all_diagnostics() const {
  // Errors and warnings first, in order; then the front end's notes (ignored GPU hints), so the
  // first line of a failed compile is always its error.
  DiagnosticList out;
  auto add = [&](const DiagnosticList& list, bool notes) {
    for (const Diagnostic& d : list) {
      if ((d.severity == Severity::Note) == notes) out.add(d);
    }
  };
  for (bool notes : {false, true}) {
    add(diagnostics, notes);
    for (const KernelResult& k : kernels) add(k.diagnostics, notes);
  }
  return out;
}

void estimate_kernel(KernelResult& kernel, const DeviceModel& device) {
  DiagnosticList diags;
  kernel.estimate = perf::estimate_performance(kernel.module, device, kProgramMathFidelity, diags);
  kernel.estimate_unavailable.clear();
  if (!kernel.estimate) {
    for (const Diagnostic& d : diags) {
      if (d.severity == Severity::Error) {
        kernel.estimate_unavailable = d.message;
        break;
      }
    }
  }
}

namespace {

CompileResult compile(SourceFile source, const CompileOptions& options, bool blame);

// A kernel that fails in a pass (or codegen) only because of one -D value is the command line's
// mistake, as in the front end (frontend/defines.h): its errors are reported as
// `-D NAME=VALUE: <message>`, each with a note at the source line. The culprit is found by compiling the
// kernel again without each -D in turn (only on failure), the -Ds the failing line reads first
// (frontend::blame_order): the first -D whose removal lets it compile is blamed, usually after one compile.
void blame_defines(const SourceFile& source, const CompileOptions& options, KernelResult& kernel) {
  auto error = std::find_if(kernel.diagnostics.begin(), kernel.diagnostics.end(),
                            [](const Diagnostic& d) { return d.severity == Severity::Error; });
  if (error == kernel.diagnostics.end()) return;
  // An [unsupported] error names a feature the backend lacks, not a bad value: the -D that reaches it
  // is legal (-D is_causal=True selects the causal mask), so the source line stays the location.
  if (error->category == DiagnosticCategory::Unsupported) return;
  for (const std::string& name : frontend::blame_order(source, *error, options.defines)) {
    const std::string& text = options.defines.at(name);
    CompileOptions without = options;
    without.defines.erase(name);
    without.kernel = kernel.name;
    without.record_ir = false;
    const CompileResult retry = compile(source, without, false);
    const bool compiles = std::any_of(retry.kernels.begin(), retry.kernels.end(),
                                      [&](const KernelResult& k) { return k.name == kernel.name && k.ok; });
    if (!retry.diagnostics.has_errors() && compiles) {
      DiagnosticList blamed;
      for (const Diagnostic& d : kernel.diagnostics) {
        blamed.add(d.severity == Severity::Error ? frontend::blamed_on_define(d, name, name + "=" + text) : d);
      }
      kernel.diagnostics = std::move(blamed);
      return;
    }
  }
}

// The bytes a CB note of the L1 overflow error reports ("A_shared: cb 0, 4 pages x 2048 B = 8192 B").
int64_t note_bytes(const Diagnostic& note) {
  const size_t eq = note.message.rfind("= ");
  return eq == std::string::npos ? 0 : std::atoll(note.message.c_str() + eq + 2);
}

// An L1 overflow caused by a block size gets a note with a -D that fits: the integer kernel parameters
// read on the lines that allocate the largest CBs are halved in turn (staying a multiple of the tile side)
// and the kernel compiled again with each value, so the suggestion also meets every other constraint of the
// kernel (divisors of the shapes, grid, tiles). Only runs on such a failure.
// The note of suggest_l1_fit for `error`, or "" when no kernel parameter sizes its CBs.
std::string l1_fit_suggestion(const SourceFile& source, const CompileOptions& options, const DeviceModel& device,
                              const std::string& kernel_name, const Diagnostic& error) {
  frontend::FrontendOptions fe;
  fe.defines = options.defines;
  const std::map<std::string, int64_t> params = frontend::kernel_int_params(source, fe, kernel_name);
  std::vector<Diagnostic> cb_notes = error.notes;
  std::stable_sort(cb_notes.begin(), cb_notes.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return note_bytes(a) > note_bytes(b); });
  std::vector<std::string> candidates;  // the largest CB's parameters first
  for (const Diagnostic& note : cb_notes) {
    for (const std::string& name :
         frontend::identifiers_read(source, Diagnostic{Severity::Note, note.span, {}, {}, {}})) {
      if (params.count(name) && std::find(candidates.begin(), candidates.end(), name) == candidates.end()) {
        candidates.push_back(name);
      }
    }
  }
  if (candidates.empty()) return "";
  const int64_t tile = device.tile[0];
  std::string tried;
  for (const std::string& name : candidates) {
    tried += (tried.empty() ? "" : ", ") + name;
    for (int64_t value = params.at(name); value % 2 == 0 && (value / 2) % tile == 0;) {
      value /= 2;
      CompileOptions smaller = options;
      smaller.defines[name] = std::to_string(value);
      smaller.kernel = kernel_name;
      smaller.record_ir = false;
      smaller.codegen = false;
      const CompileResult retry = compile(source, smaller, false);
      auto fits = std::find_if(retry.kernels.begin(), retry.kernels.end(),
                               [&](const KernelResult& k) { return k.name == kernel_name && k.ok; });
      if (retry.diagnostics.has_errors() || fits == retry.kernels.end()) continue;
      int64_t total = 0;
      for (const ir::CircularBuffer& cb : ir::all_circular_buffers(fits->module)) total += cb.bytes;
      return "-D " + name + "=" + std::to_string(value) + " fits: circular buffers would need " +
             std::to_string(total) + " B of the " + std::to_string(device.l1_budget()) + " B budget";
    }
  }
  return "no smaller tile-aligned value of " + tried + " alone fits the budget";
}

// An L1 overflow caused by a block size gets a note with a -D that fits: the integer kernel parameters
// read on the lines that allocate the largest CBs are halved in turn (staying a multiple of the tile side)
// and the kernel compiled again with each value, so the suggestion also meets every other constraint of the
// kernel (divisors of the shapes, grid, tiles). Only runs on such a failure.
void suggest_l1_fit(const SourceFile& source, const CompileOptions& options, const DeviceModel& device,
                    KernelResult& kernel) {
  DiagnosticList with_note;
  for (Diagnostic d : kernel.diagnostics) {
    if (d.severity == Severity::Error && d.category == DiagnosticCategory::Target &&
        d.message.rfind("L1 overflow", 0) == 0) {
      const std::string note = l1_fit_suggestion(source, options, device, kernel.name, d);
      if (!note.empty()) d.notes.push_back(Diagnostic{Severity::Note, {}, note, {}, {}});
    }
    with_note.add(d);
  }
  kernel.diagnostics = std::move(with_note);
}

// In a file that instantiates one factory several times (a test config and a benchmark config), the same
// source line can fail in each instance: a note on every error says which kernel, and where it is instantiated,
// as a C++ compiler says "required from here".
void name_the_instance(KernelResult& kernel, size_t kernels_in_file) {
  const SourceSpan at = kernel.module.instantiated_at;
  DiagnosticList named;
  for (Diagnostic d : kernel.diagnostics) {
    if (d.severity == Severity::Error) {
      d.notes.push_back(Diagnostic{Severity::Note, at,
                                   "in kernel '" + kernel.name + "', one of the " + std::to_string(kernels_in_file) +
                                       " kernels this file instantiates" + (at.valid() ? ": instantiated here" : ""),
                                   {}, {}});
    }
    named.add(d);
  }
  kernel.diagnostics = std::move(named);
}

CompileResult compile(SourceFile source, const CompileOptions& options, bool blame) {
  CompileResult result;
  result.source = std::move(source);
  std::string error;
  result.device = load_device(options.device, error);
  if (!result.device) {
    result.diagnostics.error({}, error).category = DiagnosticCategory::Target;
    return result;
  }
  frontend::FrontendOptions fe;
  fe.defines = options.defines;
  fe.kernel = options.kernel;
  std::vector<ir::Module> modules = frontend::lower_source(result.source, fe, result.diagnostics, &result.skipped);
  if (result.diagnostics.has_errors()) return result;

  PassContext ctx{*result.device, result.source};
  PipelineOptions popts;
  popts.stop_after = options.stop_after;
  popts.record_ir = options.record_ir;
  for (ir::Module& module : modules) {
    KernelResult kernel;
    kernel.name = module.name;
    kernel.source_module = module;  // nodes are immutable and shared: a cheap copy
    kernel.ok = run_pipeline(module, ctx, popts, kernel.trace, kernel.diagnostics);
    kernel.module = std::move(module);
    if (kernel.ok && options.stop_after.empty()) estimate_kernel(kernel, *result.device);
    if (kernel.ok && options.codegen && options.stop_after.empty()) {
      kernel.ok = generate_artifacts(kernel, *result.device, result.source, kernel.diagnostics);
    }
    if (!kernel.ok && blame) suggest_l1_fit(result.source, options, *result.device, kernel);
    if (!kernel.ok && blame && !options.defines.empty()) blame_defines(result.source, options, kernel);
    if (!kernel.ok && modules.size() > 1) name_the_instance(kernel, modules.size());
    result.kernels.push_back(std::move(kernel));
  }
  return result;
}

}  // namespace

CompileResult compile_source(SourceFile source, const CompileOptions& options) {
  return compile(std::move(source), options, true);
}

CompileResult compile_file(const std::string& path, const CompileOptions& options) {
  auto failed = [&](const std::string& message) {
    CompileResult result;
    result.source = SourceFile(path, "");
    result.diagnostics.error({}, message);
    return result;
  };
  // A file over the size limit is refused before it is read into memory; a pipe or device is read
  // only up to the limit.
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec)) {
    uintmax_t size = std::filesystem::file_size(path, ec);
    if (!ec && size > frontend::kMaxSourceBytes) return failed(frontend::source_too_large_message(size));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return failed("cannot open file '" + path + "'");
  std::string text;
  char chunk[1 << 16];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    text.append(chunk, static_cast<size_t>(in.gcount()));
    if (text.size() > frontend::kMaxSourceBytes) return failed(frontend::source_too_large_message(0, true));
  }
  if (in.bad()) return failed("cannot read file '" + path + "'");
  return compile_source(SourceFile(path, std::move(text)), options);
}

}  // namespace tt
