// host_emitter: main.cpp, the TT-Metalium host program that runs the generated kernels (device, DRAM
// buffers, CBs, kernels, per-core runtime args from a table, enqueue, read back), after the
// matmul_multi_core programming example. Covered by tests/unit/codegen_host_emitter_test.cpp.
#pragma once

#include <optional>

#include "compiler/codegen/program_info.h"

namespace tt::codegen {

std::optional<Artifact> emit_host(const ProgramInfo& program, const DeviceModel& device, DiagnosticList& diags);

}  // namespace tt::codegen
