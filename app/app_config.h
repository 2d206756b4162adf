// Where the desktop app keeps its state: $XDG_CONFIG_HOME/tt-inspect (or ~/.config/tt-inspect):
// imgui.ini (window layout) and recent.json (recent files).
#pragma once

#include <string>

namespace tt::app {

std::string config_dir();  // created on demand; "" when neither XDG_CONFIG_HOME nor HOME is set

}  // namespace tt::app
