// MismatchPanel: two ImDrawList heat maps (tiles, cores) with a shared color scale and a legend.
#include "viewer/mismatch_panel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "compiler/codegen/output_origin.h"
#include "viewer/mismatch_map.h"
#include "viewer/theme.h"

namespace tt::viewer {

namespace {

constexpr ImU32 kClean = IM_COL32(46, 64, 52, 255);  // checked, no mismatch
constexpr ImU32 kIdle = IM_COL32(40, 42, 46, 255);   // a core without work

// Dark amber for one wrong element up to bright red for the most: sqrt keeps a few bad elements visible.
ImU32 heat(double fraction) {
  const double f = std::sqrt(std::clamp(fraction, 0.0, 1.0));
  const auto lerp = [f](int a, int b) { return static_cast<int>(a + (b - a) * f + 0.5); };
  return IM_COL32(lerp(120, 250), lerp(80, 40), lerp(30, 30), 255);
}

std::string error_text(double e) {
  if (!std::isfinite(e)) return "NaN/inf";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", e);
  return buf;
}

// A cols x rows grid of cells fitted into `size`, square cells, top-left origin.
struct CellGrid {
  ImVec2 origin;
  float cell = 0;
  ImVec2 cell_pos(int64_t col, int64_t row) const { return {origin.x + col * cell, origin.y + row * cell}; }
};

CellGrid fit(ImVec2 p0, ImVec2 size, int64_t cols, int64_t rows) {
  const float cell = std::max(1.0f, std::floor(std::min(size.x / float(cols), size.y / float(rows))));
  return {p0, cell};
}

void tile_map(ViewerState& state, const KernelResult& kernel, const MismatchMap& map, ImVec2 size) {
  if (map.tiles_x == 0 || map.tiles_y == 0) return;
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const CellGrid g = fit(p0, size, map.tiles_x, map.tiles_y);
  const ImVec2 extent{g.cell * map.tiles_x, g.cell * map.tiles_y};
  ImGui::InvisibleButton("tiles", ImVec2(std::max(extent.x, 1.0f), std::max(extent.y, 1.0f)));
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const double per_tile = double(map.tile_rows) * map.tile_cols;
  for (uint32_t ty = 0; ty < map.tiles_y; ++ty) {
    for (uint32_t tx = 0; tx < map.tiles_x; ++tx) {
      const uint32_t bad = map.tile_mismatches[static_cast<size_t>(ty) * map.tiles_x + tx];
      const ImVec2 a = g.cell_pos(tx, ty);
      dl->AddRectFilled(a, ImVec2(a.x + g.cell, a.y + g.cell), bad ? heat(bad / per_tile) : kClean);
    }
  }
  // Block borders: the unit of work a core gets.
  if (const std::optional<OutputTiling> t = output_tiling(kernel, map.buffer)) {
    const ImU32 border = IM_COL32(20, 22, 26, 255);
    for (int64_t c = 0; c <= static_cast<int64_t>(map.tiles_x); c += t->block_cols) {
      dl->AddLine(g.cell_pos(c, 0), g.cell_pos(c, map.tiles_y), border, 1.0f);
    }
    for (int64_t r = 0; r <= static_cast<int64_t>(map.tiles_y); r += t->block_rows) {
      dl->AddLine(g.cell_pos(0, r), g.cell_pos(map.tiles_x, r), border, 1.0f);
    }
  }
  if (!hovered) return;
  const ImVec2 m = ImGui::GetIO().MousePos;
  const int64_t tx = static_cast<int64_t>((m.x - g.origin.x) / g.cell),
                ty = static_cast<int64_t>((m.y - g.origin.y) / g.cell);
  if (tx < 0 || ty < 0 || tx >= map.tiles_x || ty >= map.tiles_y) return;
  const size_t tile = static_cast<size_t>(ty) * map.tiles_x + static_cast<size_t>(tx);
  const std::optional<TileOwner> owner = tile_owner(kernel, map, ty, tx);
  const ImVec2 a = g.cell_pos(tx, ty);
  dl->AddRect(a, ImVec2(a.x + g.cell, a.y + g.cell), colors::kAccent, 0, 0, 2.0f);
  ImGui::BeginTooltip();
  ImGui::Text("%s tile (%lld, %lld): rows [%lld, %lld) x cols [%lld, %lld)", map.buffer.c_str(),
              static_cast<long long>(ty), static_cast<long long>(tx), static_cast<long long>(ty * map.tile_rows),
              static_cast<long long>((ty + 1) * map.tile_rows), static_cast<long long>(tx * map.tile_cols),
              static_cast<long long>((tx + 1) * map.tile_cols));
  ImGui::Text("%u of %.0f elements wrong, max |err| %s", map.tile_mismatches[tile], per_tile,
              error_text(map.tile_max_error[tile]).c_str());
  if (owner) {
    ImGui::Text("block (bx %lld, by %lld) = linear block %lld", static_cast<long long>(owner->bx),
                static_cast<long long>(owner->by), static_cast<long long>(owner->block));
    if (owner->core) {
      ImGui::Text("computed by core (%lld, %lld)", static_cast<long long>(owner->core->x),
                  static_cast<long long>(owner->core->y));
    }
  }
  ImGui::EndTooltip();
  if (owner && owner->core && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    state.selection.select_core(owner->core, SelectionOrigin::Mismatches);
  }
}

void core_map(ViewerState& state, const KernelResult& kernel, const MismatchMap& map, const DeviceModel& device,
              ImVec2 size) {
  const std::vector<CoreMismatches> cores = mismatches_by_core(kernel, map);
  if (cores.empty() || device.grid_x <= 0 || device.grid_y <= 0) return;
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const CellGrid g = fit(p0, size, device.grid_x, device.grid_y);
  ImGui::InvisibleButton("cores", ImVec2(g.cell * device.grid_x, g.cell * device.grid_y));
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float gap = std::max(1.0f, g.cell * 0.08f);
  const ImVec2 m = ImGui::GetIO().MousePos;
  const CoreMismatches* hover = nullptr;
  for (const CoreMismatches& c : cores) {
    const ImVec2 a = g.cell_pos(c.x, c.y);
    const ImVec2 b(a.x + g.cell - gap, a.y + g.cell - gap);
    const double elements = double(c.tiles) * map.tile_rows * map.tile_cols;
    const ImU32 fill = c.tiles == 0 ? kIdle : c.mismatches ? heat(c.mismatches / elements) : kClean;
    dl->AddRectFilled(a, b, fill, 2.0f);
    if (state.selection.core == CoreXY{c.x, c.y}) dl->AddRect(a, b, colors::kAccent, 2.0f, 0, 2.0f);
    if (c.mismatches && g.cell >= 28) {
      char text[16];
      std::snprintf(text, sizeof text, "%u", c.bad_tiles);
      dl->AddText(ImVec2(a.x + 3, a.y + 2), colors::kText, text);
    }
    if (hovered && m.x >= a.x && m.y >= a.y && m.x < a.x + g.cell && m.y < a.y + g.cell) hover = &c;
  }
  if (!hover) return;
  ImGui::BeginTooltip();
  ImGui::Text("core (%lld, %lld)", static_cast<long long>(hover->x), static_cast<long long>(hover->y));
  if (hover->tiles == 0) {
    ImGui::TextDisabled("idle: computes no part of %s", map.buffer.c_str());
  } else {
    ImGui::Text("blocks [%lld, %lld): %u tiles, %u with a mismatch", static_cast<long long>(hover->block_start),
                static_cast<long long>(hover->block_start + hover->blocks), hover->tiles, hover->bad_tiles);
    ImGui::Text("%llu wrong elements, max |err| %s", static_cast<unsigned long long>(hover->mismatches),
                error_text(hover->max_error).c_str());
  }
  ImGui::EndTooltip();
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    state.selection.select_core(CoreXY{hover->x, hover->y}, SelectionOrigin::Mismatches);
  }
}

void legend() {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float h = ImGui::GetTextLineHeight();
  auto swatch = [&](ImU32 color, const char* label) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    dl->AddRectFilled(p, ImVec2(p.x + h, p.y + h), color, 2.0f);
    ImGui::Dummy(ImVec2(h, h));
    ImGui::SameLine();
    ImGui::TextUnformatted(label);
    ImGui::SameLine(0, 14);
  };
  swatch(kClean, "all elements match");
  swatch(heat(1.0 / 1024), "1 of a tile wrong");
  swatch(heat(0.25), "a quarter");
  swatch(heat(1.0), "all wrong");
  swatch(kIdle, "idle core");
  ImGui::NewLine();
}

}  // namespace

