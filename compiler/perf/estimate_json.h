// The estimate as JSON, one shape for every consumer: tt.plan.json's "performance_estimate"
// section and the "estimate" object of each kernel in `tt-inspect batch --json`. Described by
// assets/schema/tt_plan.schema.json ($defs.performance_estimate).
#pragma once

#include <nlohmann/json.hpp>

#include "compiler/perf/estimate.h"

namespace tt::perf {

nlohmann::ordered_json estimate_json(const PerfEstimate& estimate);

}  // namespace tt::perf
