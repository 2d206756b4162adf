// Core grid geometry, hit-testing and load summary.
#include "viewer/core_grid_layout.h"

#include <algorithm>
#include <cmath>

namespace tt::viewer {

Rect GridLayout::core_rect(int64_t x, int64_t y) const {
  return {origin_x + static_cast<float>(x) * cell + gap * 0.5f, origin_y + static_cast<float>(y) * cell + gap * 0.5f,
          cell - gap, cell - gap};
}

Rect GridLayout::bounds() const {
  return {origin_x, origin_y, static_cast<float>(grid_x) * cell, static_cast<float>(grid_y) * cell};
}

GridLayout layout_core_grid(int64_t grid_x, int64_t grid_y, const Rect& area, float gap_fraction) {
  GridLayout l;
  l.grid_x = grid_x;
  l.grid_y = grid_y;
  if (grid_x <= 0 || grid_y <= 0 || area.w <= 0 || area.h <= 0) return l;
  l.cell = std::floor(std::min(area.w / static_cast<float>(grid_x), area.h / static_cast<float>(grid_y)));
  l.gap = std::max(1.0f, std::round(l.cell * gap_fraction));
  l.origin_x = std::floor(area.x + (area.w - l.cell * static_cast<float>(grid_x)) * 0.5f);
  l.origin_y = std::floor(area.y + (area.h - l.cell * static_cast<float>(grid_y)) * 0.5f);
  return l;
}

std::optional<CoreXY> hit_test(const GridLayout& layout, float px, float py) {
  if (layout.cell <= 0) return std::nullopt;
  float fx = (px - layout.origin_x) / layout.cell, fy = (py - layout.origin_y) / layout.cell;
  if (fx < 0 || fy < 0) return std::nullopt;
  auto x = static_cast<int64_t>(fx), y = static_cast<int64_t>(fy);
  if (x >= layout.grid_x || y >= layout.grid_y) return std::nullopt;
  if (!layout.core_rect(x, y).contains(px, py)) return std::nullopt;
  return CoreXY{x, y};
}

const CoreLoad* GridLoad::find(CoreXY c) const {
  for (const CoreLoad& l : cores) {
    if (l.core == c) return &l;
  }
  return nullptr;
}

GridLoad summarize_load(const ir::WorkPartition& partition) {
  GridLoad g;
  bool first_busy = true;
  for (const ir::CoreWork& w : partition.cores) {
    g.cores.push_back({{w.x, w.y}, w.start, w.count});
    g.total += w.count;
    if (w.count == 0) {
      ++g.idle;
      continue;
    }
    ++g.busy;
    g.min_count = first_busy ? w.count : std::min(g.min_count, w.count);
    g.max_count = std::max(g.max_count, w.count);
    first_busy = false;
  }
  return g;
}

Rgba core_color(int64_t count, int64_t max_count) {
  if (count <= 0) return {0.22f, 0.23f, 0.26f, 1.0f};
  // One block (or an even load) is teal; the ramp runs to orange at the busiest core.
  float t = max_count <= 1 ? 0.0f : static_cast<float>(count - 1) / static_cast<float>(max_count - 1);
  const Rgba lo{0.30f, 0.62f, 0.66f, 1.0f}, hi{0.93f, 0.52f, 0.20f, 1.0f};
  return {lo.r + (hi.r - lo.r) * t, lo.g + (hi.g - lo.g) * t, lo.b + (hi.b - lo.b) * t, 1.0f};
}

}  // namespace tt::viewer
