// kernel_emitter: one device kernel (a PrimFunc with role reader, compute or writer) as TT-Metalium
// C++ (reader.cpp / compute.cpp / writer.cpp), every line carrying the source span it came from.
// Covered by tests/unit/codegen_kernel_emitter_test.cpp and the codegen goldens.
#pragma once

#include <optional>

#include "compiler/codegen/program_info.h"

namespace tt::codegen {

// Emits the kernel of `spec`. Reports unsupported IR (statements the TT passes should have lowered,
// calls of the wrong processor, undefined variables) as located errors and returns nullopt.
std::optional<Artifact> emit_kernel(const KernelSpec& spec, const ProgramInfo& program, DiagnosticList& diags);

}  // namespace tt::codegen
