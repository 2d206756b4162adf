// The bridge from a compiled kernel to the CPU emulator: write its artifacts, run them. Shared by
// `tt-inspect run`, the window's Compile > Run emulation and the emulation benchmark.
#pragma once

#include <filesystem>
#include <string>

#include "compiler/advice/precision.h"
#include "compiler/compiler.h"
#include "runner.h"

namespace tt::app {

// Writes `kernel`'s artifacts to <dir>/<kernel>/ and runs them on the emulator with its work files in
// <dir>/<kernel>.emu/ (`options` gives seed, timeout and tolerances; its directories are set here, and
// its expected outputs default to the oracle's interpretation of the kernel's front-end IR).
// False, with `error`, when the artifacts could not be written (nothing ran).
bool emulate_kernel(const KernelResult& kernel, const std::filesystem::path& dir, ttemu::RunOptions options,
                    ttemu::RunResult& result, std::string& error);

// What the precision model needs from one checked output of a run (tt-inspect run, the app's report).
advice::MeasuredOutput measured_output(const ttemu::OutputErrors& checked);

}  // namespace tt::app
