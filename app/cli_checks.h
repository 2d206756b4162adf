// The command line's exit codes and the checks every subcommand shares before it compiles: input
// files, device, pass names, and "did you mean" for mistyped subcommands and flags.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "compiler/compiler.h"

namespace tt::app {

// The exit-code table (README "Exit codes"); tests/unit/cli_exit_code_test.cpp enforces it.
enum ExitCode : int {
  kExitOk = 0,            // everything compiled (and, for run, every output matched the oracle)
  kExitCompileError = 1,  // the kernel has errors, or a run faulted or mismatched
  kExitUsage = 2,         // the command line is wrong: unknown subcommand/flag/pass/device, bad -D,
                          // a missing input file
};

// Prints `tt-inspect: error: <message>` and returns kExitUsage.
int usage_error(const std::string& message);
// Prints `tt-inspect: warning: <message>`.
void usage_warning(const std::string& message);

// The error for a pass name given to `flag` that is not in the pipeline (`frontend` is accepted
// when `allow_frontend`), or nothing when the name is known.
std::optional<std::string> unknown_pass_error(const std::string& name, const std::string& flag, bool allow_frontend);
// The first usage error among the inputs: a file that cannot be read, a --device that does not
// load (listing the known devices); nothing when all is well.
std::optional<std::string> check_inputs(const std::vector<std::string>& files, const std::string& device);

// The compile options every compiling subcommand starts from: `device`, `kernel` and the parsed
// `-D NAME=VALUE` list, after check_inputs(files, device). On a usage error it is printed and the
// exit code returned (kExitUsage); nothing when `out` is ready.
std::optional<int> compile_options_from_cli(const std::vector<std::string>& files, const std::string& device,
                                            const std::string& kernel, const std::vector<std::string>& defines,
                                            CompileOptions& out);

// After CLI11 rejected the command line: a clearer message for a mistyped subcommand or flag
// (listing the valid ones, with the closest as "did you mean"), or nothing to let CLI11 speak.
std::optional<std::string> explain_parse_error(CLI::App& app, int argc, char** argv);

}  // namespace tt::app
