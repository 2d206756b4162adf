// Codegen entry point: turns the final module of a kernel into its artifacts (filled in by the
// codegen issue; until then the only artifact is the final IR).
#include "compiler/compiler.h"
#include "compiler/ir/printer.h"

namespace tt {

bool generate_artifacts(KernelResult& kernel, const DeviceModel&, const SourceFile&, DiagnosticList&) {
  ir::PrintedIR printed = ir::print_module(kernel.module);
  kernel.artifacts.push_back(Artifact{"final.tir", std::move(printed.text), std::move(printed.line_spans)});
  return true;
}

}  // namespace tt
