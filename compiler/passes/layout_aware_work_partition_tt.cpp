// layout_aware_work_partition_tt: balanced block partition and the runtime-argument schema.
#include "compiler/passes/layout_aware_work_partition_tt.h"

#include <algorithm>

#include "compiler/ir/tt_multicast.h"
#include "compiler/passes/panel_multicast_plan.h"
#include "compiler/passes/tile_op_analysis.h"

namespace tt::passes {

using namespace ir;

std::vector<CoreWork> place_blocks_2d(int64_t blocks_x, int64_t blocks_y, int64_t grid_x, int64_t grid_y) {
  std::vector<CoreWork> out;
  for (int64_t y = 0; y < grid_y; ++y) {
    for (int64_t x = 0; x < grid_x; ++x) {
      const bool active = x < blocks_x && y < blocks_y;
      out.push_back(CoreWork{x, y, active ? y * blocks_x + x : blocks_x * blocks_y, active ? 1 : 0});
    }
  }
  return out;
}

std::vector<CoreWork> partition_blocks(int64_t num_blocks, int64_t grid_x, int64_t grid_y) {
  const int64_t cores = grid_x * grid_y;
  std::vector<CoreWork> out;
  if (cores <= 0) return out;
  out.reserve(static_cast<size_t>(cores));
  const int64_t base = num_blocks / cores, rem = num_blocks % cores;
  int64_t start = 0;
  for (int64_t i = 0; i < cores; ++i) {
    CoreWork w;
    w.x = i % grid_x;
    w.y = i / grid_x;
    w.start = start;
    w.count = base + (i < rem ? 1 : 0);
    start += w.count;
    out.push_back(w);
  }
  return out;
}

namespace {

class Partitioner {
 public:
  Partitioner(Module& m, const PrimFunc& f, const DeviceModel& d, DiagnosticList& diags)
      : module_(m), func_(f), dev_(d), diags_(diags) {}

  bool run() {
    auto kernels = collect_kernels(func_.body);
    if (kernels.size() != 1) {
      diags_.error(func_.span, "layout_aware_work_partition_tt needs exactly one T.Kernel in '" + func_.name + "'");
      return false;
    }
    const KernelNode* kernel = kernels[0];
    const Buffer* out = output_buffer(kernel->span);
    if (!out) return false;
    auto layout = get_buffer_layout(module_, (*out)->name);
    if (!layout) {
      diags_.error((*out)->span, "no layout metadata for output buffer '" + (*out)->name + "' (" +
                                     buffer_layout_key((*out)->name) + " missing)");
      return false;
    }
    if (layout->layout == "sharded") {
      diags_.error((*out)->span, "output buffer '" + (*out)->name + "' is sharded (shard_grid " +
                                     format_dims(layout->shard_grid) +
                                     "): a local_shard partition needs the persistent "
                                     "loop to walk each core's shard of blocks, which is not supported yet; use an "
                                     "interleaved output");
      return false;
    }
    WorkPartition wp;
    wp.mode = "global";
    // [Mt, Nt] of a matrix; an N-D output lists every dim (untiled ones whole, tiled ones in tiles).
    wp.grid_tiles = layout->tiles;
    // block_grid lists the grid slowest dimension first ([by, bx], [bz, by, bx]); a 1-D grid is one row.
    wp.block_grid.assign(kernel->grid.rbegin(), kernel->grid.rend());
    if (wp.block_grid.size() == 1) wp.block_grid.insert(wp.block_grid.begin(), 1);
    wp.num_blocks = 1;
    for (int64_t g : kernel->grid) {
      if (__builtin_mul_overflow(wp.num_blocks, g, &wp.num_blocks)) {
        diags_.error(kernel->span, "the T.Kernel grid has more than 2^63 blocks");
        return false;
      }
    }
    if (!block_tiles(*out, kernel, *layout, wp)) return false;
    // The grid covers the output; every block's reads and writes must also stay inside their buffers.
    if (!check_copy_bounds(func_.body, diags_)) return false;
    wp.core_grid = {dev_.grid_x, dev_.grid_y};
    // Panels shared by rows/columns of cores need block (bx, by) on core (bx, by) (multicast plans only 2-D
    // grids); otherwise balance linearly.
    const MulticastPlan multicast = plan_panel_multicast(module_, func_, *kernel, dev_);
    wp.cores = multicast.panels.empty() ? partition_blocks(wp.num_blocks, dev_.grid_x, dev_.grid_y)
                                        : place_blocks_2d(kernel->grid[0], kernel->grid[1], dev_.grid_x, dev_.grid_y);
    set_work_partition(module_, wp);
    if (!multicast.panels.empty() || !multicast.fallback.empty()) set_multicast_plan(module_, multicast);
    return runtime_args(wp);
  }

