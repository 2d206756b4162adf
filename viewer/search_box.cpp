// search_box(): one InputText over the shared query, with a match count.
#include "viewer/search_box.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

namespace tt::viewer {

bool search_box(ViewerState& state, const char* id, size_t match_count) {
  ImGui::PushID(id);
  bool next = false;
  if (state.ui.focus_search && ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows)) {
    ImGui::SetKeyboardFocusHere();
    state.ui.focus_search = false;
  }
  ImGui::SetNextItemWidth(std::min(220.0f, ImGui::GetContentRegionAvail().x * 0.5f));
  std::string before = state.ui.search;
  if (ImGui::InputTextWithHint("##find", "Find (Ctrl+F)", &state.ui.search, ImGuiInputTextFlags_EnterReturnsTrue)) next = true;
  if (state.ui.search != before) ++state.ui.search_version;
  if (!state.ui.search.empty()) {
    ImGui::SameLine();
    if (ImGui::SmallButton("Next")) next = true;
    ImGui::SameLine();
    ImGui::TextDisabled("%zu lines", match_count);
  }
  if (next) ++state.ui.search_version;
  ImGui::PopID();
  return next;
}

int next_hit(const std::vector<size_t>& hits, int after) {
  if (hits.empty()) return -1;
  if (after < 0) return static_cast<int>(hits.front());
  auto it = std::upper_bound(hits.begin(), hits.end(), static_cast<size_t>(after));
  return static_cast<int>(it == hits.end() ? hits.front() : *it);
}

}  // namespace tt::viewer
