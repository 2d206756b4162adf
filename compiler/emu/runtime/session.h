// One emulated program run, shared by both front ends (the plan-driven driver_main and the host API's
// EnqueueMeshWorkload): build the cores, run the kernel threads under the watchdog, apply the exit checks,
// and write result.json / trace.json.
#pragma once

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "emulator.h"
#include "fault.h"

namespace ttemu {

struct SessionOutcome {
  std::vector<Fault> faults;  // setup faults, run faults, or the exit checks' findings
  bool stuck = false;         // a kernel never returned (watchdog): the process must leave with _Exit
  double kernel_run_ms = 0;
};

// Builds `e` with the three kernel entry points (indexed by Role) and runs it.
SessionOutcome run_session(Emulator& e, void (*const entries[3])(), std::chrono::milliseconds timeout);

// The fields of result.json every run has: faults, kernel_run_ms, cores, threads, events, trace_file.
nlohmann::json session_json(const Emulator& e, const SessionOutcome& o, const std::filesystem::path& trace_file);

nlohmann::json fault_json(const Fault& f);
void write_json_atomic(const std::filesystem::path& file, const nlohmann::json& j);

}  // namespace ttemu
