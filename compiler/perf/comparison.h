// Two compiles of the same kernel side by side (two configurations: parameters, device, dtype):
// the deltas of L1 per core and of the estimate's counts and bound, and how many lines of each
// generated artifact changed (a Myers line diff). `tt-inspect compare` prints it; a GUI view can
// show the same. Covered by tests/unit/comparison_test.cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compiler/compiler.h"

namespace tt::perf {

// One compared number; absent on a side that has no value (no estimate, no plan).
struct QuantityDelta {
  std::string name;  // "DRAM bytes", ...
  std::string unit;  // "B", "us", ...
  std::optional<double> a, b;
};

struct ArtifactDelta {
  std::string name;  // "final.tir", "reader.cpp", ...
  bool in_a = false, in_b = false;
  size_t added = 0, removed = 0;  // lines, from a to b
};

struct KernelComparison {
  std::string kernel;
  std::vector<QuantityDelta> quantities;
  std::string binding_a, binding_b;      // empty: no estimate on that side
  std::vector<ArtifactDelta> artifacts;  // a's artifacts in order, then those only b has
};

KernelComparison compare_kernels(const KernelResult& a, const KernelResult& b);

// A value as compare prints it ("-" when absent; bytes and counts whole, times to 0.01 us).
std::string format_quantity(const std::optional<double>& v, const std::string& unit);
// B - A with its percentage of A ("+33554432 (+94.1%)"), "=" when equal, "" when a side is absent.
std::string format_delta(const QuantityDelta& q);

}  // namespace tt::perf
