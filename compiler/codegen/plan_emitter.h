// plan_emitter: tt.plan.json, the runtime plan of one program. It satisfies TileLang's runtime-plan
// schema (schema_version, core_grid, core_ranges, work_partition, layouts) and adds everything the
// emulator and the GUI need; assets/schema/tt_plan.schema.json documents every field.
// Covered by tests/unit/codegen_plan_test.cpp (both schemas) and the codegen goldens.
#pragma once

#include <nlohmann/json.hpp>

#include "compiler/codegen/program_info.h"
#include "compiler/perf/estimate.h"

namespace tt::codegen {

// estimate: the program's performance estimate, written as "performance_estimate" (last); null
// when the work could not be counted.
// The plan as the value format_json prints: its work items are raw arrays (json_format.h), so parse
// emit_plan's text to read it as plain JSON.
nlohmann::ordered_json build_plan(const ProgramInfo& program, const DeviceModel& device,
                                  const perf::PerfEstimate* estimate = nullptr);
Artifact emit_plan(const ProgramInfo& program, const DeviceModel& device, const perf::PerfEstimate* estimate = nullptr);

}  // namespace tt::codegen
