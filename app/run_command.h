// `tt-inspect run FILE`: compile, write the kernels, build them against the CPU emulation layer
// (compiler/emu), run every core's reader/compute/writer and compare C with a reference GEMM.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace tt::app {

struct RunArgs {
  std::string file;
  std::string out_dir;  // empty: a temporary directory, removed afterwards
  std::vector<std::string> defines;
  std::string kernel;
  std::string device = "wormhole_n150";
  std::uint64_t seed = 1;
  double timeout_s = 10;
  double rtol = 1e-2, atol = 1e-2;
};

void add_run_command(CLI::App& app, RunArgs& args);
// 0: every kernel matched the reference; 1: compile error, build error, fault or mismatch; 2: usage.
int run_emulated(const RunArgs& args);

}  // namespace tt::app
