// `tt-inspect screenshot FILE -o out.png [--panel NAME] [--size WxH] [--select LINE] [--pass P]
// [--diff] [--kernel NAME] [--vs-define NAME=VALUE] [--vs-device NAME] [--core X,Y] [--trace FILE | --emulate] [--time
// T] [-D ...] [--device NAME]`: renders the GUI off-screen (EGL + llvmpipe) to a byte-reproducible PNG.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace tt::app {

struct ScreenshotArgs {
  std::string file;
  std::string out;
  std::string panel;
  std::string size = "1600x1000";
  int select_line = 0;
  std::string pass;      // select this pass (name or index) instead of the last one
  bool diff = false;     // Passes panel in diff mode
  std::string trace;     // emulation trace.json for the L1 timeline
  bool emulate = false;  // run the emulator on the compiled kernel first (its trace feeds the timeline)
  std::string core;      // select this core, "X,Y"
  uint64_t time = 0;     // trace cursor
  int frames = 4;
  std::vector<std::string> defines;
  std::string device = "wormhole_n150";
  std::string kernel;  // show this kernel of a file with several (default: the first)
  // The Compare panel's configuration B: its -D overrides and device (either one starts a comparison).
  std::vector<std::string> vs_defines;
  std::string vs_device;
};

void add_screenshot_command(CLI::App& app, ScreenshotArgs& args);
// 0: written and the compile succeeded; 1: compile errors (the image is still written) or a
// rendering failure; 2: usage errors.
int run_screenshot(const ScreenshotArgs& args);
// The error for a panel name the viewer does not have (listing its panels), or nothing.
std::optional<std::string> unknown_panel_error(const std::string& name, const std::string& flag);
// "1600x1000" -> 1600, 1000 (each 64..8192).
bool parse_size(const std::string& text, int& width, int& height);

}  // namespace tt::app
