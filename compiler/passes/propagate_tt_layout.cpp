// propagate_tt_layout: circular-buffer metadata from data flow (who fills a buffer, from where, in
// which loop); sizes from the device's tile bytes.
#include "compiler/passes/propagate_tt_layout.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "compiler/ir/functor.h"
#include "compiler/ir/printer.h"
#include "compiler/ir/tt_metadata.h"
#include "compiler/passes/tile_mask.h"
#include "compiler/passes/tile_op_analysis.h"
#include "compiler/passes/tile_vectors.h"

namespace tt::passes {

using namespace ir;

namespace {

enum class Role { Input, Output, Intermediate };
const char* role_name(Role r) { return r == Role::Input ? "input" : r == Role::Output ? "output" : "intermediate"; }

// The TT convention: CBIndex c_0.. for inputs, c_16.. for outputs, c_24.. for intermediates.
struct RoleScheme {
  int base, count;
};
RoleScheme scheme(Role r) {
  return r == Role::Input ? RoleScheme{0, 16} : r == Role::Output ? RoleScheme{16, 8} : RoleScheme{24, 8};
}

struct Candidate {
  std::string name;
  DataType dtype = DataType::Float32;
  std::vector<int64_t> shape;  // 2-D: the buffer, or the block copied out
  std::string block_region;    // the block copied out, printed ("C[by * 48:by * 48 + 48, ...]"); empty for a buffer
  Role role = Role::Intermediate;
  int64_t depth = 1;
  Stmt producer;  // input: the copy that fills it (for conflict messages)
  SourceSpan span;
  size_t first_use = std::numeric_limits<size_t>::max();
  size_t decl_order = 0;
};

int64_t depth_of(const TileOpSite& site) {
  const ForNode* loop = site.innermost_loop();
  if (loop && loop->for_kind == ForKind::Pipelined && loop->num_stages >= 1) return loop->num_stages;
  return 1;
}

std::string loop_desc(const TileOpSite& site) {
  const ForNode* loop = site.innermost_loop();
  if (!loop) return "no loop";
  return "loop '" + loop->var->name + "' (" + for_kind_name(loop->for_kind) +
         ", num_stages=" + std::to_string(loop->num_stages) + ")";
}

class Propagator {
 public:
  Propagator(Module& m, const PrimFunc& f, const DeviceModel& d, DiagnosticList& diags)
      : module_(m), func_(f), dev_(d), diags_(diags) {}

  bool run() {
    size_t errors = diags_.error_count();
    for (const AllocateNode* a : collect_allocations(func_.body)) {
      if (!is_on_chip(a->buffer->scope)) continue;  // T.alloc_local: registers, not L1
      Candidate c;
      c.name = a->buffer->name;
      c.dtype = a->buffer->dtype;
      c.shape = a->buffer->shape;
      c.span = a->buffer->span.valid() ? a->buffer->span : a->span;
      c.decl_order = order_.size();
      by_buffer_[a->buffer.get()] = order_.size();
      order_.push_back(c);
    }
    // One page of ones per dtype that a reduction or a broadcast of a vector reads (tile_vectors.h): compute
    // fills it once per kernel and pops it at the end.
    for (DataType dtype : ones_tile_dtypes(func_.body)) {
      Candidate c;
      c.name = ones_tile_cb(dtype);
      c.dtype = dtype;
      c.shape = dev_.tile;
      c.span = kernel_span();
      c.decl_order = order_.size();
      order_.push_back(c);
    }
    // The prepared copies of min / absmax / abssum reductions: two-page rings (tile_vectors.h).
    for (const PreparedReduction& p : prepared_reductions(func_.body)) {
      Candidate c;
      c.name = p.cb;
      c.dtype = p.dtype;
      c.shape = dev_.tile;
      c.span = kernel_span();
      c.decl_order = order_.size();
      order_.push_back(c);
      streamed_.insert(p.cb);
    }
    staged_ = staged_outputs(func_.body);
    streamed_outputs_ = streamed_outputs(func_.body);
    for (const auto& [reduce, map] : streamed_reductions(func_.body)) {
      (void)map;
      streamed_.insert(static_cast<const ReduceNode*>(reduce)->src.buffer->name);
    }
    const std::vector<TileOpSite> sites = collect_tile_ops(func_.body);
    for (const TileOpSite& site : sites) {
      if (site.stmt->kind == StmtKind::Copy) visit_copy(site);
    }
    size_t use = 0;
    for (const TileOpSite& site : sites) {
      for (const BufferUse& u : buffer_uses(site.stmt)) {
        auto it = by_buffer_.find(u.buffer.get());
        if (it != by_buffer_.end()) order_[it->second].first_use = std::min(order_[it->second].first_use, use);
        ++use;
        // A compute write of a block that is copied to global memory fills that buffer's output CB instead.
        const bool compute_write =
            site.stmt->kind != StmtKind::Copy || as<CopyNode>(site.stmt)->src.buffer->scope != MemScope::Global;
        if (u.write && it != by_buffer_.end() && order_[it->second].role == Role::Input &&
            site.stmt != order_[it->second].producer && !(compute_write && staged_.count(u.buffer->name))) {
          check_single_producer(order_[it->second], site);
        }
      }
    }
    check_one_consumer(sites);
    find_idle(sites);
    add_mask_tiles();
    if (diags_.error_count() != errors) return false;
    for (Candidate& c : order_) check_tiles(c);
    if (diags_.error_count() != errors) return false;
    return assign_and_stamp();
  }

