// Workbench: menus, shortcuts, the Open and Export dialogs and the default layout.
#include "viewer/workbench.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cmath>
#include <filesystem>
#include <memory>
#include <optional>

#include "viewer/theme.h"

namespace tt::viewer {

Workbench::Workbench() : panels_(make_panels()) {}

bool Workbench::open_path(ViewerState& state, const std::string& path) {
  std::string error;
  if (!state.open_file(path, &error)) {
    status_ = error;
    recent.remove(path);
    return false;
  }
  std::error_code ec;
  std::string abs = std::filesystem::absolute(path, ec).lexically_normal().string();
  recent.add(ec ? path : abs);
  if (!recent_files_path.empty()) recent.save(recent_files_path);
  status_.clear();
  return true;
}

bool Workbench::load_trace(ViewerState& state, const std::string& path) {
  std::string error;
  std::optional<EmuTrace> trace = load_emu_trace(path, error);
  if (!trace) {
    status_ = error;
    return false;
  }
  state.set_trace(std::make_shared<const EmuTrace>(std::move(*trace)));
  status_.clear();
  return true;
}

void Workbench::save(ViewerState& state) {
  std::string error;
  status_ = state.save(&error) ? "saved " + state.path() : error;
}

void Workbench::shortcuts(ViewerState& state) {
  ImGuiIO& io = ImGui::GetIO();
  auto pressed = [](int key) { return key >= 0 && ImGui::IsKeyPressed(key, false); };
  if (io.KeyCtrl && pressed(keys.o)) dialog_requested_ = Dialog::OpenSource;
  if (io.KeyCtrl && pressed(keys.s)) save(state);
  if (pressed(keys.f5)) state.recompile();
  if (io.KeyCtrl && pressed(keys.f)) {
    state.ui.focus_search = true;
    // The search boxes live in Passes and Kernels; with no focused window, Passes takes it.
    if (!ImGui::IsWindowFocused(ImGuiFocusedFlags_AnyWindow)) ImGui::SetWindowFocus("Passes");
  }
  // Ctrl+Tab cycles panels through ImGui's own window switcher (built into 1.86).
}

void Workbench::menu_bar(ViewerState& state) {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open...", "Ctrl+O")) dialog_requested_ = Dialog::OpenSource;
    if (ImGui::BeginMenu("Open recent", !recent.items().empty())) {
      std::string chosen;
      for (const std::string& p : recent.items()) {
        if (ImGui::MenuItem(p.c_str())) chosen = p;
      }
      ImGui::EndMenu();
      if (!chosen.empty()) open_path(state, chosen);
    }
    if (ImGui::MenuItem("Save", "Ctrl+S", false, !state.path().empty())) save(state);
    if (ImGui::MenuItem("Reload from disk", nullptr, false, !state.path().empty())) open_path(state, state.path());
    ImGui::Separator();
    if (ImGui::MenuItem("Load emulation trace...")) dialog_requested_ = Dialog::LoadTrace;
    if (ImGui::MenuItem("Clear emulation trace", nullptr, false, state.trace() != nullptr)) state.set_trace(nullptr);
    ImGui::Separator();
    std::vector<std::string> open_panels;
    for (const PanelEntry& e : panels_) {
      if (e.panel->open) open_panels.emplace_back(e.panel->name());
    }
    exporter.menu_items(state, open_panels);
    if (on_quit) {
      ImGui::Separator();
      if (ImGui::MenuItem("Quit")) on_quit();
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    for (PanelEntry& e : panels_) ImGui::MenuItem(e.panel->name(), nullptr, &e.panel->open);
    ImGui::Separator();
    if (ImGui::MenuItem("Reset layout")) {
      for (PanelEntry& e : panels_) e.panel->open = true;
      reset_layout();
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Compile")) {
    if (ImGui::MenuItem("Recompile", "F5")) state.recompile();
    if (ImGui::BeginMenu("Device")) {
      for (const std::string& d : available_devices()) {
        if (ImGui::MenuItem(d.c_str(), nullptr, d == state.device())) state.set_device(d);
      }
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Reset parameters", nullptr, false, !state.defines().empty())) state.clear_defines();
    if (on_run_emulation) {
      const KernelResult* k = state.kernel();
      const bool busy = emulation_running && emulation_running();
      if (ImGui::MenuItem(busy ? "Emulation running..." : "Run emulation", nullptr, false,
                          !busy && k && k->ok && !state.stale())) {
        on_run_emulation(state);
      }
    }
    ImGui::EndMenu();
  }
  // Right-aligned status: file and compile outcome.
  std::string right;
  if (!status_.empty()) {
    right = status_;
  } else if (const CompileResult* r = state.current()) {
    std::string file = std::filesystem::path(state.path()).filename().string();
    size_t errors = r->all_diagnostics().error_count();
    right = file + (state.dirty() ? " *" : "") + (r->ok() ? "  |  compiled OK" : "  |  " + std::to_string(errors) + " error(s)");
  }
  if (!right.empty()) {
    float w = ImGui::CalcTextSize(right.c_str()).x;
    ImGui::SameLine(ImGui::GetWindowWidth() - w - 12);
    const CompileResult* r = state.current();
    ImU32 color = !status_.empty() ? colors::kWarning : (r && !r->ok()) ? colors::kError : colors::kDim;
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color), "%s", right.c_str());
  }
  ImGui::EndMainMenuBar();
}

void Workbench::open_dialog(ViewerState& state) {
  if (dialog_requested_ != Dialog::None) {
    dialog_ = dialog_requested_;
    dialog_requested_ = Dialog::None;
    open_path_buffer_ = dialog_ == Dialog::OpenSource ? state.path() : (state.trace() ? state.trace()->path : "");
    status_.clear();
    ImGui::OpenPopup("Open file");
  }
  ImVec2 center(ImGui::GetIO().DisplaySize.x * 0.5f, ImGui::GetIO().DisplaySize.y * 0.4f);
  ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal("Open file", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::TextUnformatted(dialog_ == Dialog::OpenSource ? "Path of a TileLang .py file:"
                                                       : "Path of an emulation trace.json:");
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(560);
  bool go = ImGui::InputText("##path", &open_path_buffer_, ImGuiInputTextFlags_EnterReturnsTrue);
  if (!status_.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kError), "%s", status_.c_str());
  go |= ImGui::Button("Open", ImVec2(100, 0));
  ImGui::SameLine();
  if (ImGui::Button("Cancel", ImVec2(100, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    status_.clear();
    ImGui::CloseCurrentPopup();
  }
  if (go && (dialog_ == Dialog::OpenSource ? open_path(state, open_path_buffer_) : load_trace(state, open_path_buffer_))) {
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void Workbench::draw(ViewerState& state) {
  shortcuts(state);
  menu_bar(state);
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float top = ImGui::GetFrameHeight();  // the main menu bar
  const float w = display.x, h = display.y - top;
  const ImGuiCond cond = layout_cond_always_ ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
  for (PanelEntry& e : panels_) {
    const float x0 = std::round(e.x * w), y0 = std::round(top + e.y * h);
    const float x1 = std::round((e.x + e.w) * w), y1 = std::round(top + (e.y + e.h) * h);
    ImGui::SetNextWindowPos(ImVec2(x0, y0), cond);
    ImGui::SetNextWindowSize(ImVec2(x1 - x0, y1 - y0), cond);
    e.panel->draw(state, ImGuiWindowFlags_NoCollapse);
  }
  layout_cond_always_ = false;
  open_dialog(state);
  exporter.dialog(state, status_);
}

const Panel* Workbench::find_panel(std::string_view name) const {
  const std::string want = normalize_panel_name(name);
  for (const PanelEntry& e : panels_) {
    if (e.panel->open && normalize_panel_name(e.panel->name()) == want) return e.panel.get();
  }
  return nullptr;
}

bool Workbench::draw_single(ViewerState& state, std::string_view panel_name) {
  const std::string want = normalize_panel_name(panel_name);
  for (PanelEntry& e : panels_) {
    if (normalize_panel_name(e.panel->name()) != want) continue;
    ImGui::SetNextWindowPos(ImVec2(0, 0), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize, ImGuiCond_Always);
    e.panel->open = true;
    e.panel->draw(state, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize);
    return true;
  }
  return false;
}

}  // namespace tt::viewer
