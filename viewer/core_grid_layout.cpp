// Core grid geometry, hit-testing and load summary.
#include "viewer/core_grid_layout.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "compiler/ir/functor.h"

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

Rgba core_color(int64_t count, int64_t min_count, int64_t max_count) {
  if (count <= 0) return {0.22f, 0.23f, 0.26f, 1.0f};
  // The ramp spans the loads that occur, least loaded teal to busiest orange: a balanced partition
  // has only n and n+1 blocks per core, and those two must read apart at a glance.
  float t =
      max_count <= min_count ? 0.0f : static_cast<float>(count - min_count) / static_cast<float>(max_count - min_count);
  t = std::clamp(t, 0.0f, 1.0f);
  const Rgba lo{0.30f, 0.62f, 0.66f, 1.0f}, hi{0.93f, 0.52f, 0.20f, 1.0f};
  return {lo.r + (hi.r - lo.r) * t, lo.g + (hi.g - lo.g) * t, lo.b + (hi.b - lo.b) * t, 1.0f};
}

std::vector<BlockRegion> blocks_of_core(const ir::WorkPartition& partition, int64_t start, int64_t count,
                                        int64_t tile_rows, int64_t tile_cols, const KernelResult* kernel) {
  std::vector<BlockRegion> out;
  const std::vector<int64_t>& grid = partition.block_grid;  // slowest first: [by, bx], [bz, by, bx]
  if (grid.empty() || std::any_of(grid.begin(), grid.end(), [](int64_t g) { return g <= 0; })) return out;
  const bool matrix = grid.size() == 2 && partition.block_tiles.size() == 2;
  for (int64_t id = start; id < start + count; ++id) {
    BlockRegion b;
    b.id = id;
    // tile_order row_major: id = (bz * grid_y + by) * grid_x + bx; index lists bx first.
    for (int64_t rest = id, d = static_cast<int64_t>(grid.size()); d-- > 0; rest /= grid[d]) {
      b.index.push_back(rest % grid[d]);
    }
    b.bx = b.index[0];
    b.by = b.index.size() > 1 ? b.index[1] : 0;
    if (matrix) {
      const int64_t rows = partition.block_tiles[0] * tile_rows, cols = partition.block_tiles[1] * tile_cols;
      b.has_rows = true;
      b.row0 = b.by * rows;
      b.row1 = b.row0 + rows;
      b.col0 = b.bx * cols;
      b.col1 = b.col0 + cols;
    }
    if (kernel) b.output = block_output_region(*kernel, b.index);
    out.push_back(b);
  }
  return out;
}

std::string describe_block(const BlockRegion& b) {
  static const char* const kNames[] = {"bx", "by", "bz"};
  std::string text = "(";
  for (size_t d = 0; d < b.index.size(); ++d) {
    text +=
        (d ? ", " : "") + (d < 3 ? std::string(kNames[d]) : "b" + std::to_string(d)) + " " + std::to_string(b.index[d]);
  }
  text += ")";
  if (!b.has_rows) return b.output.empty() ? text : text + ": " + b.output;
  {
    text += ": rows [" + std::to_string(b.row0) + ", " + std::to_string(b.row1) + ") x cols [" +
            std::to_string(b.col0) + ", " + std::to_string(b.col1) + ")";
  }
  return text;
}

std::string block_output_region(const KernelResult& kernel, const std::vector<int64_t>& index) {
  std::optional<ir::WorkPartition> wp = ir::get_work_partition(kernel.module);
  const ir::KernelNode* grid = nullptr;
  for (const ir::PrimFunc& f : kernel.source_module.funcs) {
    ir::for_each_stmt(f.body, [&](const ir::Stmt& s) {
      if (!grid && s->kind == ir::StmtKind::Kernel) grid = ir::as<ir::KernelNode>(s);
    });
  }
  if (!grid || grid->block_vars.size() != index.size()) return {};
  // The output is the global buffer the partition's output CB stages: the one a T.copy from on chip writes.
  const ir::CopyNode* copy = nullptr;
  ir::for_each_stmt(grid->body, [&](const ir::Stmt& s) {
    if (copy || s->kind != ir::StmtKind::Copy) return;
    const auto* c = ir::as<ir::CopyNode>(s);
    if (c->dst.buffer->scope == ir::MemScope::Global && c->src.buffer->scope != ir::MemScope::Global) copy = c;
  });
  if (!copy) return {};
  std::map<const ir::VarNode*, ir::Expr> at;
  for (size_t d = 0; d < index.size(); ++d) at[grid->block_vars[d].get()] = ir::int_imm(index[d]);
  std::string text = copy->dst.buffer->name + "[";
  for (size_t d = 0; d < copy->dst.starts.size(); ++d) {
    // Keep the substituted expression alive: as_int points into it.
    const ir::Expr folded = ir::substitute(copy->dst.starts[d], at);
    const int64_t* start = ir::as_int(folded);
    if (!start) return {};
    const int64_t extent = copy->dst.extents[d];
    text += (d ? ", " : "") + std::to_string(*start);
    if (extent != 1) text += ":" + std::to_string(*start + extent);
  }
  return text + "]";
}

bool core_is_idle(const KernelResult& kernel, CoreXY core) {
  std::optional<ir::WorkPartition> wp = ir::get_work_partition(kernel.module);
  if (!wp) return false;  // no partition yet: nothing is known about work
  for (const ir::CoreWork& c : wp->cores) {
    if (c.x == core.x && c.y == core.y) return c.count == 0;
  }
  return true;  // not in the partition: the host program never touches it
}

}  // namespace tt::viewer