 private:
  void visit_copy(const TileOpSite& site) {
    auto* copy = as<CopyNode>(site.stmt);
    const Buffer& src = copy->src.buffer;
    const Buffer& dst = copy->dst.buffer;
    auto in = by_buffer_.find(dst.get());
    if (src->scope == MemScope::Global && in != by_buffer_.end()) {
      Candidate& c = order_[in->second];
      int64_t depth = depth_of(site);
      if (c.role == Role::Input && c.depth != depth) {
        Diagnostic& d = diags_.error(site.stmt->span, "buffer '" + c.name +
                                                          "' is filled by copies in loops with different "
                                                          "pipeline depths (" +
                                                          std::to_string(c.depth) + " and " + std::to_string(depth) +
                                                          ", from " + loop_desc(site) + ")");
        d.notes.push_back({Severity::Note, c.producer->span, "the first copy into '" + c.name + "' is here", {}, {}});
      }
      if (c.role != Role::Input) {
        c.role = Role::Input;
        c.depth = depth;
        c.producer = site.stmt;
      }
      return;
    }
    if (dst->scope != MemScope::Global || !is_on_chip(src->scope)) return;
    // The output block is staged in a CB named after the global destination; it spans the two dims
    // the buffer's layout tiles (tt.buffer.<name> tiled_dims), every other dim must be one index.
    std::optional<BufferLayout> layout = get_buffer_layout(module_, dst->name);
    if (!layout) {
      diags_.error(site.stmt->span,
                   "missing buffer layout metadata '" + buffer_layout_key(dst->name) + "' for " + dst->name);
      return;
    }
    std::vector<int64_t> block;
    const auto& ext = copy->dst.extents;
    for (int64_t d = 0; d < static_cast<int64_t>(ext.size()); ++d) {
      const bool tiled = d == layout->row_dim() || d == layout->col_dim();
      if (!tiled && ext[d] != 1) {
        diags_.error(site.stmt->span, "T.copy into '" + dst->name + "' writes more than one 2-D block per copy")
            .category = DiagnosticCategory::Unsupported;
        return;
      }
      if (tiled) block.push_back(ext[d]);
    }
    auto [it, fresh] = by_buffer_.emplace(dst.get(), order_.size());
    if (!fresh) {
      const Candidate& prev = order_[it->second];
      if (prev.shape != block) {
        diags_.error(site.stmt->span, "copies into '" + dst->name + "' write blocks of different shapes");
      }
      return;
    }
    Candidate c;
    c.name = dst->name;
    c.dtype = dst->dtype;
    c.shape = block;
    c.block_region = ir::print_region(copy->dst);
    c.role = Role::Output;
    c.span = site.stmt->span;
    c.decl_order = order_.size();
    order_.push_back(c);
  }

