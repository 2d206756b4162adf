// layout_aware_work_partition_tt: balanced block partition and the runtime-argument schema.
#include "compiler/passes/layout_aware_work_partition_tt.h"

#include <algorithm>
#include <map>

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
    // Several outputs (a chunked attention's o and its final state): the grid partitions the blocks, and every
    // output must be covered by them (block_tiles checks each); the first in parameter order describes the blocks.
    for (const Buffer& p : func_.params) {
      if (std::find(outs.begin(), outs.end(), p->name) != outs.end()) return &p;
    }
    for (const Buffer& p : func_.params) {
      if (p->name == outs[0]) return &p;
    }
    diags_.error(kernel_span,
                 cb_key(outs[0]) + " has role output but '" + outs[0] + "' is no parameter of '" + func_.name + "'");
    return nullptr;
  }

  // Tiles per block from the copy that writes the output, checked against the grid's coverage; so is every other
  // output (a kernel with several writes each tile of each output once).
  bool block_tiles(const Buffer& out, const KernelNode* kernel, const BufferLayout& layout, WorkPartition& wp) {
    struct Coverage {
      int64_t rows = 0, cols = 0, copies = 0;  // of the first copy into the output
      int64_t statements = 0, tiles = 0;
    };
    std::map<const BufferNode*, Coverage> covered;
    std::vector<const BufferNode*> order;  // outputs in the order of their first copy
    for (const TileOpSite& site : collect_tile_ops(func_.body)) {
      if (site.stmt->kind != StmtKind::Copy) continue;
      auto* copy = as<CopyNode>(site.stmt);
      const Buffer& dst = copy->dst.buffer;
      auto dst_layout = dst == out ? std::optional<BufferLayout>(layout) : get_buffer_layout(module_, dst->name);
      if (dst->scope != MemScope::Global || !dst_layout || (dst != out && dst_layout->role != "output")) continue;
      const auto& ext = copy->dst.extents;
      const int64_t rows = ext[dst_layout->row_dim()] / dst_layout->tile[0];
      const int64_t cols = ext[dst_layout->col_dim()] / dst_layout->tile[1];
      // A copy in a loop whose variable moves it along the output (softmax's i_n over the columns of a row of
      // blocks) writes one block per iteration.
      int64_t copies = 1;
      for (const ForNode* loop : site.loops) {
        const int64_t* trips = as_int(loop->extent);
        const auto& starts = copy->dst.starts;
        const bool moves =
            std::any_of(starts.begin(), starts.end(), [&](const Expr& e) { return uses_var(e, loop->var.get()); });
        if (moves && trips) copies *= *trips;
      }
      Coverage& c = covered[dst.get()];
      if (c.statements++ == 0) {
        c.rows = rows;
        c.cols = cols;
        c.copies = copies;
        order.push_back(dst.get());
      }
      c.tiles += wp.num_blocks * copies * rows * cols;
    }
    if (!covered.count(out.get())) {
      diags_.error(kernel->span, "no T.copy writes the output buffer '" + out->name + "'");
      return false;
    }
    wp.block_tiles = {covered[out.get()].rows, covered[out.get()].cols};
    for (const BufferNode* buffer : order) {
      const Coverage& c = covered[buffer];
      const int64_t want = buffer == out.get() ? layout.num_tiles : get_buffer_layout(module_, buffer->name)->num_tiles;
      if (c.tiles == want) continue;
      const std::string what = c.statements > 1
                                   ? std::to_string(c.statements) + " copies"
                                   : std::string(c.copies > 1 ? std::to_string(c.copies) + " copies of " : "") +
                                         std::to_string(c.rows) + "x" + std::to_string(c.cols) + " tiles";
      diags_.error(kernel->span, "the T.Kernel grid of " + std::to_string(wp.num_blocks) + " blocks of " + what +
                                     " covers " + std::to_string(c.tiles) + " tiles, but output '" + buffer->name +
                                     "' has " + std::to_string(want));
      return false;
    }
    return true;
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