void MismatchPanel::draw_content(ViewerState& state) {
  const EmulationReport* e = state.emulation();
  const KernelResult* kernel = state.kernel();
  const CompileResult* r = state.shown();
  if (!e || !e->ran || !kernel || !r || !r->device) {
    empty_state("no emulated run: Compile > Run emulation checks the output against the oracle");
    return;
  }
  if (e->mismatch_maps.empty()) {
    empty_state(e->passed ? "the emulated run matched the oracle" : "the run checked no output (see Diagnostics)");
    return;
  }
  int id = 0;
  for (const MismatchMap& map : e->mismatch_maps) {
    ImGui::PushID(id++);
    uint32_t bad_tiles = 0;
    for (uint32_t n : map.tile_mismatches) bad_tiles += n > 0;
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(map.mismatches ? colors::kError : colors::kOk),
                       "%s: %llu of %llu elements differ from %s, in %u of %u tiles", map.buffer.c_str(),
                       static_cast<unsigned long long>(map.mismatches), static_cast<unsigned long long>(map.checked),
                       map.reference.c_str(), bad_tiles, map.tiles_x * map.tiles_y);
    legend();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float column = std::max(40.0f, (avail.x - 16) / 2);
    const float height = std::max(40.0f, avail.y / float(e->mismatch_maps.size()) - 2 * ImGui::GetFrameHeight());
    ImGui::BeginGroup();
    ImGui::TextDisabled("by tile (%u x %u, block borders)", map.tiles_y, map.tiles_x);
    tile_map(state, *kernel, map, ImVec2(column, height));
    ImGui::EndGroup();
    ImGui::SameLine(0, 16);
    ImGui::BeginGroup();
    ImGui::TextDisabled("by core (%lld x %lld workers; number: tiles with a mismatch)",
                        static_cast<long long>(r->device->grid_x), static_cast<long long>(r->device->grid_y));
    core_map(state, *kernel, map, *r->device, ImVec2(column, height));
    ImGui::EndGroup();
    ImGui::PopID();
  }
}

}  // namespace tt::viewer