  // A block that compute reads and that a T.copy also sends to global memory as it is (not a block compute
  // writes, which is packed into the output CB): its CB would have two consumers, compute and the writer.
  void check_one_consumer(const std::vector<TileOpSite>& sites) {
    std::map<const BufferNode*, const TileOpSite*> compute_read;
    for (const TileOpSite& site : sites) {
      auto* copy = site.stmt->kind == StmtKind::Copy ? as<CopyNode>(site.stmt) : nullptr;
      if (copy && (copy->src.buffer->scope == MemScope::Global || copy->dst.buffer->scope == MemScope::Global))
        continue;
      for (const BufferUse& u : buffer_uses(site.stmt)) {
        if (!u.write && is_on_chip(u.buffer->scope)) compute_read.emplace(u.buffer.get(), &site);
      }
    }
    for (const TileOpSite& site : sites) {
      if (site.stmt->kind != StmtKind::Copy) continue;
      auto* copy = as<CopyNode>(site.stmt);
      const Buffer& src = copy->src.buffer;
      auto it = compute_read.find(src.get());
      if (copy->dst.buffer->scope != MemScope::Global || staged_.count(src->name) || it == compute_read.end()) continue;
      Diagnostic& d = diags_.error(
          site.stmt->span,
          "T.copy sends '" + src->name +
              "' to global memory as it is while compute reads it too: its circular buffer would have two consumers "
              "(compute and the writer); copy it to a second buffer with a T.Parallel map first");
      d.category = DiagnosticCategory::Unsupported;
      d.notes.push_back({Severity::Note, it->second->stmt->span, "compute reads '" + src->name + "' here", {}, {}});
    }
  }

  void find_idle(const std::vector<TileOpSite>& sites) {
    std::set<std::string> touched;  // read by compute or filled by the reader
    for (const TileOpSite& site : sites) {
      auto* copy = site.stmt->kind == StmtKind::Copy ? as<CopyNode>(site.stmt) : nullptr;
      if (copy && copy->dst.buffer->scope == MemScope::Global) continue;  // the writer reads the output CB
      // A gemm's accumulator CB carries its spilled partials.
      const bool gemm = site.stmt->kind == StmtKind::Gemm;
      for (const BufferUse& u : buffer_uses(site.stmt)) {
        const bool reader_fill = copy && copy->src.buffer->scope == MemScope::Global;
        if (!u.write || reader_fill || gemm) touched.insert(u.buffer->name);
      }
    }
    for (const auto& [block, global] : staged_) {
      if (!touched.count(block)) idle_.insert(block);
    }
  }

  // A per-tile mask that initialises a gemm accumulator and has a mixed tile (tile_mask.h) needs that one
  // constant tile on chip: a derived CB the reader fills once, in the accumulator's dtype.
  void add_mask_tiles() {
    for_each_stmt(func_.body, [&](const Stmt& s) {
      if (s->kind != StmtKind::Gemm) return;
      const Buffer& acc = as<GemmNode>(s)->c.buffer;
      const std::string name = mask_cb_name(acc->name);
      for_each_stmt(func_.body, [&](const Stmt& map) {
        bool is_init_map = false;
        std::string why;
        std::optional<TileMask> mask = tile_mask_of_map(map, acc, dev_.tile[0], is_init_map, why);
        if (!mask || !mask->partial) return;
        for (const Candidate& c : order_) {
          if (c.name == name) return;
        }
        Candidate c;
        c.name = name;
        c.dtype = acc->dtype;
        c.shape = {dev_.tile[0], dev_.tile[1]};
        c.role = Role::Input;
        c.producer = map;
        c.span = map->span;
        c.decl_order = order_.size();
        order_.push_back(c);
      });
    });
  }

  void check_single_producer(const Candidate& c, const TileOpSite& site) {
    auto* copy = site.stmt->kind == StmtKind::Copy ? as<CopyNode>(site.stmt) : nullptr;
    if (copy && copy->src.buffer->scope == MemScope::Global) return;  // another reader copy: depth checked
    Diagnostic& d = diags_.error(site.stmt->span, "buffer '" + c.name +
                                                      "' is filled from global memory and also written "
                                                      "on chip: a circular buffer has one producer");
    d.notes.push_back({Severity::Note, c.producer->span, "the copy from global memory is here", {}, {}});
  }

  // Messages name what the CB holds: the buffer, or the block of a global buffer that is staged
  // (its size comes from the block sizes, not from the buffer's shape).
  static std::string described(const Candidate& c) {
    if (c.block_region.empty()) return "buffer '" + c.name + "'";
    return "block " + c.block_region + " of buffer '" + c.name + "'";
  }

