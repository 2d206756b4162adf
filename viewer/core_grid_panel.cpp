// CoreGridPanel: summary line, the grid widget, and a legend.
#include "viewer/core_grid_panel.h"

#include "viewer/core_grid_widget.h"
#include "viewer/theme.h"

namespace tt::viewer {

void CoreGridPanel::draw_content(ViewerState& state) {
  const CompileResult* r = state.shown();
  if (!r || !r->device) {
    empty_state("no device: the compile did not load a device model");
    return;
  }
  const KernelResult* kernel = state.kernel();
  if (gen_ != state.generation() || kernel_ != state.selection.kernel) {
    gen_ = state.generation();
    kernel_ = state.selection.kernel;
    partition_ = kernel ? ir::get_work_partition(kernel->module) : std::nullopt;
    args_ = kernel ? ir::get_runtime_args(kernel->module) : std::nullopt;
    cbs_ = kernel ? ir::all_circular_buffers(kernel->module) : std::vector<ir::CircularBuffer>{};
    load_ = partition_ ? summarize_load(*partition_) : GridLoad{};
  }
  const DeviceModel& d = *r->device;
  stale_banner(state);
  ImGui::Text("%s: %lld x %lld workers", d.display_name.c_str(), static_cast<long long>(d.grid_x),
              static_cast<long long>(d.grid_y));
  if (!kernel) {
    ImGui::TextDisabled("no kernels");
  } else if (!partition_) {
    ImGui::TextDisabled("no work partition yet (layout_aware_work_partition_tt has not run)");
  } else {
    ImGui::Text("%s partition: %lld blocks on %lld cores (%lld idle), %lld-%lld blocks per core",
                partition_->mode.c_str(), static_cast<long long>(load_.total), static_cast<long long>(load_.busy),
                static_cast<long long>(load_.idle), static_cast<long long>(load_.min_count),
                static_cast<long long>(load_.max_count));
  }

  if (const KernelResult* good = state.good_kernel_beside_failure()) {
    // The failed compile is drawn; the last good partition is the yardstick beside it.
    if (std::optional<ir::WorkPartition> before = ir::get_work_partition(good->module)) {
      const GridLoad l = summarize_load(*before);
      ImGui::TextDisabled("last good compile: %lld blocks on %lld cores, %lld-%lld per core",
                          static_cast<long long>(l.total), static_cast<long long>(l.busy),
                          static_cast<long long>(l.min_count), static_cast<long long>(l.max_count));
    }
  }

  CoreGridView view;
  view.grid_x = d.grid_x;
  view.grid_y = d.grid_y;
  view.load = partition_ ? &load_ : nullptr;
  view.args = args_ ? &*args_ : nullptr;
  view.partition = partition_ ? &*partition_ : nullptr;
  view.cbs = &cbs_;
  view.kernel = kernel;
  view.greyed = state.stale();
  ImVec2 avail = ImGui::GetContentRegionAvail();
  const float legend_h = ImGui::GetFrameHeightWithSpacing();
  std::optional<CoreXY> sel = state.selection.core;
  if (core_grid_widget("##grid", view, sel, ImVec2(avail.x, avail.y - legend_h))) {
    state.selection.select_core(sel, SelectionOrigin::CoreGrid);
  }

  // Legend: idle, least and most loaded.
  auto swatch = [](Rgba c, const char* text) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    float s = ImGui::GetFontSize();
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + s, p.y + s),
                                              ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a)), 2);
    ImGui::Dummy(ImVec2(s, s));
    ImGui::SameLine();
    ImGui::TextUnformatted(text);
    ImGui::SameLine(0, 16);
  };
  swatch(core_color(0, load_.min_count, load_.max_count), "idle");
  if (load_.max_count > 0) {
    std::string lo = std::to_string(load_.min_count) + " block" + (load_.min_count == 1 ? "" : "s");
    std::string hi = std::to_string(load_.max_count) + " blocks";
    swatch(core_color(load_.min_count, load_.min_count, load_.max_count), lo.c_str());
    if (load_.max_count != load_.min_count)
      swatch(core_color(load_.max_count, load_.min_count, load_.max_count), hi.c_str());
  }
  if (state.selection.core) {
    ImGui::Text("selected (%lld, %lld)", static_cast<long long>(state.selection.core->x),
                static_cast<long long>(state.selection.core->y));
    // Its work in the kernel author's terms; its CBs are in L1, its entries marked in tt.plan.json.
    const CoreLoad* load = load_.find(*state.selection.core);
    if (partition_ && load && load->count > 0) {
      const std::vector<BlockRegion> blocks = blocks_of_core(*partition_, load->start, 1, 32, 32, state.kernel());
      ImGui::SameLine();
      ImGui::TextDisabled("%s%s%s", load->count > 1 ? "first of its blocks " : "",
                          blocks.empty() ? "" : describe_block(blocks.front()).c_str(),
                          load->count > 1 ? " (hover for all)" : "");
    }
  } else {
    ImGui::TextDisabled("click a core to select it");
  }
}

}  // namespace tt::viewer
