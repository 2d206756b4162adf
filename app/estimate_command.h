// `tt-inspect estimate FILE`: compile and print, per kernel, the counted work and the bound-based
// performance estimate (compute / DRAM / NoC time, binding resource, TFLOPS, roofline position,
// per-core utilisation summary, the source lines behind the DRAM traffic).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "compiler/target/math_fidelity.h"

namespace tt::app {

struct EstimateArgs {
  std::string file;
  std::vector<std::string> defines;
  std::string kernel;
  std::string device = "wormhole_n150";
  std::string fidelity = fidelity_name(kProgramMathFidelity);
};

void add_estimate_command(CLI::App& app, EstimateArgs& args);
// 0: estimated; 1: compile error or the work could not be counted; 2: usage.
int run_estimate(const EstimateArgs& args);

}  // namespace tt::app