  void check_tiles(const Candidate& c) {
    if (!dev_.supports(c.dtype) || !dev_.tile_bytes_of(c.dtype) || !dev_.data_format_of(c.dtype)) {
      diags_.error(c.span, std::string("dtype '") + dtype_name(c.dtype) + "' of buffer '" + c.name +
                               "' is not supported by " + dev_.name);
      return;
    }
    // Vectors. A 1-D fragment [L] lives in L / 32 tiles (DST and CBs hold only tiles): a column vector (the
    // result of a reduction along dim 1, read as `m[i]` beside `x[i, j]`) is column 0 of a column of L / 32
    // tiles, what reduce_tile<REDUCE_ROW> leaves in DST and *_tiles_bcast_cols reads; a row vector (dim 0,
    // `v[j]`) is row 0 of a row of tiles (REDUCE_COL, *_tiles_bcast_rows). Element-wise maps over vectors run
    // on whole tiles with the ordinary SFPU/FPU ops: the other 31 columns (rows) are don't-care values that
    // no consumer reads. Either way the CB holds L / 32 pages; which of the two a vector is, tensorize_tt
    // decides from its producer and users and checks they agree.
    if (c.shape.size() == 1) {
      if (c.shape[0] % dev_.tile[0] != 0) {
        diags_.error(c.span, "vector '" + c.name + "' has " + std::to_string(c.shape[0]) +
                                 " elements, not a multiple of the tile size " + std::to_string(dev_.tile[0]) +
                                 " (a vector lives in column 0 or row 0 of whole tiles; padding is not supported yet)");
      }
      return;
    }
    if (c.shape.size() != 2) {
      diags_.error(c.span, "buffer '" + c.name + "' has " + std::to_string(c.shape.size()) +
                               " dimensions: circular buffers hold 2-D tiles");
      return;
    }
    for (size_t d = 0; d < 2; ++d) {
      if (c.shape[d] % dev_.tile[d] != 0) {
        diags_.error(c.span, described(c) + " is not tile-aligned: dim " + std::to_string(d) + " is " +
                                 std::to_string(c.shape[d]) + ", not a multiple of the tile size " +
                                 std::to_string(dev_.tile[d]) + " (padding is not supported yet)");
        return;
      }
    }
  }

  SourceSpan kernel_span() const {
    auto kernels = collect_kernels(func_.body);
    return kernels.empty() ? func_.span : kernels[0]->span;
  }

