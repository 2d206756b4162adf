// Screenshot: compile, select, render a few frames so layout and scroll requests settle, write PNG.
#include "app/screenshot_command.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>

#include "app/batch_command.h"
#include "app/cli_checks.h"
#include "app/emulation_job.h"
#include "app/offscreen_renderer.h"
#include "app/png_writer.h"
#include "compiler/ir/suggest.h"
#include "viewer/panel_registry.h"
#include "viewer/workbench.h"

namespace tt::app {

bool parse_size(const std::string& text, int& width, int& height) {
  char x = 0;
  char extra = 0;
  if (std::sscanf(text.c_str(), "%d%c%d%c", &width, &x, &height, &extra) != 3 || (x != 'x' && x != 'X')) return false;
  return width >= 64 && height >= 64 && width <= 8192 && height <= 8192;
}

void add_screenshot_command(CLI::App& app, ScreenshotArgs& args) {
  CLI::App* cmd = app.add_subcommand("screenshot", "Render the GUI off-screen (EGL, llvmpipe) to a PNG");
  cmd->add_option("file", args.file, "TileLang Python file")->required();
  cmd->add_option("-o,--output", args.out, "PNG file to write")->required();
  cmd->add_option("--panel", args.panel,
                  "Render only this panel, filling the image (" + join_names(viewer::panel_names()) + ")");
  cmd->add_option("--size", args.size, "Image size WxH")->capture_default_str();
  cmd->add_option("--select", args.select_line, "Select this source line (1-based) before rendering");
  cmd->add_option("--pass", args.pass, "Select this pass (name or index; default: the last)");
  cmd->add_option("--kernel", args.kernel, "Show this kernel of a file with several (default: the first)");
  cmd->add_option("--vs-define", args.vs_defines, "Compare panel: a -D override of configuration B (NAME=VALUE)")
      ->allow_extra_args(false);
  cmd->add_option("--vs-device", args.vs_device, "Compare panel: the device of configuration B");
  cmd->add_flag("--diff", args.diff, "Show the Passes panel's diff against the previous pass");
  cmd->add_option("--core", args.core, "Select this core: X,Y");
  cmd->add_option("--trace", args.trace, "Emulation trace.json shown in the L1 timeline");
  cmd->add_flag("--emulate", args.emulate, "Run the CPU emulator on the kernel first; its trace feeds the L1 timeline");
  cmd->add_option("--time", args.time, "Cursor position in the emulation trace");
  cmd->add_option("--frames", args.frames, "Frames rendered before the capture")->capture_default_str();
  cmd->add_option("-D,--define", args.defines, "Override a factory parameter: NAME=VALUE (Python literal)")
      ->allow_extra_args(false);
  cmd->add_option("--device", args.device, "Target device name or .json path")->capture_default_str();
}

std::optional<std::string> unknown_panel_error(const std::string& name, const std::string& flag) {
  std::vector<std::string> names = viewer::panel_names();
  if (std::find(names.begin(), names.end(), viewer::normalize_panel_name(name)) != names.end()) return std::nullopt;
  return unknown_name_message("panel", viewer::normalize_panel_name(name), names, "panels") + " for " + flag;
}

int run_screenshot(const ScreenshotArgs& args) {
  int width = 0, height = 0;
  if (!parse_size(args.size, width, height)) {
    std::cerr << "tt-inspect: error: --size expects WxH between 64 and 8192, got '" << args.size << "'\n";
    return 2;
  }
  if (!args.panel.empty()) {
    if (auto e = unknown_panel_error(args.panel, "--panel")) return usage_error(*e);
  }
  if (args.frames < 1) {
    std::cerr << "tt-inspect: error: --frames must be at least 1\n";
    return 2;
  }
  std::map<std::string, std::string> defines, vs_defines;
  std::string error;
  if (!parse_defines(args.defines, defines, error)) return usage_error(error);
  if (!parse_defines(args.vs_defines, vs_defines, error)) return usage_error(error);
  if (auto e = check_inputs({args.file}, args.device)) return usage_error(*e);
  if (!args.vs_device.empty()) {
    if (auto e = check_inputs({args.file}, args.vs_device)) return usage_error(*e);
  }

  OffscreenRenderer renderer;
  if (!renderer.init(width, height, error)) {
    std::cerr << "tt-inspect: error: " << error << "\n";
    return 1;
  }
  viewer::ViewerState state;
  state.configure(std::move(defines), args.device);
  state.ui.hide_timings = true;  // byte-identical output run to run
  viewer::Workbench bench;
  if (!bench.open_path(state, args.file)) {
    std::cerr << "tt-inspect: error: " << bench.status() << "\n";
    return 1;
  }
  state.ui.show_diff = args.diff;
  if (!args.vs_defines.empty() || !args.vs_device.empty()) {
    state.set_comparison(std::move(vs_defines), args.vs_device.empty() ? args.device : args.vs_device);
  }
  if (!args.kernel.empty()) {
    if (std::string e = state.select_kernel_named(args.kernel); !e.empty()) return usage_error(e);
  }
  if (!args.pass.empty()) {
    const KernelResult* k = state.kernel();
    int index = -1;
    for (size_t i = 0; k && i < k->trace.passes.size(); ++i) {
      if (k->trace.passes[i].name == args.pass || std::to_string(i) == args.pass) index = static_cast<int>(i);
    }
    if (index < 0) {
      std::cerr << "tt-inspect: error: no pass '" << args.pass << "' in the compile of " << args.file << "\n";
      return 2;
    }
    state.selection.select_pass(index, viewer::SelectionOrigin::Command);
  }
  if (!args.core.empty()) {
    long long x = -1, y = -1;
    if (std::sscanf(args.core.c_str(), "%lld,%lld", &x, &y) != 2 || x < 0 || y < 0) {
      std::cerr << "tt-inspect: error: --core expects X,Y, got '" << args.core << "'\n";
      return 2;
    }
    const CompileResult* compiled = state.current();
    if (compiled && compiled->device && (x >= compiled->device->grid_x || y >= compiled->device->grid_y)) {
      return usage_error("--core " + args.core + " is outside the " + std::to_string(compiled->device->grid_x) + "x" +
                         std::to_string(compiled->device->grid_y) + " worker grid of " + compiled->device->name);
    }
    state.selection.select_core(viewer::CoreXY{x, y}, viewer::SelectionOrigin::Command);
  }
  if (!args.trace.empty() && !bench.load_trace(state, args.trace)) {
    std::cerr << "tt-inspect: error: " << bench.status() << "\n";
    return 1;
  }
  if (args.emulate) {
    const KernelResult* k = state.kernel();
    if (!k || !k->ok) {
      std::cerr << "tt-inspect: error: --emulate needs a successfully compiled kernel\n";
      return 1;
    }
    EmulationOutcome outcome = run_emulation(*k);
    std::cerr << outcome.report.summary << "\n";
    for (const std::string& d : outcome.report.details) std::cerr << "  " << d << "\n";
    if (!outcome.report.trace) return 1;
    state.set_emulation(std::move(outcome.report), outcome.program);
  }
  if (const CompileResult* compiled = state.current()) {
    // A file ending in a newline has no line after it to select.
    size_t lines = compiled->source.line_count();
    if (lines > 0 && compiled->source.line(static_cast<uint32_t>(lines)).empty()) --lines;
    if (args.select_line > static_cast<int>(lines)) {
      return usage_error("--select " + std::to_string(args.select_line) + " is past the end of " + args.file + " (" +
                         std::to_string(lines) + " lines)");
    }
  }
  if (args.select_line < 0) return usage_error("--select expects a 1-based line number");
  state.selection.time = args.time;
  if (args.select_line > 0)
    state.selection.select_source_line(static_cast<uint32_t>(args.select_line), viewer::SelectionOrigin::Command);
  for (int i = 0; i < args.frames; ++i) {
    renderer.frame([&] {
      if (args.panel.empty())
        bench.draw(state);
      else
        bench.draw_single(state, args.panel);
    });
  }
  if (!write_png(args.out, width, height, renderer.read_rgb(), error)) {
    std::cerr << "tt-inspect: error: " << error << "\n";
    return 1;
  }
  const CompileResult* r = state.current();
  if (r && !r->ok()) {
    std::cerr << render_diagnostics(r->all_diagnostics(), r->source);
    return 1;
  }
  return 0;
}

}  // namespace tt::app
