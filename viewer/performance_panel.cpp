// PerformancePanel: headline, roofline, resource times, counts, utilisation grid, source lines.
#include "viewer/performance_panel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "viewer/l1_breakdown.h"
#include "viewer/theme.h"

namespace tt::viewer {

namespace {

struct LogAxis {
  double lo, hi;  // decades (log10) at the two ends
  float p0, p1;   // pixels at the two ends
  float at(double v) const {
    const double t = (std::log10(std::max(v, 1e-30)) - lo) / (hi - lo);
    return p0 + static_cast<float>(t) * (p1 - p0);
  }
};

std::string compact(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// Log-log roofline: DRAM roof (bandwidth x intensity) up to the ridge, then the compute roof.
void roofline(const perf::PerfEstimate& e) {
  const double bandwidth_tbps = e.ridge_intensity > 0 ? e.peak_tflops / e.ridge_intensity : 0;
  if (bandwidth_tbps <= 0 || e.peak_tflops <= 0) return;
  const double ai = std::max(e.arithmetic_intensity, 1e-3);
  const double x_lo = std::floor(std::log10(std::min(ai, e.ridge_intensity))) - 1;
  const double x_hi = std::ceil(std::log10(std::max(ai, e.ridge_intensity))) + 1;
  const double y_hi = std::ceil(std::log10(e.peak_tflops)) + 0.3;
  const double y_lo = std::min(std::floor(std::log10(std::pow(10.0, x_lo) * bandwidth_tbps)),
                               std::floor(std::log10(std::max(e.tflops, 1e-6))));

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float label_w = ImGui::CalcTextSize("10000").x + 6;
  const float height = std::clamp(ImGui::GetContentRegionAvail().y * 0.35f, 120.0f, 240.0f);
  const float width = std::max(ImGui::GetContentRegionAvail().x - label_w - 8, 120.0f);
  const float line_h = ImGui::GetTextLineHeight();
  const LogAxis xs{x_lo, x_hi, origin.x + label_w, origin.x + label_w + width};
  const LogAxis ys{y_lo, y_hi, origin.y + height, origin.y + 4};
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRect(ImVec2(xs.p0, ys.p1), ImVec2(xs.p1, ys.p0), colors::kReserved);
  for (double d = x_lo; d <= x_hi; ++d) {
    const float x = xs.at(std::pow(10.0, d));
    dl->AddLine(ImVec2(x, ys.p1), ImVec2(x, ys.p0), IM_COL32(255, 255, 255, 20));
    const std::string t = compact(std::pow(10.0, d));
    const float tw = ImGui::CalcTextSize(t.c_str()).x;
    dl->AddText(ImVec2(std::min(x - tw / 2, xs.p1 - tw), ys.p0 + 2), colors::kDim, t.c_str());
  }
  for (double d = y_lo; d <= std::floor(y_hi); ++d) {
    const float y = ys.at(std::pow(10.0, d));
    dl->AddLine(ImVec2(xs.p0, y), ImVec2(xs.p1, y), IM_COL32(255, 255, 255, 20));
    const std::string t = compact(std::pow(10.0, d));
    dl->AddText(ImVec2(xs.p0 - ImGui::CalcTextSize(t.c_str()).x - 4, y - line_h / 2), colors::kDim, t.c_str());
  }
  const double x_min = std::pow(10.0, x_lo), x_max = std::pow(10.0, x_hi);
  const ImVec2 ridge(xs.at(e.ridge_intensity), ys.at(e.peak_tflops));
  dl->PushClipRect(ImVec2(xs.p0, ys.p1), ImVec2(xs.p1, ys.p0), true);
  dl->AddLine(ImVec2(xs.at(x_min), ys.at(x_min * bandwidth_tbps)), ridge, colors::kWarning, 2.0f);
  dl->AddLine(ridge, ImVec2(xs.at(x_max), ridge.y), colors::kOk, 2.0f);
  const ImVec2 point(xs.at(ai), ys.at(std::max(e.tflops, 1e-6)));
  dl->AddCircleFilled(point, 5.0f, colors::kAccent);
  dl->PopClipRect();
  char text[96];
  std::snprintf(text, sizeof text, "DRAM roof %.3g TB/s", bandwidth_tbps);
  dl->AddText(ImVec2(xs.p0 + 6, ys.p1 + 4 + line_h), colors::kWarning, text);
  std::snprintf(text, sizeof text, "compute roof %.4g TFLOPS", e.peak_tflops);
  dl->AddText(ImVec2(xs.p0 + 6, ys.p1 + 4), colors::kOk, text);
  std::snprintf(text, sizeof text, "%.4g TFLOPS at %.3g flop/B", e.tflops, e.arithmetic_intensity);
  const float tw = ImGui::CalcTextSize(text).x;
  dl->AddText(ImVec2(std::min(point.x + 8, xs.p1 - tw), point.y + 4), colors::kAccent, text);
  ImGui::Dummy(ImVec2(label_w + width, height + line_h + 4));
  ImGui::TextDisabled("arithmetic intensity (flop per DRAM byte, log) vs attainable TFLOPS (log); ridge %.3g flop/B",
                      e.ridge_intensity);
}

void resource_rows(const perf::PerfEstimate& e) {
  if (!ImGui::BeginTable("resources", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn("resource");
  ImGui::TableSetupColumn("time (\xC2\xB5s)");
  ImGui::TableSetupColumn("of the bound");
  ImGui::TableHeadersRow();
  const std::pair<const char*, double> rows[] = {{"compute", e.compute_us}, {"dram", e.dram_us}, {"noc", e.noc_us}};
  for (const auto& [name, us] : rows) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (e.binding == name) {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kWarning), "%s (binding)", name);
    } else {
      ImGui::TextUnformatted(name);
    }
    ImGui::TableNextColumn();
    ImGui::Text("%.2f", us);
    ImGui::TableNextColumn();
    const float share = e.lower_bound_us > 0 ? static_cast<float>(us / e.lower_bound_us) : 0.0f;
    char pct[16];
    std::snprintf(pct, sizeof pct, "%.0f%%", 100.0 * share);
    ImGui::ProgressBar(share, ImVec2(-1, 0), pct);
  }
  ImGui::EndTable();
}

void count_rows(const perf::OpCounts& t) {
  ImGui::Text("DRAM read %s, written %s; NoC %lld page reads, %lld page writes",
              format_bytes(t.dram_read_bytes).c_str(), format_bytes(t.dram_write_bytes).c_str(),
              static_cast<long long>(t.noc_reads), static_cast<long long>(t.noc_writes));
  ImGui::Text("%lld tile matmuls, %lld unpacks, %lld packs; partials spilled %s, reloaded %s",
              static_cast<long long>(t.tile_matmuls), static_cast<long long>(t.unpack_tiles),
              static_cast<long long>(t.pack_tiles), format_bytes(t.spill_bytes).c_str(),
              format_bytes(t.reload_bytes).c_str());
  if (t.fpu_tile_ops || t.sfpu_tile_ops) {
    ImGui::Text("%lld element-wise FPU tile ops, %lld SFPU tile ops", static_cast<long long>(t.fpu_tile_ops),
                static_cast<long long>(t.sfpu_tile_ops));
  }
}

// One cell per worker core, shaded by matrix-engine utilisation; idle cores dimmed. Click: select.
void utilisation_grid(ViewerState& state, const perf::PerfEstimate& e) {
  int64_t gx = 0, gy = 0;
  for (const perf::CoreEstimate& c : e.cores) gx = std::max(gx, c.x + 1), gy = std::max(gy, c.y + 1);
  if (gx == 0) return;
  const float cell = std::clamp((ImGui::GetContentRegionAvail().x - 4) / static_cast<float>(gx), 10.0f, 28.0f);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("cores", ImVec2(cell * static_cast<float>(gx), cell * static_cast<float>(gy)));
  const bool clicked = ImGui::IsItemClicked();
  const ImVec2 mouse = ImGui::GetMousePos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const perf::CoreEstimate& c : e.cores) {
    const ImVec2 a(origin.x + cell * static_cast<float>(c.x), origin.y + cell * static_cast<float>(c.y));
    const ImVec2 b(a.x + cell - 2, a.y + cell - 2);
    const int shade = static_cast<int>(40 + 200 * std::clamp(c.utilisation, 0.0, 1.0));
    dl->AddRectFilled(a, b, c.blocks == 0 ? colors::kReserved : IM_COL32(60, shade / 2 + 40, shade, 255));
    const bool selected = state.selection.core && state.selection.core->x == c.x && state.selection.core->y == c.y;
    if (selected) dl->AddRect(a, b, colors::kText, 0, 0, 2.0f);
    const bool hovered = mouse.x >= a.x && mouse.x < b.x && mouse.y >= a.y && mouse.y < b.y;
    if (hovered && ImGui::IsItemHovered()) {
      ImGui::SetTooltip("core (%lld, %lld): %lld blocks, matrix engine %.2f us, %.0f%% of the bound",
                        static_cast<long long>(c.x), static_cast<long long>(c.y), static_cast<long long>(c.blocks),
                        c.compute_us, 100 * c.utilisation);
    }
    if (hovered && clicked) state.selection.select_core(CoreXY{c.x, c.y}, SelectionOrigin::Performance);
  }
}

// The source lines behind the work, per block; clicking a row selects the line.
void line_rows(ViewerState& state, const perf::PerfEstimate& e) {
  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerV;
  if (!ImGui::BeginTable("lines", 5, flags)) return;
  ImGui::TableSetupColumn("line");
  ImGui::TableSetupColumn("kernel");
  ImGui::TableSetupColumn("DRAM / block");
  ImGui::TableSetupColumn("matmuls / block");
  ImGui::TableSetupColumn("spill + reload / block");
  ImGui::TableHeadersRow();
  int id = 0;
  for (const perf::KernelCounts& k : e.counts.kernels) {
    for (const perf::LineCounts& l : k.lines) {
      const perf::OpCounts& c = l.per_block;
      const int64_t dram = c.dram_read_bytes + c.dram_write_bytes;
      const int64_t spill = c.spill_bytes + c.reload_bytes;
      if (l.line <= 0 || (dram == 0 && c.tile_matmuls == 0 && spill == 0)) continue;
      ImGui::PushID(id++);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const uint32_t line = static_cast<uint32_t>(l.line);
      const bool selected = state.selection.source.first <= line && line <= state.selection.source.last;
      const std::string label = std::to_string(l.line);
      if (ImGui::Selectable(label.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) {
        state.selection.select_source_line(line, SelectionOrigin::Performance);
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ir::kernel_role_name(k.role));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(dram ? format_bytes(dram).c_str() : "");
      ImGui::TableNextColumn();
      if (c.tile_matmuls) ImGui::Text("%lld", static_cast<long long>(c.tile_matmuls));
      ImGui::TableNextColumn();
      if (spill)
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kWarning), "%s", format_bytes(spill).c_str());
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

}  // namespace

void PerformancePanel::draw_content(ViewerState& state) {
  const KernelResult* kernel = state.kernel();
  if (!kernel) {
    empty_state("no kernels");
    return;
  }
  if (!kernel->estimate) {
    empty_state(kernel->estimate_unavailable.empty() ? "no estimate: the pipeline did not finish"
                                                     : kernel->estimate_unavailable.c_str());
    return;
  }
  stale_banner(state);
  const perf::PerfEstimate& e = *kernel->estimate;
  ImGui::Text("%s on %s (%s): lower bound %.1f \xC2\xB5s, %s-bound, %.2f of %.2f TFLOPS", kernel->name.c_str(),
              e.device.c_str(), fidelity_name(e.fidelity), e.lower_bound_us, e.binding.c_str(), e.tflops,
              e.peak_tflops);
  ImGui::TextDisabled("a bound-based estimate from peak rates, not a measurement (assumptions in the tooltip)");
  if (ImGui::IsItemHovered()) {
    std::string all;
    for (const std::string& a : e.assumptions) all += "- " + a + "\n";
    ImGui::SetTooltip("%s", all.c_str());
  }
  ImGui::BeginChild("body");
  roofline(e);
  ImGui::Separator();
  resource_rows(e);
  count_rows(e.counts.total);
  ImGui::Separator();
  ImGui::TextUnformatted("Source lines (per block; click to select)");
  line_rows(state, e);
  ImGui::Separator();
  ImGui::TextUnformatted("Matrix-engine utilisation per core (share of the bound; click a core to select it)");
  utilisation_grid(state, e);
  ImGui::EndChild();
}

}  // namespace tt::viewer
