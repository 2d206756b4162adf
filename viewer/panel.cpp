// Panel::draw and the small shared helpers for empty states and the stale-result banner.
#include "viewer/panel.h"

#include <algorithm>

#include "viewer/theme.h"

namespace tt::viewer {

void Panel::draw(ViewerState& state, ImGuiWindowFlags flags) {
  if (!open) return;
  if (ImGui::Begin(name(), &open, flags)) draw_content(state);
  window_pos = ImGui::GetWindowPos();
  window_size = ImGui::GetWindowSize();
  ImGui::End();
}

bool Panel::selection_changed_elsewhere(const ViewerState& state, SelectionOrigin self) {
  if (state.selection.version == seen_selection_) return false;
  seen_selection_ = state.selection.version;
  return state.selection.origin != self;
}

void empty_state(const char* text) {
  ImVec2 avail = ImGui::GetContentRegionAvail();
  ImVec2 size = ImGui::CalcTextSize(text);
  ImVec2 cur = ImGui::GetCursorPos();
  ImGui::SetCursorPos(
      ImVec2(cur.x + std::max(0.0f, (avail.x - size.x) * 0.5f), cur.y + std::max(0.0f, avail.y * 0.4f)));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colors::kDim));
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
}

std::string failure_banner_text(const ViewerState& state) {
  if (state.stale()) return "Compile failed before any kernel was built: showing the last good result (greyed)";
  const CompileResult* r = state.current();
  if (!r || r->ok()) return "";
  const KernelResult* k = state.kernel();
  std::string text = "Compile failed";
  if (k) {
    for (const PassRecord& p : k->trace.passes) {
      if (!p.succeeded) text += " in pass " + p.name;
    }
    if (k->ok) text += " (in another kernel)";
  }
  text += ": showing what failed";
  if (state.good_beside_failure()) text += ", the last good result beside it";
  return text;
}

void stale_banner(const ViewerState& state) {
  const std::string text = failure_banner_text(state);
  if (text.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text,
                        ImGui::ColorConvertU32ToFloat4(state.stale() ? colors::kWarning : colors::kError));
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

}  // namespace tt::viewer
