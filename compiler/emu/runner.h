// ttemu runner: builds the generated program of a tt.plan.json (its host main.cpp and reader/compute/writer
// kernels) against the emulated TT-Metalium headers, runs it on the CPU under a watchdog and returns the
// verdict, faults and trace file. Without a main.cpp, a plan-driven driver plays the host.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "output_errors.h"

namespace ttemu {

class ExpectedOutputs;  // output_check.h

struct RunOptions {
  std::filesystem::path kernel_dir;          // the kernel files named in the plan (reader.cpp, ...) and main.cpp
  std::filesystem::path plan_file;           // default: kernel_dir / "tt.plan.json"
  std::filesystem::path work_dir;            // default: a fresh temporary directory (kept; see RunResult::work_dir)
  std::uint64_t seed = 1;                    // input values are deterministic in the seed
  std::chrono::milliseconds timeout{10000};  // wall-clock watchdog of the emulated run
  double rtol = 1e-2, atol = 1e-2;
  std::string cxx;  // C++ compiler; default $TTEMU_CXX, else the compiler that built ttemu
  // Built programs are kept by content (build_cache.h): a repeated run of the same artifacts does not compile.
  bool use_build_cache = true;
  std::filesystem::path build_cache_dir;  // default: BuildCache::default_dir()
  // Where the engine's check of a host program run takes expected values from (tt-inspect run: the oracle);
  // null: the reference GEMM of the plan's "gemm" entry.
  std::shared_ptr<const ExpectedOutputs> expected;
};

struct RunFault {
  std::string kind;     // e.g. "deadlock", "cb_pop_more_than_waited", "dst_index_out_of_capacity"
  std::string message;  // one line, starts with the kind
  int core_x = -1, core_y = -1;
  std::string kernel;
  int cb = -1;
  std::string file;
  unsigned line = 0;
};

struct RunResult {
  enum class Status { Pass, Mismatch, Fault, PlanError, BuildError, Crash, Timeout };
  Status status = Status::BuildError;
  bool passed = false;
  std::string message;  // one-line summary
  std::vector<RunFault> faults;
  double max_abs_error = 0, max_rel_error = 0;
  std::uint64_t mismatches = 0;
  std::filesystem::path work_dir, result_file, trace_file;
  std::string log;            // compiler and emulator output
  double build_ms = 0;        // compiling and linking the kernels, or finding them in the build cache
  bool build_cached = false;  // the executable came from the build cache: no compiler ran
  double run_ms = 0;          // wall time of the emulated executable (setup, kernels, check)
  double kernel_run_ms = 0;   // the kernels alone, as measured inside the emulator
  std::uint64_t events = 0;   // CB events recorded in the trace
  int runners = 0;            // host threads the emulated cores ran on (0: not reported)
  // Host program runs: the program's own check (exit code, its "check ..." lines) and the engine's.
  bool program_passed = false, engine_passed = false;
  std::string program_check;
  // The engine's check, per output buffer: first mismatches, error histogram, per-tile errors.
  std::vector<OutputErrors> outputs;
  // When the host program's own check failed: that check redone by the engine on the dumped buffers
  // (against the same double-precision GEMM of the plan), so its mismatches can be located too.
  std::vector<OutputErrors> program_check_outputs;

  bool has_fault(const std::string& kind) const {
    for (const auto& f : faults)
      if (f.kind == kind) return true;
    return false;
  }
};

const char* to_string(RunResult::Status s);

RunResult run_generated_kernels(const RunOptions& options);

}  // namespace ttemu
