// The main window's content without a window: menu bar (File/View/Compile), keyboard shortcuts,
// the Open and Export dialogs, recent files, the unsaved-edits prompt that guards open, close, drop
// and quit, and the default tiled layout of the registered panels.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "viewer/export_menu.h"
#include "viewer/panel_registry.h"
#include "viewer/recent_files.h"
#include "viewer/viewer_state.h"
#include "viewer/window_layout.h"

namespace tt::viewer {

// Backend key indices for the letter/function keys ImGui 1.86 has no ImGuiKey_ for (the app fills
// them from GLFW's key codes; -1 disables a shortcut).
struct KeyCodes {
  int o = -1, s = -1, f = -1, f5 = -1;
};

class Workbench {
 public:
  Workbench();

  // Menu bar plus every open panel at its place (fractions of the work area): placed again whenever
  // the window's size changes (and after View > Reset layout), learnt back when the user drags one.
  void draw(ViewerState& state);
  // One panel filling the whole display (screenshot --panel); false when no panel has that name.
  bool draw_single(ViewerState& state, std::string_view panel_name);
  // Opens a file now, unguarded (the command line's file); failures go to status().
  bool open_path(ViewerState& state, const std::string& path);

  // What the user asks for from the menu, a key, a drop or the window's close button. With unsaved
  // edits in the buffer each first asks Save / Discard / Cancel; otherwise it happens at once.
  void request_open(ViewerState& state, const std::string& path);
  void request_close(ViewerState& state);
  void request_quit(ViewerState& state);
  enum class UnsavedChoice { Save, Discard, Cancel };
  bool unsaved_prompt_pending() const { return pending_.kind != PendingKind::None; }
  // The prompt's answer: Save that fails keeps the prompt (and the edits) with the error shown.
  void answer_unsaved(ViewerState& state, UnsavedChoice choice);
  void reset_layout();
  // The panels' current places (fractions of the work area below the menu bar, and open flags).
  std::vector<PanelPlace> layout() const;
  // Persisted layout: load_layout_file() before the first frame, save_layout_file() at exit. Only
  // interactive runs call them: headless and scripted runs never read or write the user's layout.
  bool load_layout_file(const std::string& path);
  bool save_layout_file(const std::string& path, std::string* error = nullptr) const;

  KeyCodes keys;
  std::function<void()> on_quit;  // quits, once request_quit() is settled (absent: no Quit entry)
  // Compile > Run emulation (absent: no entry): starts a run of the shown kernel's artifacts; the
  // app reports back through set_status() and ViewerState::set_emulation().
  std::function<void(ViewerState&)> on_run_emulation;
  std::function<bool()> emulation_running;
  std::string recent_files_path;  // where the recent list persists ("" = not persisted)
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
  bool save(ViewerState& state);
  void unsaved_prompt(ViewerState& state);
  void run_pending(ViewerState& state);

  std::vector<PanelEntry> panels_;
  std::vector<PanelPlace> places_;  // one per panel, same order
  ImVec2 placed_for_{0, 0};         // the work-area size the places were last applied at
  bool place_all_ = true;
  enum class Dialog { None, OpenSource, LoadTrace };
  Dialog dialog_requested_ = Dialog::None;
  Dialog dialog_ = Dialog::OpenSource;
  std::string open_path_buffer_;
  enum class PendingKind { None, Open, Close, Quit };
  struct Pending {
    PendingKind kind = PendingKind::None;
    std::string path;  // Open
    bool popup_opened = false;
    std::string error;  // a failed Save
  } pending_;
  std::string status_;
};

}  // namespace tt::viewer
