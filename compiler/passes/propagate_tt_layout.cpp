// propagate_tt_layout: circular-buffer metadata from data flow (who fills a buffer, from where, in
// which loop); sizes from the device's tile bytes.
#include "compiler/passes/propagate_tt_layout.h"

#include <algorithm>
#include <limits>
#include <map>

#include "compiler/ir/printer.h"
#include "compiler/ir/tt_metadata.h"
#include "compiler/passes/tile_op_analysis.h"

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
  // Filled from a 1-D global buffer (a broadcast vector block, stage_vectors.h): its unit dim is one tile holding
  // the vector in its row 0 (column 0).
  bool vector = false;
};

// Tiles along a dim of a block: a vector block's unit dim is one tile.
int64_t tiles_along(const Candidate& c, size_t d, int64_t tile) {
  return c.vector && c.shape[d] == 1 ? 1 : c.shape[d] / tile;
}

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
        if (u.write && it != by_buffer_.end() && order_[it->second].role == Role::Input &&
            site.stmt != order_[it->second].producer) {
          check_single_producer(order_[it->second], site);
        }
      }
    }
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
        c.vector = src->shape.size() == 1;
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
    if (c.shape.size() != 2) {
      diags_.error(c.span, "buffer '" + c.name + "' has " + std::to_string(c.shape.size()) +
                               " dimensions: circular buffers hold 2-D tiles");
      return;
    }
    for (size_t d = 0; d < 2; ++d) {
      if (c.shape[d] % dev_.tile[d] != 0 && !(c.vector && c.shape[d] == 1)) {
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
    for (Candidate* c : sorted) assigned.push_back({c, scheme(c->role).base + used[c->role]++});
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
        list_notes(diags_.error(
            kernel_span(), std::string("too many ") + role_name(r) + " circular buffers: " + std::to_string(used[r]) +
                               " needed, the CB index scheme has " + std::to_string(s.count) + " (c_" +
                               std::to_string(s.base) + "..c_" + std::to_string(s.base + s.count - 1) + ")"));
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
      cb.tiles_per_stage = tiles_along(*c, 0, dev_.tile[0]) * tiles_along(*c, 1, dev_.tile[1]);
      cb.depth = c->depth;
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
};

}  // namespace

bool propagate_tt_layout(Module& module, const PassContext& ctx, DiagnosticList& diags) {
  PrimFunc* func = single_func(module, "propagate_tt_layout", diags);
  if (!func) return false;
  return Propagator(module, *func, ctx.device, diags).run();
}

}  // namespace tt::passes
