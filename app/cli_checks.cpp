// Usage checks shared by the subcommands; every "unknown X" lists the valid values and suggests
// the closest through the one edit-distance helper (compiler/ir/suggest.h).
#include "app/cli_checks.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/batch_command.h"
#include "compiler/ir/suggest.h"
#include "compiler/passes/pass_manager.h"
#include "compiler/target/device.h"

namespace tt::app {

int usage_error(const std::string& message) {
  std::cerr << "tt-inspect: error: " << message << "\n";
  return kExitUsage;
}

void usage_warning(const std::string& message) { std::cerr << "tt-inspect: warning: " << message << "\n"; }

std::optional<int> compile_options_from_cli(const std::vector<std::string>& files, const std::string& device,
                                            const std::string& kernel, const std::vector<std::string>& defines,
                                            CompileOptions& out) {
  out.device = device;
  out.kernel = kernel;
  std::string error;
  if (!parse_defines(defines, out.defines, error)) return usage_error(error);
  if (auto e = check_inputs(files, device)) return usage_error(*e);
  return std::nullopt;
}

std::optional<std::string> unknown_pass_error(const std::string& name, const std::string& flag, bool allow_frontend) {
  if (find_pass(name) || (allow_frontend && name == "frontend")) return std::nullopt;
  std::vector<std::string> names;
  if (allow_frontend) names.push_back("frontend");
  for (const PassInfo& p : pipeline()) names.push_back(p.name);
  return unknown_name_message("pass", name, names, "passes") + " for " + flag;
}

namespace {

std::vector<std::string> subcommand_names(CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
  return names;
}

// Every long and short spelling of `app`'s options ("--dump-ir", "-o").
std::vector<std::string> flag_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : app.get_options()) {
    for (const std::string& l : opt->get_lnames()) names.push_back("--" + l);
    for (const std::string& s : opt->get_snames()) names.push_back("-" + s);
  }
  return names;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::optional<std::string> missing_file_error(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return "'" + path + "' is a directory, not a TileLang file";
  if (std::ifstream(path)) return std::nullopt;
  return "cannot open file '" + path + "'";
}

}  // namespace

std::optional<std::string> check_inputs(const std::vector<std::string>& files, const std::string& device) {
  for (const std::string& f : files) {
    if (auto e = missing_file_error(f)) return e;
  }
  std::string error;
  if (!load_device(device, error)) return error;
  return std::nullopt;
}

std::optional<std::string> explain_parse_error(CLI::App& app, int argc, char** argv) {
  if (argc < 2) return std::nullopt;
  std::vector<std::string> subcommands = subcommand_names(app);
  std::string first = argv[1];
  CLI::App* scope = &app;
  int begin = 1;
  if (contains(subcommands, first)) {
    scope = app.get_subcommand(first);
    begin = 2;
  } else if (!first.empty() && first[0] != '-' && !std::filesystem::exists(first)) {
    // Not a subcommand and not a file to open: a mistyped subcommand.
    return unknown_name_message("subcommand", first, subcommands, "subcommands");
  }
  // The message lists the subcommand's own options; the program's options are accepted after it too, but
  // listing them again (--help, -h, --define twice; the window's --size) would bury the ones that apply.
  const std::vector<std::string> listed = flag_names(*scope);
  std::vector<std::string> flags = listed;
  if (scope != &app) {
    for (const std::string& f : flag_names(app)) {
      if (!contains(flags, f)) flags.push_back(f);
    }
  }
  for (int i = begin; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") break;
    if (arg.size() < 2 || arg[0] != '-' || std::isdigit(static_cast<unsigned char>(arg[1]))) continue;
    std::string name = arg.substr(0, arg.find('='));
    if (arg.rfind("--", 0) != 0) name = arg.substr(0, 2);  // -DNAME=VALUE, -j4
    if (contains(flags, name)) continue;
    std::string where = scope == &app ? "tt-inspect" : "tt-inspect " + scope->get_name();
    return unknown_name_message("option", name, listed, "options of " + where);
  }
  return std::nullopt;
}

}  // namespace tt::app
