// cb_timeline_widget(): lanes drawn from per-column envelopes (millions of events stay cheap).
#include "viewer/cb_timeline_widget.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "viewer/theme.h"

namespace tt::viewer {

Envelope envelope(const CbTimeline& lane, uint64_t end_time, size_t columns) {
  Envelope e;
  e.filled.assign(columns, 0);
  e.reserved.assign(columns, 0);
  if (columns == 0 || end_time == 0) return e;
  auto col_of = [&](uint64_t t) {
    return std::min<size_t>(columns - 1, static_cast<size_t>(static_cast<double>(t) / static_cast<double>(end_time) * columns));
  };
  // A value holds from its sample until the next one: fill every column it spans.
  CbSample cur{0, 0, 0};
  size_t col = 0;
  for (const CbSample& s : lane.samples) {
    size_t c = col_of(s.t);
    for (size_t k = col; k <= c; ++k) {
      e.filled[k] = std::max(e.filled[k], cur.filled);
      e.reserved[k] = std::max(e.reserved[k], cur.reserved);
    }
    cur = s;
    col = c;
  }
  for (size_t k = col; k < columns; ++k) {
    e.filled[k] = std::max(e.filled[k], cur.filled);
    e.reserved[k] = std::max(e.reserved[k], cur.reserved);
  }
  return e;
}

bool cb_timeline_widget(const char* id, const std::vector<const CbTimeline*>& lanes, uint64_t end_time, uint64_t& cursor,
                        ImVec2 size, bool greyed) {
  if (lanes.empty() || size.x < 40 || size.y < 20) return false;
  const float alpha = greyed ? 0.45f : 1.0f;
  const float label_w = 120.0f;
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  bool changed = false;
  const float plot_x = p0.x + label_w, plot_w = size.x - label_w;
  if (ImGui::IsItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left) && end_time > 0) {
    float fx = std::clamp((ImGui::GetIO().MousePos.x - plot_x) / plot_w, 0.0f, 1.0f);
    uint64_t t = static_cast<uint64_t>(fx * static_cast<float>(end_time - 1) + 0.5f);
    changed = t != cursor;
    cursor = t;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float lane_h = std::floor(size.y / static_cast<float>(lanes.size()));
  const auto columns = static_cast<size_t>(std::max(1.0f, plot_w));
  char buf[96];
  for (size_t i = 0; i < lanes.size(); ++i) {
    const CbTimeline& lane = *lanes[i];
    const float y0 = p0.y + lane_h * static_cast<float>(i), y1 = y0 + lane_h - 3;
    std::snprintf(buf, sizeof buf, "c_%d %s", lane.index, lane.name.c_str());
    dl->AddText(ImVec2(p0.x, y0 + (lane_h - ImGui::GetFontSize()) * 0.5f), with_alpha(colors::kText, alpha), buf);
    dl->AddRectFilled(ImVec2(plot_x, y0), ImVec2(plot_x + plot_w, y1), with_alpha(IM_COL32(34, 37, 42, 255), alpha));
    Envelope e = envelope(lane, end_time, columns);
    const float scale = lane.num_pages ? (y1 - y0) / static_cast<float>(lane.num_pages) : 0.0f;
    const ImU32 fill = with_alpha(cb_color(lane.index), alpha), resv = with_alpha(cb_color(lane.index), alpha * 0.35f);
    for (size_t c = 0; c < columns; ++c) {
      float x = plot_x + static_cast<float>(c);
      if (e.reserved[c]) dl->AddRectFilled(ImVec2(x, y1 - scale * static_cast<float>(e.reserved[c] + e.filled[c])), ImVec2(x + 1, y1), resv);
      if (e.filled[c]) dl->AddRectFilled(ImVec2(x, y1 - scale * static_cast<float>(e.filled[c])), ImVec2(x + 1, y1), fill);
    }
  }
  if (end_time > 0) {
    float cx = plot_x + plot_w * static_cast<float>(cursor) / static_cast<float>(std::max<uint64_t>(end_time - 1, 1));
    dl->AddLine(ImVec2(cx, p0.y), ImVec2(cx, p0.y + size.y), IM_COL32(255, 255, 255, 200), 1.5f);
  }
  return changed;
}

}  // namespace tt::viewer
