// File > Export: the plan and the emulation trace as JSON, the core-grid and L1 tables as CSV, and
// any panel as a PNG (the app owns the pixels, so it does that part through on_panel_png).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "viewer/viewer_state.h"

namespace tt::viewer {

enum class ExportKind { PlanJson, TraceJson, CoreGridCsv, L1Csv, PanelPng };

// The bytes of a text export of the shown kernel, or nullopt with `why` when there is nothing to export.
std::optional<std::string> export_text(const ViewerState& state, ExportKind kind, std::string& why);
// A file name for the export, beside the source file: "<stem>.<kernel>.tt.plan.json", "...cores.csv", ...
std::string default_export_path(const ViewerState& state, ExportKind kind, const std::string& panel = "");

class ExportMenu {
 public:
  // Menu items (inside an open "File" menu); `panels` names the panels that can go to PNG.
  void menu_items(const ViewerState& state, const std::vector<std::string>& panels);
  // The path dialog; writes the file. Status (written / error) goes to `status`.
  void dialog(const ViewerState& state, std::string& status);
  // Writes the file for a chosen path now; false with `status` set on failure.
  bool write(const ViewerState& state, ExportKind kind, const std::string& panel, const std::string& path,
             std::string& status);

  // Asks the app for a PNG of panel `name` at `path`: called from dialog() on the first frame drawn
  // without the Export dialog; the app captures it once that frame is rendered.
  std::function<void(const std::string& panel, const std::string& path)> on_panel_png;

 private:
  bool requested_ = false;
  ExportKind kind_ = ExportKind::PlanJson;
  std::string panel_;
  std::string path_;
  std::string error_;
  std::optional<std::pair<std::string, std::string>> deferred_png_;  // (panel, path) chosen in the dialog
};

}  // namespace tt::viewer
