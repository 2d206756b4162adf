// A bound-based performance estimate of a compiled program on its device model: the time each
// resource needs at its peak rate for the counted work (matrix engine per core, DRAM for the whole
// chip, each core's NoC link), the largest of them as the lower bound, the binding resource, the
// TFLOPS and arithmetic intensity it implies, and per-core utilisation. An estimate, never a
// measurement: `assumptions` says what it leaves out. Covered by tests/unit/perf_test.cpp.
#pragma once

#include <string>
#include <vector>

#include "compiler/perf/work_counts.h"
#include "compiler/target/device.h"
#include "compiler/target/math_fidelity.h"

namespace tt::perf {

struct CoreEstimate {
  int64_t x = 0, y = 0, blocks = 0;
  double compute_us = 0;   // matrix engine busy time at peak
  double noc_us = 0;       // this core's NoC transfers at one NoC word per cycle
  double utilisation = 0;  // compute_us / lower bound: the share of the run the matrix engine is busy
};

struct PerfEstimate {
  std::string device;
  MathFidelity fidelity = MathFidelity::HiFi4;
  ProgramCounts counts;
  double flops = 0;                 // 2 * 32^3 per tile matmul
  double compute_us = 0;            // busiest core's matrix engine at peak
  double dram_us = 0;               // all DRAM bytes at the device's bandwidth
  double noc_us = 0;                // busiest core's NoC link
  double lower_bound_us = 0;        // max of the three
  std::string binding;              // "compute" | "dram" | "noc"
  double tflops = 0;                // flops / lower bound
  double peak_tflops = 0;           // every worker core's matrix engine at this fidelity
  double arithmetic_intensity = 0;  // flops per DRAM byte
  double ridge_intensity = 0;       // flops per byte where the device's compute and DRAM roofs meet
  std::vector<CoreEstimate> cores;
  std::vector<std::string> assumptions;
};

// Fails (with a located error) when the work cannot be counted or the device model lacks a rate.
std::optional<PerfEstimate> estimate_performance(const ir::Module& module, const DeviceModel& device,
                                                 MathFidelity fidelity, DiagnosticList& diags);

}  // namespace tt::perf
