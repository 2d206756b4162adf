// The panels' places as fractions of the work area below the menu bar, so the layout follows the
// window: applied again whenever the window's size changes, learnt back when the user drags or
// resizes a panel, and persisted (layout.json) only by interactive runs. ImGui's own imgui.ini is
// not used: it stores pixels, so one small or headless run would pile every panel in a corner.
#pragma once

#include <string>
#include <vector>

namespace tt::viewer {

struct PanelPlace {
  std::string name;                  // the panel's name()
  float x = 0, y = 0, w = 1, h = 1;  // fractions of the work area
  bool open = true;
  friend bool operator==(const PanelPlace&, const PanelPlace&) = default;
};

// Reads places for the panels named in `places` (others in the file are ignored; a malformed or
// out-of-range entry keeps the default). False when the file is missing or unreadable.
bool load_layout(const std::string& path, std::vector<PanelPlace>& places);
bool save_layout(const std::string& path, const std::vector<PanelPlace>& places, std::string* error = nullptr);

}  // namespace tt::viewer
