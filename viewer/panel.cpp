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
  ImGui::SetCursorPos(ImVec2(cur.x + std::max(0.0f, (avail.x - size.x) * 0.5f), cur.y + std::max(0.0f, avail.y * 0.4f)));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colors::kDim));
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
}

void stale_banner(const ViewerState& state) {
  if (!state.stale()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colors::kWarning));
  ImGui::TextUnformatted("Compile failed: showing the last good result (greyed)");
  ImGui::PopStyleColor();
}

}  // namespace tt::viewer
