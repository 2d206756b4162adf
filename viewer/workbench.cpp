// Workbench: menus, shortcuts, the Open and Export dialogs and the default layout.
#include "viewer/workbench.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <optional>

#include "viewer/diagnostics_panel.h"
#include "viewer/theme.h"

namespace tt::viewer {

Workbench::Workbench() : panels_(make_panels()) { reset_layout(); }

void Workbench::reset_layout() {
  places_.clear();
  for (const PanelEntry& e : panels_) {
    e.panel->open = e.open;
    places_.push_back({e.panel->name(), e.x, e.y, e.w, e.h, e.open});
  }
  place_all_ = true;
}

std::vector<PanelPlace> Workbench::layout() const {
  std::vector<PanelPlace> out = places_;
  for (size_t i = 0; i < out.size(); ++i) out[i].open = panels_[i].panel->open;
  return out;
}

bool Workbench::load_layout_file(const std::string& path) {
  if (!load_layout(path, places_)) return false;
  for (size_t i = 0; i < places_.size(); ++i) panels_[i].panel->open = places_[i].open;
  place_all_ = true;
  return true;
}

bool Workbench::save_layout_file(const std::string& path, std::string* error) const {
  return save_layout(path, layout(), error);
}

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
  if (!state.set_trace(std::make_shared<const EmuTrace>(std::move(*trace)), &error)) {
    status_ = error;
    return false;
  }
  status_.clear();
  return true;
}

bool Workbench::save(ViewerState& state) {
  std::string error;
  const bool ok = state.save(&error);
  status_ = ok ? "saved " + state.path() : error;
  return ok;
}

void Workbench::request_open(ViewerState& state, const std::string& path) {
  pending_ = {PendingKind::Open, path};
  if (!state.dirty()) run_pending(state);
}

void Workbench::request_close(ViewerState& state) {
  pending_ = {PendingKind::Close};
  if (!state.dirty()) run_pending(state);
}

void Workbench::request_quit(ViewerState& state) {
  pending_ = {PendingKind::Quit};
  if (!state.dirty()) run_pending(state);
}

void Workbench::run_pending(ViewerState& state) {
  Pending p = std::move(pending_);
  pending_ = {};
  switch (p.kind) {
    case PendingKind::Open:
      open_path(state, p.path);
      break;
    case PendingKind::Close:
      state.close_file();
      break;
    case PendingKind::Quit:
      if (on_quit) on_quit();
      break;
    case PendingKind::None:
      break;
  }
}

void Workbench::answer_unsaved(ViewerState& state, UnsavedChoice choice) {
  if (pending_.kind == PendingKind::None) return;
  switch (choice) {
    case UnsavedChoice::Cancel:
      pending_ = {};
      return;
    case UnsavedChoice::Save: {
      std::string error;
      if (!state.save(&error)) {
        pending_.error = error;  // the edits stay; the prompt stays up with the reason
        return;
      }
      break;
    }
    case UnsavedChoice::Discard:
      break;  // open_file()/close_file() drop the edits and their autosave
  }
  if (pending_.kind == PendingKind::Quit) state.discard_unsaved();
  run_pending(state);
}