 private:
  // The global buffer the kernel's output CB stages (tt.cb.<name> with role output is named after it).
  const Buffer* output_buffer(SourceSpan kernel_span) {
    std::vector<std::string> outs;
    for (const CircularBuffer& cb : all_circular_buffers(module_)) {
      if (cb.role == "output") outs.push_back(cb.name);
    }
    if (outs.empty()) {
      diags_.error(kernel_span,
                   "no output circular buffer (a tt.cb.* entry with role output): the kernel never copies "
                   "a result from on chip to a global buffer");
      return nullptr;
    }
    if (outs.size() > 1) {
      std::string names;
      for (const std::string& n : outs) names += (names.empty() ? "" : ", ") + n;
      diags_.error(kernel_span, "more than one output buffer (" + names +
                                    "): partitioning a kernel with several "
                                    "outputs is not supported yet");
      return nullptr;
    }
    for (const Buffer& p : func_.params) {
      if (p->name == outs[0]) return &p;
    }
    diags_.error(kernel_span,
                 cb_key(outs[0]) + " has role output but '" + outs[0] + "' is no parameter of '" + func_.name + "'");
    return nullptr;
  }

  // Tiles per block from the copy that writes the output, checked against the grid's coverage.
  bool block_tiles(const Buffer& out, const KernelNode* kernel, const BufferLayout& layout, WorkPartition& wp) {
    for (const TileOpSite& site : collect_tile_ops(func_.body)) {
      if (site.stmt->kind != StmtKind::Copy || as<CopyNode>(site.stmt)->dst.buffer != out) continue;
      const auto& ext = as<CopyNode>(site.stmt)->dst.extents;
      wp.block_tiles = {ext[layout.row_dim()] / layout.tile[0], ext[layout.col_dim()] / layout.tile[1]};
      // A copy in a loop whose variable moves it along the output (softmax's i_n over the columns of a row of
      // blocks) writes one block per iteration.
      int64_t copies = 1;
      for (const ForNode* loop : site.loops) {
        const int64_t* trips = as_int(loop->extent);
        const auto& starts = as<CopyNode>(site.stmt)->dst.starts;
        const bool moves =
            std::any_of(starts.begin(), starts.end(), [&](const Expr& e) { return uses_var(e, loop->var.get()); });
        if (moves && trips) copies *= *trips;
      }
      const int64_t covered = wp.num_blocks * copies * wp.block_tiles[0] * wp.block_tiles[1];
      if (covered != layout.num_tiles) {
        diags_.error(kernel->span, "the T.Kernel grid of " + std::to_string(wp.num_blocks) + " blocks of " +
                                       (copies > 1 ? std::to_string(copies) + " copies of " : std::string()) +
                                       std::to_string(wp.block_tiles[0]) + "x" + std::to_string(wp.block_tiles[1]) +
                                       " tiles covers " + std::to_string(covered) + " tiles, but output '" + out->name +
                                       "' has " + std::to_string(layout.num_tiles));
        return false;
      }
      return true;
    }
    diags_.error(kernel->span, "no T.copy writes the output buffer '" + out->name + "'");
    return false;
  }

  bool runtime_args(const WorkPartition& wp) {
    RuntimeArgs ra;
    std::vector<RuntimeArgValue> reader_addrs, writer_addrs;
    for (const Buffer& p : func_.params) {
      auto layout = get_buffer_layout(module_, p->name);
      if (!layout) {
        diags_.error(p->span,
                     "no layout metadata for buffer '" + p->name + "' (" + buffer_layout_key(p->name) + " missing)");
        return false;
      }
      RuntimeArgValue addr;
      addr.buffer_address = p->name;
      if (layout->role == "input" || layout->role == "inout") {
        ra.reader.push_back(p->name + "_addr");
        reader_addrs.push_back(addr);
      }
      if (layout->role == "output" || layout->role == "inout") {
        ra.writer.push_back(p->name + "_addr");
        writer_addrs.push_back(addr);
      }
    }
    for (auto* names : {&ra.reader, &ra.compute, &ra.writer}) {
      names->push_back("start_block");
      names->push_back("num_blocks");
    }
    for (const CoreWork& c : wp.cores) {
      if (c.count == 0) continue;
      RuntimeArgs::PerCore pc;
      pc.x = c.x;
      pc.y = c.y;
      const std::vector<RuntimeArgValue> range = {RuntimeArgValue{c.start, ""}, RuntimeArgValue{c.count, ""}};
      pc.reader = reader_addrs;
      pc.writer = writer_addrs;
      pc.compute = range;
      pc.reader.insert(pc.reader.end(), range.begin(), range.end());
      pc.writer.insert(pc.writer.end(), range.begin(), range.end());
      ra.cores.push_back(std::move(pc));
    }
    set_runtime_args(module_, ra);
    return true;
  }

  Module& module_;
  const PrimFunc& func_;
  const DeviceModel& dev_;
  DiagnosticList& diags_;
};

}  // namespace

bool layout_aware_work_partition_tt(Module& module, const PassContext& ctx, DiagnosticList& diags) {
  PrimFunc* func = single_func(module, "layout_aware_work_partition_tt", diags);
  if (!func) return false;
  return Partitioner(module, *func, ctx.device, diags).run();
}

}  // namespace tt::passes
