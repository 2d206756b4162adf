// `tt-inspect FILE` / `tt-inspect open FILE`: the desktop app (GLFW window, OpenGL 3.3 core).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace tt::app {

struct GuiArgs {
  std::string file;
  std::vector<std::string> defines;
  std::string device = "wormhole_n150";
  std::string kernel;  // show this kernel of a file with several
  std::string size = "1600x1000";
  int exit_after_frames = 0;            // > 0: close after that many frames (the Xvfb smoke test)
  std::vector<std::string> export_png;  // PANEL=PATH: File > Export > Panel as PNG once the layout settled
};

// The GUI options, added to the top-level app (for `tt-inspect FILE`) and to `open`.
void add_gui_options(CLI::App& app, GuiArgs& args, bool file_required);
void add_open_command(CLI::App& app, GuiArgs& args);
// 0 on a normal exit; 1 when no window could be opened; 2 on usage errors.
int run_gui(const GuiArgs& args);

}  // namespace tt::app