  bool assign_and_stamp() {
    std::vector<Candidate*> sorted;
    for (Candidate& c : order_) sorted.push_back(&c);
    std::stable_sort(sorted.begin(), sorted.end(), [](const Candidate* a, const Candidate* b) {
      return a->first_use != b->first_use ? a->first_use < b->first_use : a->decl_order < b->decl_order;
    });
    std::map<Role, int> used;
    std::vector<std::pair<Candidate*, int>> assigned;
    // Intermediates past c_31 (flash attention's statistics and the ones tiles) continue in the input range
    // after the last input: the scheme is tt-metal's convention, the hardware only needs distinct ids.
    const int inputs = static_cast<int>(
        std::count_if(sorted.begin(), sorted.end(), [](const Candidate* c) { return c->role == Role::Input; }));
    int spilled = 0;
    for (Candidate* c : sorted) {
      if (c->role == Role::Intermediate && used[c->role] >= scheme(c->role).count &&
          inputs + spilled < scheme(Role::Input).count) {
        // Inputs take c_0..c_(inputs-1) in whatever order they come, so a spilled intermediate must not advance
        // the inputs' counter (an input sorted after it would take its index: flash attention's causal mask
        // tile and the ones tile met at c_5).
        assigned.push_back({c, inputs + spilled++});
        continue;
      }
      assigned.push_back({c, scheme(c->role).base + used[c->role]++});
    }
    auto list_notes = [&](Diagnostic& d) {
      for (auto& [c, index] : assigned) {
        d.notes.push_back(
            {Severity::Note, c->span, c->name + ": " + role_name(c->role) + ", c_" + std::to_string(index), {}, {}});
      }
    };
    const int64_t total = static_cast<int64_t>(assigned.size());
    if (total > dev_.max_circular_buffers) {
      list_notes(diags_.error(kernel_span(), "too many circular buffers: " + std::to_string(total) +
                                                 " needed, device " + dev_.name + " has " +
                                                 std::to_string(dev_.max_circular_buffers)));
      return false;
    }
    for (Role r : {Role::Input, Role::Output, Role::Intermediate}) {
      RoleScheme s = scheme(r);
      if (used[r] > s.count) {
        const int needed = used[r] + (r == Role::Intermediate ? spilled : 0);
        const std::string spill_room = r == Role::Intermediate && inputs < scheme(Role::Input).count
                                           ? " and c_" + std::to_string(inputs) + "..c_" +
                                                 std::to_string(scheme(Role::Input).count - 1) + " after the inputs"
                                           : "";
        const int room = s.count + (spill_room.empty() ? 0 : scheme(Role::Input).count - inputs);
        list_notes(diags_.error(kernel_span(), std::string("too many ") + role_name(r) + " circular buffers: " +
                                                   std::to_string(needed) + " needed, the CB index scheme has " +
                                                   std::to_string(room) + " (c_" + std::to_string(s.base) + "..c_" +
                                                   std::to_string(s.base + s.count - 1) + spill_room + ")"));
        return false;
      }
    }
    bool ok = true;
    for (auto& [c, index] : assigned) {
      if (index >= dev_.max_circular_buffers) {
        diags_.error(c->span, "circular buffer index c_" + std::to_string(index) + " of '" + c->name +
                                  "' is out of range: device " + dev_.name + " has " +
                                  std::to_string(dev_.max_circular_buffers) + " circular buffers");
        ok = false;
        continue;
      }
      CircularBuffer cb;
      cb.name = c->name;
      cb.index = index;
      cb.dtype = dtype_name(c->dtype);
      cb.data_format = *dev_.data_format_of(c->dtype);
      cb.page_size = *dev_.tile_bytes_of(c->dtype);
      cb.tiles_per_stage = c->shape.size() == 1 ? c->shape[0] / dev_.tile[0]
                                                : (c->shape[0] / dev_.tile[0]) * (c->shape[1] / dev_.tile[1]);
      cb.depth = c->depth;
      if (streamed_.count(c->name) || (c->role == Role::Output && streamed_outputs_.count(c->name)))
        cb.tiles_per_stage = 1, cb.depth = 2;
      // A block whose every write is packed into an output CB and that nothing reads on chip (softmax's y) has a
      // CB that no call touches: one page, for the CB id the IR still names.
      if (idle_.count(c->name)) cb.tiles_per_stage = 1, cb.depth = 1;
      cb.num_pages = cb.tiles_per_stage * cb.depth;
      cb.bytes = cb.num_pages * cb.page_size;
      cb.role = role_name(c->role);
      cb.producer = c->role == Role::Input ? "reader" : "compute";
      cb.consumer = c->role == Role::Output ? "writer" : "compute";
      cb.span = c->span;
      set_circular_buffer(module_, cb);
    }
    return ok;
  }

  Module& module_;
  const PrimFunc& func_;
  const DeviceModel& dev_;
  DiagnosticList& diags_;
  std::vector<Candidate> order_;                   // on-chip buffers in allocation order, then outputs
  std::map<const BufferNode*, size_t> by_buffer_;  // buffer (on-chip or output global) -> order_ index
  std::map<std::string, std::string> staged_;      // staged_outputs()
  // Blocks a map streams into a reduction (tile_vectors.h): a two-page ring, whatever the block's size. CBs are
  // sized from what is live: a block produced tile by tile and consumed once, in the same order, right away needs
  // the pages in flight, not the block; a block read twice (x by reduce_max, then by the exp map) stays resident.
  std::set<std::string> streamed_;
  std::set<std::string> streamed_outputs_;  // drained tile by tile by the writer: a two-page ring too
  std::set<std::string> idle_;              // find_idle()
};

}  // namespace

bool propagate_tt_layout(Module& module, const PassContext& ctx, DiagnosticList& diags) {
  PrimFunc* func = single_func(module, "propagate_tt_layout", diags);
  if (!func) return false;
  return Propagator(module, *func, ctx.device, diags).run();
}

}  // namespace tt::passes
