// Child processes for the runner: spawn with output captured to a log file, wait with a deadline.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace ttemu {

struct ProcessResult {
  int exit_code = -1;  // valid when signal == 0 and !timed_out
  int signal = 0;
  bool timed_out = false;
  std::string output;  // stdout + stderr
  bool ok() const { return exit_code == 0 && signal == 0 && !timed_out; }
};

// Starts argv[0] (searched in PATH) with stdout and stderr redirected to `log`, and the environment plus
// `extra_env` ("NAME=value" entries). Returns -1 on failure.
pid_t spawn_process(const std::vector<std::string>& argv, const std::filesystem::path& log,
                    const std::vector<std::string>& extra_env = {});
// Waits for `pid`, killing it (SIGKILL) at `deadline`; reads `log` into the result.
ProcessResult wait_process(pid_t pid, const std::filesystem::path& log, std::chrono::steady_clock::time_point deadline);

}  // namespace ttemu
