// core_grid_widget(): ImDrawList drawing over an invisible button, geometry from core_grid_layout.
#include "viewer/core_grid_widget.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "compiler/ir/tt_metadata.h"
#include "viewer/l1_breakdown.h"
#include "viewer/theme.h"

namespace tt::viewer {

namespace {

ImU32 to_u32(Rgba c, float alpha) { return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a * alpha)); }

std::string format_args(const std::vector<std::string>& names, const std::vector<ir::RuntimeArgValue>& values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (!out.empty()) out += ", ";
    out += (i < names.size() ? names[i] : "arg" + std::to_string(i)) + "=";
    const std::string translated = ir::host_translated_text(values[i]);
    out += !translated.empty()                ? translated
           : values[i].buffer_address.empty() ? std::to_string(values[i].value)
                                              : "&" + values[i].buffer_address;
  }
  return out.empty() ? "(none)" : out;
}

void tooltip(const CoreGridView& view, CoreXY c) {
  ImGui::BeginTooltip();
  ImGui::Text("core (%lld, %lld)", static_cast<long long>(c.x), static_cast<long long>(c.y));
  const CoreLoad* load = view.load ? view.load->find(c) : nullptr;
  const bool busy = load && load->count > 0;
  if (!load)
    ImGui::TextDisabled("no work assigned");
  else if (!busy)
    ImGui::TextDisabled("idle (0 blocks): no kernels run and no CBs are created here");
  else
    ImGui::Text("%lld block%s (linear ids [%lld, %lld)):", static_cast<long long>(load->count),
                load->count == 1 ? "" : "s", static_cast<long long>(load->start),
                static_cast<long long>(load->start + load->count));
  if (busy && view.partition) {
    // Which (bx, by) and which part of the output: what a kernel author reasons in.
    const size_t shown = std::min<size_t>(static_cast<size_t>(load->count), 8);
    const std::vector<BlockRegion> blocks =
        blocks_of_core(*view.partition, load->start, static_cast<int64_t>(shown), 32, 32, view.kernel);
    for (const BlockRegion& b : blocks) ImGui::Text("  %s", describe_block(b).c_str());
    const size_t total = static_cast<size_t>(load->count);
    if (total > shown) ImGui::TextDisabled("  ... %zu more", total - shown);
  }
  if (view.args) {
    for (const ir::RuntimeArgs::PerCore& pc : view.args->cores) {
      if (pc.x != c.x || pc.y != c.y) continue;
      ImGui::Separator();
      ImGui::Text("reader:  %s", format_args(view.args->reader, pc.reader).c_str());
      ImGui::Text("compute: %s", format_args(view.args->compute, pc.compute).c_str());
      ImGui::Text("writer:  %s", format_args(view.args->writer, pc.writer).c_str());
    }
  }
  if (busy && view.cbs && !view.cbs->empty()) {
    ImGui::Separator();
    for (const ir::CircularBuffer& cb : *view.cbs) {
      ImGui::Text("c_%d  %-10s %lld x %lld B = %s", cb.index, cb.name.c_str(), static_cast<long long>(cb.num_pages),
                  static_cast<long long>(cb.page_size), format_bytes(cb.bytes).c_str());
    }
  }
  ImGui::EndTooltip();
}

}  // namespace

bool core_grid_widget(const char* id, const CoreGridView& view, std::optional<CoreXY>& selected, ImVec2 size) {
  if (view.grid_x <= 0 || view.grid_y <= 0 || size.x < 20 || size.y < 20) return false;
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  const bool hovered = ImGui::IsItemHovered();
  const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float alpha = view.greyed ? 0.45f : 1.0f;
  const float label = ImGui::GetFontSize() + 4;  // axis labels: x above, y on the left
  GridLayout layout =
      layout_core_grid(view.grid_x, view.grid_y, {p0.x + label, p0.y + label, size.x - label, size.y - label});

  char buf[32];
  const ImU32 dim = with_alpha(colors::kDim, alpha);
  for (int64_t x = 0; x < view.grid_x; ++x) {
    Rect r = layout.core_rect(x, 0);
    int n = std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(x));
    float w = ImGui::CalcTextSize(buf, buf + n).x;
    dl->AddText(ImVec2(r.x + (r.w - w) * 0.5f, layout.origin_y - label + 1), dim, buf, buf + n);
  }
  for (int64_t y = 0; y < view.grid_y; ++y) {
    Rect r = layout.core_rect(0, y);
    int n = std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(y));
    float w = ImGui::CalcTextSize(buf, buf + n).x;
    dl->AddText(ImVec2(layout.origin_x - w - 5, r.y + (r.h - ImGui::GetFontSize()) * 0.5f), dim, buf, buf + n);
  }

  std::optional<CoreXY> hover;
  if (hovered) {
    ImVec2 m = ImGui::GetIO().MousePos;
    hover = hit_test(layout, m.x, m.y);
  }
  const int64_t max_count = view.load ? view.load->max_count : 0;
  const int64_t min_count = view.load ? view.load->min_count : 0;
  for (int64_t y = 0; y < view.grid_y; ++y) {
    for (int64_t x = 0; x < view.grid_x; ++x) {
      Rect r = layout.core_rect(x, y);
      ImVec2 a(r.x, r.y), b(r.x + r.w, r.y + r.h);
      const CoreLoad* load = view.load ? view.load->find({x, y}) : nullptr;
      const int64_t count = load ? load->count : 0;
      if (!view.load) {
        // No partition yet: the grid's shape only, no claim about work.
        dl->AddRect(a, b, with_alpha(colors::kDim, alpha), 2.0f);
      } else if (count == 0) {
        dl->AddRectFilled(a, b, to_u32(core_color(0, min_count, max_count), alpha), 2.0f);
        // Idle: hatched, so it reads as "unused", not just "dark".
        dl->PushClipRect(a, b, true);
        for (float t = -r.h; t < r.w; t += 7.0f) {
          dl->AddLine(ImVec2(a.x + t, b.y), ImVec2(a.x + t + r.h, a.y), with_alpha(IM_COL32(255, 255, 255, 28), alpha));
        }
        dl->PopClipRect();
      } else {
        dl->AddRectFilled(a, b, to_u32(core_color(count, min_count, max_count), alpha), 2.0f);
        if (r.w >= 18) {
          int n = std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(count));
          ImVec2 ts = ImGui::CalcTextSize(buf, buf + n);
          dl->AddText(ImVec2(a.x + (r.w - ts.x) * 0.5f, a.y + (r.h - ts.y) * 0.5f),
                      with_alpha(IM_COL32(20, 22, 26, 255), alpha), buf, buf + n);
        }
      }
      if (hover && *hover == CoreXY{x, y}) dl->AddRect(a, b, IM_COL32(255, 255, 255, 150), 2.0f, 0, 1.5f);
      if (selected && *selected == CoreXY{x, y}) dl->AddRect(a, b, IM_COL32(255, 255, 255, 255), 2.0f, 0, 3.0f);
    }
  }
  if (hover) tooltip(view, *hover);
  if (clicked && hover != selected) {
    selected = hover;
    return true;
  }
  return false;
}

}  // namespace tt::viewer
