// The desktop window: GLFW 3.3 + OpenGL 3.3 core + ImGui's GLFW/OpenGL3 backends, the main loop,
// file drops, polling the open file for changes, and the persisted layout and recent files.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace tt::app {

struct WindowOptions {
  std::string file;
  std::map<std::string, std::string> defines;
  std::string device = "wormhole_n150";
  std::string kernel;  // select this kernel once the file is compiled; unknown: exit 2 with the list
  int width = 1600, height = 1000;
  int exit_after_frames = 0;
  std::vector<std::pair<std::string, std::string>> export_png;  // (panel, path), exported at frame 3
};

int run_window(const WindowOptions& options);

}  // namespace tt::app
