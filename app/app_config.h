// Where the desktop app keeps its state: $XDG_CONFIG_HOME/tt-inspect (or ~/.config/tt-inspect):
// layout.json (panel places as fractions of the window), recent.json (recent files) and autosave/
// (unsaved edits). Only interactive runs use it.
#pragma once

#include <string>

namespace tt::app {

std::string config_dir();  // created on demand; "" when neither XDG_CONFIG_HOME nor HOME is set

}  // namespace tt::app
