// l1_bar_widget(): one ImDrawList bar per call.
#include "viewer/l1_bar_widget.h"

#include <algorithm>

#include "viewer/theme.h"

namespace tt::viewer {

bool l1_bar_widget(const char* id, const L1Breakdown& l1, int& selected_cb, ImVec2 size, bool zoom_to_cbs, bool greyed) {
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  const bool hovered = ImGui::IsItemHovered();
  const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float alpha = greyed ? 0.45f : 1.0f;
  const int64_t lo = zoom_to_cbs ? l1.reserved_bytes : 0;
  const int64_t hi = zoom_to_cbs ? std::max(l1.used_bytes, lo + 1) : std::max(l1.l1_bytes, l1.used_bytes);
  const double scale = static_cast<double>(size.x) / static_cast<double>(std::max<int64_t>(hi - lo, 1));
  auto x_of = [&](int64_t bytes) { return p0.x + static_cast<float>(static_cast<double>(bytes - lo) * scale); };

  dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), with_alpha(IM_COL32(40, 43, 48, 255), alpha));
  const L1Segment* hover = nullptr;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  for (const L1Segment& s : l1.segments) {
    if (zoom_to_cbs && s.cb_index < 0) continue;
    float x0 = x_of(s.offset), x1 = std::max(x_of(s.offset + s.bytes), x0 + 1.0f);
    ImU32 fill = s.overflows ? colors::kOverflow : cb_color(s.cb_index);
    dl->AddRectFilled(ImVec2(x0, p0.y), ImVec2(x1, p0.y + size.y), with_alpha(fill, alpha));
    dl->AddLine(ImVec2(x1, p0.y), ImVec2(x1, p0.y + size.y), IM_COL32(20, 22, 26, 255));
    if (s.cb_index >= 0 && s.cb_index == selected_cb) {
      dl->AddRect(ImVec2(x0, p0.y), ImVec2(x1, p0.y + size.y), IM_COL32(255, 255, 255, 255), 0, 0, 2.5f);
    }
    ImVec2 ts = ImGui::CalcTextSize(s.label.c_str());
    if (x1 - x0 > ts.x + 8) {
      dl->AddText(ImVec2(x0 + (x1 - x0 - ts.x) * 0.5f, p0.y + (size.y - ts.y) * 0.5f),
                  with_alpha(IM_COL32(18, 20, 24, 255), alpha), s.label.c_str());
    }
    if (hovered && mouse.x >= x0 && mouse.x < x1) hover = &s;
  }
  if (!zoom_to_cbs || l1.overflow) {
    // The L1 limit: where the budget ends.
    float xl = x_of(l1.l1_bytes);
    if (xl <= p0.x + size.x + 0.5f) {
      dl->AddLine(ImVec2(xl - 1, p0.y - 3), ImVec2(xl - 1, p0.y + size.y + 3), with_alpha(colors::kError, alpha), 2.0f);
    }
  }
  dl->AddRect(p0, ImVec2(p0.x + size.x, p0.y + size.y), IM_COL32(90, 95, 105, 255));
  if (hover) {
    ImGui::BeginTooltip();
    ImGui::Text("%s%s", hover->cb_index >= 0 ? ("c_" + std::to_string(hover->cb_index) + "  ").c_str() : "",
                hover->label.c_str());
    ImGui::Text("%s (%lld B), %.2f%% of L1", format_bytes(hover->bytes).c_str(), static_cast<long long>(hover->bytes),
                hover->percent);
    ImGui::Text("offset %s", format_bytes(hover->offset).c_str());
    if (hover->overflows) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kError), "past the end of L1");
    ImGui::EndTooltip();
  }
  if (clicked && hover && hover->cb_index >= 0 && hover->cb_index != selected_cb) {
    selected_cb = hover->cb_index;
    return true;
  }
  return false;
}

}  // namespace tt::viewer
