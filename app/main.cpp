// tt-inspect entry point: `tt-inspect FILE` (or `open FILE`) opens the desktop app; subcommands
// batch, run (CPU emulation) and screenshot run headless; one CLI11 parser; exit codes in app/cli_checks.h.
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/batch_command.h"
#include "app/cli_checks.h"
#include "app/compare_command.h"
#include "app/estimate_command.h"
#include "app/run_command.h"
#ifdef TT_INSPECT_HAVE_GUI
#include "app/gui_command.h"
#include "app/screenshot_command.h"
#endif
#include "compiler/passes/pass_manager.h"
#include "compiler/target/device.h"

int main(int argc, char** argv) {
  CLI::App app{"tt-inspect: inspect the lowering of TileLang kernels to Tenstorrent hardware"};
  app.set_version_flag("--version", std::string("tt-inspect ") + TT_INSPECT_VERSION);
  app.require_subcommand(0, 1);
  bool list_passes = false;
  bool list_devices = false;
  app.add_flag("--list-passes", list_passes, "Print the pipeline's passes in order");
  app.add_flag("--list-devices", list_devices, "Print the known device models");

  tt::app::BatchArgs batch;
  tt::app::add_batch_command(app, batch);
  tt::app::RunArgs run;
  tt::app::add_run_command(app, run);
  tt::app::EstimateArgs estimate;
  tt::app::add_estimate_command(app, estimate);
  tt::app::CompareArgs compare;
  tt::app::add_compare_command(app, compare);
#ifdef TT_INSPECT_HAVE_GUI
  tt::app::GuiArgs gui;
  tt::app::add_gui_options(app, gui, false);
  tt::app::add_open_command(app, gui);
  tt::app::ScreenshotArgs screenshot;
  tt::app::add_screenshot_command(app, screenshot);
#endif

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    if (auto message = tt::app::explain_parse_error(app, argc, argv)) return tt::app::usage_error(*message);
    app.exit(e);
    return tt::app::kExitUsage;
  }
  if (list_passes) {
    for (const tt::PassInfo& p : tt::pipeline()) std::cout << p.name << "  " << p.summary << "\n";
    return 0;
  }
  if (list_devices) {
    for (const std::string& d : tt::available_devices()) std::cout << d << "\n";
    return 0;
  }
  if (app.got_subcommand("batch")) return tt::app::run_batch(batch);
  if (app.got_subcommand("run")) return tt::app::run_emulated(run);
  if (app.got_subcommand("estimate")) return tt::app::run_estimate(estimate);
  if (app.got_subcommand("compare")) return tt::app::run_compare(compare);
#ifdef TT_INSPECT_HAVE_GUI
  if (app.got_subcommand("screenshot")) return tt::app::run_screenshot(screenshot);
  if (!gui.file.empty() && app.get_subcommands().empty()) {
    // `tt-inspect bacth`: a mistyped subcommand reads as a file to open; name it as what it is.
    if (auto message = tt::app::explain_parse_error(app, argc, argv)) return tt::app::usage_error(*message);
  }
  if (app.got_subcommand("open") || !gui.file.empty()) return tt::app::run_gui(gui);
#endif
  std::cerr << app.help();
  return tt::app::kExitUsage;
}
