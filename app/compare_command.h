// `tt-inspect compare FILE -D ... [--device D] --vs -D ... [--device D]`: compile one file in two
// configurations and print, per kernel, the deltas of L1 per core, DRAM bytes, NoC transfers, tile
// matmuls, spills, the estimate's lower bound and binding resource, and the changed-line count of
// every generated artifact (perf::compare_kernels).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace tt::app {

// One side of the comparison: the options given before --vs, or after it.
struct CompareSide {
  std::vector<std::string> defines;
  std::string device = "wormhole_n150";
};

struct CompareArgs {
  std::string file;
  std::string kernel;
  CompareSide a, b;
  bool vs = false;
  // As parsed; run_compare splits them at --vs (what the second side does not set, it shares).
  std::vector<std::string> raw_defines, raw_devices;
  CLI::App* command = nullptr;
};

void add_compare_command(CLI::App& app, CompareArgs& args);
// 0: both compiled and compared; 1: a compile error; 2: usage.
int run_compare(CompareArgs& args);

}  // namespace tt::app