void Workbench::unsaved_prompt(ViewerState& state) {
  if (pending_.kind == PendingKind::None) return;
  if (!pending_.popup_opened) {
    ImGui::OpenPopup("Unsaved changes");
    pending_.popup_opened = true;
  }
  ImVec2 center(ImGui::GetIO().DisplaySize.x * 0.5f, ImGui::GetIO().DisplaySize.y * 0.4f);
  ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal("Unsaved changes", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  const std::string file = std::filesystem::path(state.path()).filename().string();
  const char* what = pending_.kind == PendingKind::Quit    ? "quitting"
                     : pending_.kind == PendingKind::Close ? "closing it"
                                                           : "opening another file";
  ImGui::Text("%s has unsaved edits. Save them before %s?", file.c_str(), what);
  if (!pending_.error.empty())
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kError), "%s", pending_.error.c_str());
  std::optional<UnsavedChoice> choice;
  if (ImGui::Button("Save", ImVec2(100, 0))) choice = UnsavedChoice::Save;
  ImGui::SameLine();
  if (ImGui::Button("Discard", ImVec2(100, 0))) choice = UnsavedChoice::Discard;
  ImGui::SameLine();
  if (ImGui::Button("Cancel", ImVec2(100, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    choice = UnsavedChoice::Cancel;
  }
  if (choice) answer_unsaved(state, *choice);
  if (pending_.kind == PendingKind::None) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
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
      if (!chosen.empty()) request_open(state, chosen);
    }
    if (ImGui::MenuItem("Save", "Ctrl+S", false, !state.path().empty())) save(state);
    if (ImGui::MenuItem("Reload from disk", nullptr, false, !state.path().empty())) request_open(state, state.path());
    if (ImGui::MenuItem("Close", nullptr, false, !state.path().empty())) request_close(state);
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
      if (ImGui::MenuItem("Quit")) request_quit(state);
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    for (PanelEntry& e : panels_) ImGui::MenuItem(e.panel->name(), nullptr, &e.panel->open);
    ImGui::Separator();
    if (ImGui::MenuItem("Reset layout")) reset_layout();
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
  bool failed = false;
  if (!status_.empty()) {
    right = status_;
  } else if (state.current()) {
    std::string file = std::filesystem::path(state.path()).filename().string();
    right = file + (state.dirty() ? " *" : "") + "  |  " + outcome_summary(state, failed);
  }
  if (!right.empty()) {
    float w = ImGui::CalcTextSize(right.c_str()).x;
    ImGui::SameLine(ImGui::GetWindowWidth() - w - 12);
    ImU32 color = !status_.empty() ? colors::kWarning : failed ? colors::kError : colors::kDim;
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
  if (go && dialog_ == Dialog::OpenSource) {
    // An unreadable path keeps the dialog up with the reason; a readable one goes through the
    // unsaved-edits prompt like every other open.
    std::error_code ec;
    if (!std::filesystem::is_regular_file(open_path_buffer_, ec)) {
      status_ = "cannot read '" + open_path_buffer_ + "'";
    } else {
      request_open(state, open_path_buffer_);
      ImGui::CloseCurrentPopup();
    }
  } else if (go && load_trace(state, open_path_buffer_)) {
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void Workbench::draw(ViewerState& state) {
  shortcuts(state);
  menu_bar(state);
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float top = ImGui::GetFrameHeight();  // the main menu bar
  const float w = display.x, h = std::max(1.0f, display.y - top);
  // A new window size re-flows every panel; otherwise panels stay where the user put them.
  const bool place_all = place_all_ || w != placed_for_.x || h != placed_for_.y;
  // Only a drag or resize by the user moves a panel off its place (not ImGui's minimum-size clamp).
  const bool user_dragging = ImGui::IsMouseDown(ImGuiMouseButton_Left);
  for (size_t i = 0; i < panels_.size(); ++i) {
    PanelEntry& e = panels_[i];
    PanelPlace& p = places_[i];
    const float x0 = std::round(p.x * w), y0 = std::round(top + p.y * h);
    const float x1 = std::round((p.x + p.w) * w), y1 = std::round(top + (p.y + p.h) * h);
    if (place_all) {
      ImGui::SetNextWindowPos(ImVec2(x0, y0), ImGuiCond_Always);
      ImGui::SetNextWindowSize(ImVec2(x1 - x0, y1 - y0), ImGuiCond_Always);
    }
    e.panel->draw(state, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
    const ImVec2 pos = e.panel->window_pos, size = e.panel->window_size;
    const bool moved = std::abs(pos.x - x0) > 0.5f || std::abs(pos.y - y0) > 0.5f ||
                       std::abs(size.x - (x1 - x0)) > 0.5f || std::abs(size.y - (y1 - y0)) > 0.5f;
    if (!place_all && user_dragging && e.panel->open && moved) {
      p.x = std::clamp(pos.x / w, 0.0f, 0.98f);
      p.y = std::clamp((pos.y - top) / h, 0.0f, 0.98f);
      p.w = std::clamp(size.x / w, 0.02f, 1.0f - p.x);
      p.h = std::clamp(size.y / h, 0.02f, 1.0f - p.y);
    }
  }
  place_all_ = false;
  placed_for_ = ImVec2(w, h);
  open_dialog(state);
  exporter.dialog(state, status_);
  unsaved_prompt(state);
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
