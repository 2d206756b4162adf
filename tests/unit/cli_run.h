// Runs the real tt-inspect binary for CLI tests: exit code and stderr (stdout discarded).
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace tt::testing_cli {

struct CliRun {
  int exit_code = -1;
  std::string err;  // stderr (run_cli_stdout: stdout)
};

inline CliRun run_cli(const std::string& args) {
  std::string cmd = std::string("\"") + TT_INSPECT_BINARY + "\" " + args + " 2>&1 >/dev/null";
  CliRun run;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return run;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) run.err.append(buf, n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return run;
}

// The same, with stdout instead of stderr (the run command's report is on stdout).
inline CliRun run_cli_stdout(const std::string& args) {
  std::string cmd = std::string("\"") + TT_INSPECT_BINARY + "\" " + args + " 2>/dev/null";
  CliRun run;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return run;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) run.err.append(buf, n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return run;
}

inline std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace tt::testing_cli
