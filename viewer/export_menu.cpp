// ExportMenu and the export contents: plan artifact, trace text, CSV tables; files written atomically.
#include "viewer/export_menu.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cctype>
#include <filesystem>

#include "compiler/codegen/atomic_file.h"
#include "viewer/table_export.h"
#include "viewer/theme.h"

namespace tt::viewer {

namespace {

const char* suffix(ExportKind kind) {
  switch (kind) {
    case ExportKind::PlanJson:
      return "tt.plan.json";
    case ExportKind::TraceJson:
      return "trace.json";
    case ExportKind::CoreGridCsv:
      return "cores.csv";
    case ExportKind::L1Csv:
      return "l1.csv";
    case ExportKind::PanelPng:
      return "png";
  }
  return "";
}

}  // namespace

std::optional<std::string> export_text(const ViewerState& state, ExportKind kind, std::string& why) {
  const KernelResult* kernel = state.kernel();
  const CompileResult* result = state.shown();
  if (kind == ExportKind::TraceJson) {
    if (!state.trace())
      why = "no emulation trace (Compile > Run emulation, or File > Load emulation trace)";
    else
      return state.trace()->json_text;
    return std::nullopt;
  }
  if (!kernel || !result) {
    why = "no compiled kernel";
    return std::nullopt;
  }
  switch (kind) {
    case ExportKind::PlanJson:
      if (const Artifact* plan = kernel->find_artifact("tt.plan.json")) return plan->text;
      why = "no tt.plan.json: codegen did not run";
      return std::nullopt;
    case ExportKind::CoreGridCsv: {
      std::string csv = core_grid_csv(*kernel);
      if (csv.empty())
        why = "no work partition yet";
      else
        return csv;
      return std::nullopt;
    }
    case ExportKind::L1Csv:
      if (result->device) return l1_table_csv(*kernel, *result->device);
      why = "no device model";
      return std::nullopt;
    default:
      why = "not a text export";
      return std::nullopt;
  }
}

std::string default_export_path(const ViewerState& state, ExportKind kind, const std::string& panel) {
  namespace fs = std::filesystem;
  const fs::path source = state.path().empty() ? fs::path("untitled.py") : fs::path(state.path());
  std::string name = source.stem().string();
  if (const KernelResult* k = state.kernel()) name += "." + k->name;
  if (kind == ExportKind::PanelPng) {
    std::string p;
    for (char c : panel) p += (c == ' ') ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    name += "." + p;
  }
  return (source.parent_path() / (name + "." + suffix(kind))).string();
}

void ExportMenu::menu_items(const ViewerState& state, const std::vector<std::string>& panels) {
  if (!ImGui::BeginMenu("Export")) return;
  auto item = [&](const char* label, ExportKind kind, bool enabled) {
    if (ImGui::MenuItem(label, nullptr, false, enabled)) {
      requested_ = true;
      kind_ = kind;
      panel_.clear();
      path_ = default_export_path(state, kind);
    }
  };
  const KernelResult* k = state.kernel();
  item("Plan (tt.plan.json)...", ExportKind::PlanJson, k && k->find_artifact("tt.plan.json"));
  item("Emulation trace (JSON)...", ExportKind::TraceJson, state.trace() != nullptr);
  item("Core grid table (CSV)...", ExportKind::CoreGridCsv, k != nullptr);
  item("L1 table (CSV)...", ExportKind::L1Csv, k != nullptr);
  if (ImGui::BeginMenu("Panel as PNG", static_cast<bool>(on_panel_png))) {
    for (const std::string& p : panels) {
      if (ImGui::MenuItem(p.c_str())) {
        requested_ = true;
        kind_ = ExportKind::PanelPng;
        panel_ = p;
        path_ = default_export_path(state, kind_, p);
      }
    }
    ImGui::EndMenu();
  }
  ImGui::EndMenu();
}

bool ExportMenu::write(const ViewerState& state, ExportKind kind, const std::string& panel, const std::string& path,
                       std::string& status) {
  if (kind == ExportKind::PanelPng) {
    if (!on_panel_png) {
      status = "PNG export needs the desktop window";
      return false;
    }
    // Captured from a frame drawn after the Export dialog has closed (see dialog()), so the
    // dialog and the modal's dimming are not in the picture.
    deferred_png_ = {panel, path};
    status = "capturing the " + panel + " panel to " + path;
    return true;
  }
  std::string why;
  std::optional<std::string> text = export_text(state, kind, why);
  if (!text) {
    status = "nothing to export: " + why;
    return false;
  }
  if (!write_file_atomically(path, *text, why)) {
    status = why;
    return false;
  }
  status = "exported " + path;
  return true;
}

void ExportMenu::dialog(const ViewerState& state, std::string& status) {
  if (deferred_png_ && !ImGui::IsPopupOpen("Export") && on_panel_png) {
    on_panel_png(deferred_png_->first, deferred_png_->second);
    deferred_png_.reset();
  }
  if (requested_) {
    requested_ = false;
    error_.clear();
    ImGui::OpenPopup("Export");
  }
  ImVec2 center(ImGui::GetIO().DisplaySize.x * 0.5f, ImGui::GetIO().DisplaySize.y * 0.4f);
  ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal("Export", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::Text("Export %s%s to:", panel_.empty() ? "" : (panel_ + " panel as ").c_str(), suffix(kind_));
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(560);
  bool go = ImGui::InputText("##export_path", &path_, ImGuiInputTextFlags_EnterReturnsTrue);
  if (!error_.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kError), "%s", error_.c_str());
  go |= ImGui::Button("Export", ImVec2(100, 0));
  ImGui::SameLine();
  if (ImGui::Button("Cancel", ImVec2(100, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    ImGui::CloseCurrentPopup();
  }
  if (go) {
    std::string message;
    if (write(state, kind_, panel_, path_, message)) {
      status = message;
      ImGui::CloseCurrentPopup();
    } else {
      error_ = message;
    }
  }
  ImGui::EndPopup();
}

}  // namespace tt::viewer
