// `tt-inspect batch FILE... -o DIR`: compiles files headless and writes their artifacts.
#pragma once

#include <CLI/CLI.hpp>
#include <map>
#include <string>
#include <vector>

namespace tt::app {

struct BatchArgs {
  std::vector<std::string> files;
  std::string out_dir;
  std::vector<std::string> defines;  // NAME=VALUE
  std::string kernel;
  std::string device = "wormhole_n150";
  std::string stop_after;
  std::string print_after;
  bool print_after_all = false;
  bool dump_ir = false;
  bool json = false;
  bool quiet = false;
  unsigned jobs = 0;  // files compiled in parallel; 0: one per hardware thread
};

void add_batch_command(CLI::App& app, BatchArgs& args);
// Returns the process exit code: 0 success, 1 compile errors, 2 usage errors.
int run_batch(const BatchArgs& args);
// Parses NAME=VALUE pairs; on error returns false with `error` naming the bad entry.
bool parse_defines(const std::vector<std::string>& raw, std::map<std::string, std::string>& out, std::string& error);

}  // namespace tt::app
