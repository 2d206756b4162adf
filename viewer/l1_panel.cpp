// L1Panel: header, the two bars (to scale and zoomed on the CBs), the CB table, the timeline note.
#include "viewer/l1_panel.h"

#include <algorithm>

#include "viewer/cb_timeline_widget.h"
#include "viewer/core_grid_layout.h"
#include "viewer/l1_bar_widget.h"
#include "viewer/theme.h"

namespace tt::viewer {

void L1Panel::draw_content(ViewerState& state) {
  const CompileResult* r = state.shown();
  const KernelResult* kernel = state.kernel();
  if (!r || !r->device) {
    empty_state("no device: the compile did not load a device model");
    return;
  }
  if (!kernel) {
    empty_state("no kernels");
    return;
  }
  if (gen_ != state.generation() || kernel_ != state.selection.kernel) {
    gen_ = state.generation();
    kernel_ = state.selection.kernel;
    cbs_ = ir::all_circular_buffers(kernel->module);
    l1_ = compute_l1_breakdown(*r->device, cbs_);
  }
  stale_banner(state);
  const bool greyed = state.stale();
  // The host program creates the CBs only on cores with work: an idle core holds none.
  const bool idle = state.selection.core && core_is_idle(*kernel, *state.selection.core);
  const L1Breakdown& l1 = idle ? idle_l1_ : l1_;
  if (idle_gen_ != gen_) {
    idle_gen_ = gen_;
    idle_l1_ = compute_l1_breakdown(*r->device, {});
  }
  const double used_pct =
      l1.l1_bytes ? 100.0 * static_cast<double>(l1.used_bytes) / static_cast<double>(l1.l1_bytes) : 0.0;
  std::string who = state.selection.core ? "Core (" + std::to_string(state.selection.core->x) + ", " +
                                               std::to_string(state.selection.core->y) + ")"
                                         : std::string("All cores");
  ImVec4 status = ImGui::ColorConvertU32ToFloat4(l1.overflow ? colors::kError : colors::kText);
  ImGui::TextColored(status, "%s: %s of %s L1 used (%.1f%%)%s", who.c_str(), format_bytes(l1.used_bytes).c_str(),
                     format_bytes(l1.l1_bytes).c_str(), used_pct, l1.overflow ? ", OVER BUDGET" : "");
  if (idle) {
    ImGui::TextDisabled("idle core: no work, so the host program creates no CBs on it (reserved %s only)",
                        format_bytes(l1.reserved_bytes).c_str());
  } else {
    ImGui::TextDisabled("reserved %s + CBs %s, %s %s; every core with work allocates the same CBs",
                        format_bytes(l1.reserved_bytes).c_str(), format_bytes(l1.cb_bytes).c_str(),
                        format_bytes(l1.free_bytes < 0 ? -l1.free_bytes : l1.free_bytes).c_str(),
                        l1.overflow ? "over" : "free");
  }
  if (const KernelResult* good = state.good_kernel_beside_failure(); good && state.good_beside_failure()->device) {
    // The failed compile is what is drawn; the last good one is the yardstick beside it.
    const L1Breakdown before =
        compute_l1_breakdown(*state.good_beside_failure()->device, ir::all_circular_buffers(good->module));
    ImGui::TextDisabled(
        "last good compile: %s of %s (%.1f%%)", format_bytes(before.used_bytes).c_str(),
        format_bytes(before.l1_bytes).c_str(),
        before.l1_bytes ? 100.0 * static_cast<double>(before.used_bytes) / static_cast<double>(before.l1_bytes) : 0.0);
  }
  if (cbs_.empty()) ImGui::TextDisabled("no circular buffers yet (propagate_tt_layout has not run)");
  const float w = ImGui::GetContentRegionAvail().x;
  int sel = state.selection.cb;
  // Two bars: all of L1 to scale (with the limit), then the CB region stretched to the width.
  if (l1_bar_widget("##l1", l1, sel, ImVec2(w, 18), false, greyed)) state.selection.select_cb(sel, SelectionOrigin::L1);
  if (ImGui::IsItemHovered() && sel < 0) ImGui::SetTooltip("L1 to scale; the red mark is the end of L1");
  if (!idle && !cbs_.empty() && l1_bar_widget("##cbs", l1, sel, ImVec2(w, 18), true, greyed)) {
    state.selection.select_cb(sel, SelectionOrigin::L1);
  }

  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit |
                                ImGuiTableFlags_NoSavedSettings;
  const EmuTrace* trace = state.trace();
  const CoreXY core = state.selection.core.value_or(CoreXY{0, 0});
  std::vector<const CbTimeline*> lanes = trace ? trace->for_core(core) : std::vector<const CbTimeline*>{};
  auto lane_of = [&](int index) -> const CbTimeline* {
    for (const CbTimeline* l : lanes) {
      if (l->index == index) return l;
    }
    return nullptr;
  };
  const int columns = lanes.empty() ? 7 : 8;
  if (!idle && !cbs_.empty() && ImGui::BeginTable("cbs", columns, flags)) {
    ImGui::TableSetupColumn("CB");
    ImGui::TableSetupColumn("Buffer");
    ImGui::TableSetupColumn("Format");
    ImGui::TableSetupColumn("Pages");
    ImGui::TableSetupColumn("Bytes");
    ImGui::TableSetupColumn("% L1");
    ImGui::TableSetupColumn("Flow", ImGuiTableColumnFlags_WidthStretch);
    if (!lanes.empty()) ImGui::TableSetupColumn("At t");
    ImGui::TableHeadersRow();
    for (const ir::CircularBuffer& cb : cbs_) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImVec2 p = ImGui::GetCursorScreenPos();
      float s = ImGui::GetFontSize() * 0.8f;
      ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + 2), ImVec2(p.x + s, p.y + 2 + s), cb_color(cb.index));
      ImGui::Dummy(ImVec2(s, s));
      ImGui::SameLine();
      std::string label = "c_" + std::to_string(cb.index);
      if (ImGui::Selectable(label.c_str(), cb.index == state.selection.cb, ImGuiSelectableFlags_SpanAllColumns)) {
        state.selection.select_cb(cb.index, SelectionOrigin::L1);
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(cb.name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(cb.data_format.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%lld x %lld x %lld B", static_cast<long long>(cb.tiles_per_stage), static_cast<long long>(cb.depth),
                  static_cast<long long>(cb.page_size));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_bytes(cb.bytes).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.2f", l1.l1_bytes ? 100.0 * static_cast<double>(cb.bytes) / static_cast<double>(l1.l1_bytes) : 0.0);
      ImGui::TableNextColumn();
      ImGui::Text("%s -> %s", cb.producer.c_str(), cb.consumer.c_str());
      if (!lanes.empty()) {
        ImGui::TableNextColumn();
        if (const CbTimeline* l = lane_of(cb.index)) {
          CbSample now = l->at(state.selection.time);
          ImGui::Text("%u+%u / %u", now.filled, now.reserved, l->num_pages);
        } else {
          ImGui::TextDisabled("-");
        }
      }
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  if (!trace) {
    ImGui::TextDisabled("CB occupancy timeline: no emulation trace (Compile > Run emulation, or File > Load trace)");
    return;
  }
  if (lanes.empty()) {
    ImGui::TextDisabled("the trace has no CBs on core (%lld, %lld): idle in the emulated run",
                        static_cast<long long>(core.x), static_cast<long long>(core.y));
    return;
  }
  ImGui::Text("CB occupancy on core (%lld, %lld), t = %llu of %llu events", static_cast<long long>(core.x),
              static_cast<long long>(core.y), static_cast<unsigned long long>(state.selection.time),
              static_cast<unsigned long long>(trace->end_time));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("drag on the timeline to move the cursor");
  ImVec2 avail = ImGui::GetContentRegionAvail();
  float h = std::max(avail.y, 18.0f * static_cast<float>(lanes.size()));
  if (cb_timeline_widget("##timeline", lanes, trace->end_time, state.selection.time, ImVec2(avail.x, h), greyed)) {
    state.selection.touch(SelectionOrigin::L1);
  }
}

}  // namespace tt::viewer
