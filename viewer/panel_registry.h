// The one ordered list of panels (STYLE item 9), each with its default place in the window as
// fractions of the work area below the menu bar.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "viewer/panel.h"

namespace tt::viewer {

struct PanelEntry {
  std::unique_ptr<Panel> panel;
  float x, y, w, h;  // default layout, fractions of the work area
  bool open = true;  // shown in the default layout; otherwise opened from the View menu
};

std::vector<PanelEntry> make_panels();
// "core grid", "core_grid", "Core-Grid", "coregrid" all name the "Core grid" panel.
std::string normalize_panel_name(std::string_view name);
// The names `screenshot --panel` accepts, normalized.
std::vector<std::string> panel_names();

}  // namespace tt::viewer
