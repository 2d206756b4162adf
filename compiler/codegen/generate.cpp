// Codegen entry point (pipeline step 10): the final module of a kernel becomes reader.cpp,
// compute.cpp, writer.cpp, main.cpp, tt.plan.json and provenance.json, plus the final IR.
#include "compiler/codegen/host_emitter.h"
#include "compiler/codegen/kernel_emitter.h"
#include "compiler/codegen/plan_emitter.h"
#include "compiler/codegen/program_info.h"
#include "compiler/codegen/provenance_emitter.h"
#include "compiler/compiler.h"
#include "compiler/ir/printer.h"

namespace tt {

bool generate_artifacts(KernelResult& kernel, const DeviceModel& device, const SourceFile& source,
                        DiagnosticList& diags) {
  std::vector<Artifact> out;
  ir::PrintedIR printed = ir::print_module(kernel.module);
  out.push_back(Artifact{"final.tir", std::move(printed.text), std::move(printed.line_spans)});

  auto program = codegen::collect_program_info(kernel, device, source, diags);
  bool ok = program.has_value();
  if (ok) {
    for (const codegen::KernelSpec& spec : program->kernels) {
      auto artifact = codegen::emit_kernel(spec, *program, diags);  // all three, to report every error
      if (artifact) out.push_back(std::move(*artifact));
      ok = ok && artifact.has_value();
    }
    auto host = codegen::emit_host(*program, device, diags);
    if (host) out.push_back(std::move(*host));
    ok = ok && host.has_value();
    if (ok) {
      // Kernels built without compile_source (the codegen tests) get their estimate here.
      if (!kernel.estimate && kernel.estimate_unavailable.empty()) estimate_kernel(kernel, device);
      out.push_back(codegen::emit_plan(*program, device, kernel.estimate ? &*kernel.estimate : nullptr));
      out.push_back(codegen::emit_provenance(out, program->source_name));
    }
  }
  // A failed codegen keeps only the IR: never a partial, inconsistent artifact set.
  if (!ok) out.resize(1);
  kernel.artifacts = std::move(out);
  return ok;
}

}  // namespace tt
