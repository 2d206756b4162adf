// CLI wiring for the desktop app; the window itself is in glfw_window.cpp.
#include "app/gui_command.h"

#include <iostream>

#include "app/batch_command.h"
#include "app/cli_checks.h"
#include "app/glfw_window.h"
#include "app/screenshot_command.h"
#include "viewer/viewer_state.h"

namespace tt::app {

void add_gui_options(CLI::App& app, GuiArgs& args, bool file_required) {
  auto* file = app.add_option("file", args.file, "TileLang Python file to open");
  if (file_required) file->required();
  app.add_option("-D,--define", args.defines, "Override a factory parameter: NAME=VALUE (Python literal)")
      ->allow_extra_args(false);
  app.add_option("--device", args.device, "Target device name or .json path")->capture_default_str();
  app.add_option("--kernel", args.kernel, "Show this kernel of a file with several (default: the first)");
  app.add_option("--size", args.size, "Initial window size WxH")->capture_default_str();
  app.add_option("--exit-after-frames,--frames", args.exit_after_frames, "Close after N frames (smoke tests)");
  app.add_option("--export-png", args.export_png,
                 "PANEL=PATH: export a panel of the window as PNG after the first frames (repeatable)")
      ->allow_extra_args(false);
}

void add_open_command(CLI::App& app, GuiArgs& args) {
  CLI::App* cmd = app.add_subcommand("open", "Open the desktop inspector on a file");
  add_gui_options(*cmd, args, false);
}

int run_gui(const GuiArgs& args) {
  WindowOptions options;
  if (!parse_size(args.size, options.width, options.height)) {
    std::cerr << "tt-inspect: error: --size expects WxH between 64 and 8192, got '" << args.size << "'\n";
    return 2;
  }
  std::string error;
  if (!parse_defines(args.defines, options.defines, error)) return usage_error(error);
  if (auto e = check_inputs(args.file.empty() ? std::vector<std::string>{} : std::vector<std::string>{args.file},
                            args.device)) {
    return usage_error(*e);
  }
  if (!args.kernel.empty() && !args.file.empty()) {
    // An unknown kernel is a usage error before any window opens (no display needed to be told).
    viewer::ViewerState probe;
    probe.configure(options.defines, args.device);
    if (probe.open_file(args.file)) {
      if (std::string e = probe.select_kernel_named(args.kernel); !e.empty()) return usage_error(e);
    }
  }
  options.file = args.file;
  options.device = args.device;
  options.kernel = args.kernel;
  options.exit_after_frames = args.exit_after_frames;
  for (const std::string& e : args.export_png) {
    const auto eq = e.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == e.size()) {
      std::cerr << "tt-inspect: error: --export-png expects PANEL=PATH, got '" << e << "'\n";
      return 2;
    }
    if (auto unknown = unknown_panel_error(e.substr(0, eq), "--export-png")) return usage_error(*unknown);
    options.export_png.emplace_back(e.substr(0, eq), e.substr(eq + 1));
  }
  return run_window(options);
}

}  // namespace tt::app
