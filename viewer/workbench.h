// The main window's content without a window: menu bar (File/View/Compile), keyboard shortcuts,
// the Open and Export dialogs, recent files, and the default tiled layout of the registered panels.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "viewer/export_menu.h"
#include "viewer/panel_registry.h"
#include "viewer/recent_files.h"
#include "viewer/viewer_state.h"

namespace tt::viewer {

// Backend key indices for the letter/function keys ImGui 1.86 has no ImGuiKey_ for (the app fills
// them from GLFW's key codes; -1 disables a shortcut).
struct KeyCodes {
  int o = -1, s = -1, f = -1, f5 = -1;
};

class Workbench {
 public:
  Workbench();

  // Menu bar plus every open panel, tiled on first use (and after View > Reset layout).
  void draw(ViewerState& state);
  // One panel filling the whole display (screenshot --panel); false when no panel has that name.
  bool draw_single(ViewerState& state, std::string_view panel_name);
  // Opens a file (menu, drop, recent list); failures go to status().
  bool open_path(ViewerState& state, const std::string& path);
  void reset_layout() { layout_cond_always_ = true; }

  KeyCodes keys;
  std::function<void()> on_quit;         // File > Quit (absent: no Quit entry)
  // Compile > Run emulation (absent: no entry): starts a run of the shown kernel's artifacts; the
  // app reports back through set_status() and ViewerState::set_trace().
  std::function<void(ViewerState&)> on_run_emulation;
  std::function<bool()> emulation_running;
  std::string recent_files_path;         // where the recent list persists ("" = not persisted)
  RecentFiles recent;
  const std::string& status() const { return status_; }
  void set_status(std::string status) { status_ = std::move(status); }
  // Loads an emulation trace.json into the state (File > Load trace, --trace); failures to status().
  bool load_trace(ViewerState& state, const std::string& path);
  const std::vector<PanelEntry>& panels() const { return panels_; }
  // The open panel named `name` (as in `screenshot --panel`), or nullptr.
  const Panel* find_panel(std::string_view name) const;
  ExportMenu exporter;  // File > Export; the app sets exporter.on_panel_png

 private:
  void menu_bar(ViewerState& state);
  void shortcuts(ViewerState& state);
  void open_dialog(ViewerState& state);
  void save(ViewerState& state);

  std::vector<PanelEntry> panels_;
  bool layout_cond_always_ = false;
  enum class Dialog { None, OpenSource, LoadTrace };
  Dialog dialog_requested_ = Dialog::None;
  Dialog dialog_ = Dialog::OpenSource;
  std::string open_path_buffer_;
  std::string status_;
};

}  // namespace tt::viewer
