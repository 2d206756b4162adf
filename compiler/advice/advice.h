// Advice in the style of Nsight Compute's rules: after a successful compile, each rule reads the
// plan metadata (CBs, work partition, gemm) and the performance counts (compiler/perf) and may add
// one note with the numbers behind it and a suggested change. Notes, never errors: the kernel is
// correct as it is. Covered by tests/unit/advice_test.cpp (a kernel that triggers each rule and one
// that does not).
#pragma once

#include <string>
#include <vector>

#include "compiler/compiler.h"
#include "compiler/ir/diagnostics.h"
#include "compiler/ir/ir.h"
#include "compiler/target/device.h"

namespace tt::advice {

// Names of the rules, in the order they run (each note's message starts with "advice [<name>]").
std::vector<std::string> rule_names();

// Runs every rule on one compiled kernel (its final module and the estimate compile_source made for
// it); notes carry pass "advice" and category Target.
void add_advice(const KernelResult& kernel, const DeviceModel& device, DiagnosticList& out);

}  // namespace tt::advice
