// memory_space_lower_tt: shared/fragment buffers -> circular buffers; per-core L1 budget check.
#include "compiler/passes/memory_space_lower_tt.h"

#include <algorithm>
#include <map>

#include "compiler/ir/functor.h"
#include "compiler/ir/tt_metadata.h"
#include "compiler/passes/tile_mask.h"
#include "compiler/passes/tile_op_analysis.h"
#include "compiler/passes/tile_vectors.h"

namespace tt::passes {

using namespace ir;

namespace {

struct CBAlloc {
  CircularBuffer cb;
  Buffer buffer;  // in scope CircularBuffer
  SourceSpan span;
};

// Deletes the on-chip allocations and re-declares them (as CBs) right before the persistent loop.
class Hoister final : public IRMutator {
 public:
  explicit Hoister(std::vector<Stmt> cb_allocs) : cb_allocs_(std::move(cb_allocs)) {}
  using IRMutator::mutate;

 protected:
  Stmt mutate_allocate(const Stmt& s, const AllocateNode* op) override {
    return is_on_chip(op->buffer->scope) ? nullptr : s;
  }
  Stmt mutate_for(const Stmt& s, const ForNode* op) override {
    Stmt lowered = IRMutator::mutate_for(s, op);
    if (op->for_kind != ForKind::Persistent) return lowered;
    std::vector<Stmt> out = cb_allocs_;
    out.push_back(lowered);
    return seq(std::move(out), s->span);  // spliced into the enclosing sequence
  }

 private:
  std::vector<Stmt> cb_allocs_;
};

class Lowerer {
 public:
  Lowerer(Module& m, PrimFunc& f, const DeviceModel& d, DiagnosticList& diags)
      : module_(m), func_(f), dev_(d), diags_(diags) {}

  bool run() {
    const ForNode* loop = find_persistent_loop(func_.body);
    if (!loop) {
      diags_.error(func_.span,
                   "memory_space_lower_tt needs the persistent loop of grid_to_persistent_tt in '" + func_.name + "'");
      return false;
    }
    size_t errors = diags_.error_count();
    collect_on_chip();
    collect_outputs();
    collect_ones_tiles();
    collect_masks();
    check_all_described();
    if (diags_.error_count() != errors) return false;
    std::sort(allocs_.begin(), allocs_.end(),
              [](const CBAlloc& a, const CBAlloc& b) { return a.cb.index < b.cb.index; });
    if (!check_budget(loop->span)) return false;

    std::vector<Stmt> cb_stmts;
    for (const CBAlloc& a : allocs_) {
      cb_stmts.push_back(make_cb_allocate(a.buffer, a.cb.index, a.cb.num_pages, a.cb.page_size, a.span));
    }
    Hoister hoist(std::move(cb_stmts));
    func_.body = substitute_buffers(hoist.mutate(func_.body), bmap_);
    return true;
  }

 private:
  void collect_on_chip() {
    for (const AllocateNode* a : collect_allocations(func_.body)) {
      const Buffer& b = a->buffer;
      if (!is_on_chip(b->scope)) continue;
      auto cb = get_circular_buffer(module_, b->name);
      if (!cb) {
        diags_.error(a->span, "no circular buffer metadata for '" + b->name + "' (" + cb_key(b->name) +
                                  " missing or malformed)");
        continue;
      }
      Buffer lowered = make_buffer(b->name, b->shape, b->dtype, MemScope::CircularBuffer, b->span);
      bmap_[b.get()] = lowered;
      allocs_.push_back({*cb, lowered, a->span});
    }
  }

  // Output staging CBs are named after the global buffer they stage; shaped like the copied block.
  void collect_outputs() {
    for (const CircularBuffer& cb : all_circular_buffers(module_)) {
      if (cb.role != "output") continue;
      for (const TileOpSite& site : collect_tile_ops(func_.body)) {
        if (site.stmt->kind != StmtKind::Copy) continue;
        const Region& dst = as<CopyNode>(site.stmt)->dst;
        if (dst.buffer->scope != MemScope::Global || dst.buffer->name != cb.name) continue;
        const auto& ext = dst.extents;
        std::vector<int64_t> block(ext.end() - std::min<size_t>(2, ext.size()), ext.end());
        allocs_.push_back({cb,
                           make_buffer(cb.name, block, dst.buffer->dtype, MemScope::CircularBuffer, site.stmt->span),
                           site.stmt->span});
        break;
      }
    }
  }

  // The CBs compute makes for itself (tile_vectors.h): the one-page tiles of ones that reductions and vector
  // broadcasts read, and the rings of the prepared copies that min / absmax / abssum reductions pool.
  void collect_ones_tiles() {
    std::vector<std::pair<std::string, DataType>> cbs;
    for (DataType dtype : ones_tile_dtypes(func_.body)) cbs.push_back({ones_tile_cb(dtype), dtype});
    for (const PreparedReduction& p : prepared_reductions(func_.body)) cbs.push_back({p.cb, p.dtype});
    for (const auto& [name, dtype] : cbs) {
      auto cb = get_circular_buffer(module_, name);
      if (!cb) {
        diags_.error(func_.span,
                     "no circular buffer metadata for '" + name + "' (" + cb_key(name) + " missing or malformed)");
        continue;
      }
      allocs_.push_back(
          {*cb, make_buffer(cb->name, dev_.tile, dtype, MemScope::CircularBuffer, func_.span), func_.span});
    }
  }

  // The mixed tile of a gemm accumulator's per-tile mask (propagate_tt_layout): one tile of the accumulator's dtype.
  void collect_masks() {
    for_each_stmt(func_.body, [&](const Stmt& s) {
      if (s->kind != StmtKind::Gemm) return;
      const Buffer& acc = as<GemmNode>(s)->c.buffer;
      std::optional<CircularBuffer> cb = get_circular_buffer(module_, mask_cb_name(acc->name));
      if (!cb || std::any_of(allocs_.begin(), allocs_.end(), [&](const CBAlloc& a) { return a.cb.name == cb->name; })) {
        return;
      }
      allocs_.push_back(
          {*cb, make_buffer(cb->name, {dev_.tile[0], dev_.tile[1]}, acc->dtype, MemScope::CircularBuffer, cb->span),
           cb->span});
    });
  }

  // Every tt.cb entry must be realized by an allocation: a stale or misspelled entry is an error.
  void check_all_described() {
    for (const CircularBuffer& cb : all_circular_buffers(module_)) {
      bool found = std::any_of(allocs_.begin(), allocs_.end(), [&](const CBAlloc& a) { return a.cb.name == cb.name; });
      if (!found) {
        diags_.error(func_.span, cb_key(cb.name) + " (c_" + std::to_string(cb.index) + ", role " + cb.role +
                                     ") describes no on-chip buffer or output copy of '" + func_.name + "'");
      }
    }
  }

  bool check_budget(SourceSpan span) {
    int64_t total = 0;
    for (const CBAlloc& a : allocs_) total += a.cb.bytes;
    if (total <= dev_.l1_budget()) return true;
    Diagnostic& d = diags_.error(span, "L1 overflow on " + dev_.name + ": circular buffers need " + with_commas(total) +
                                           " bytes, budget is " + with_commas(dev_.l1_budget()) + " bytes");
    for (const CBAlloc& a : allocs_) {
      d.notes.push_back({Severity::Note,
                         a.span,
                         a.cb.name + ": cb " + std::to_string(a.cb.index) + ", " + std::to_string(a.cb.num_pages) +
                             " pages x " + std::to_string(a.cb.page_size) + " B = " + std::to_string(a.cb.bytes) + " B",
                         {},
                         {}});
    }
    d.notes.push_back({Severity::Note,
                       {},
                       "reserved: " + std::to_string(dev_.l1_reserved_bytes) + " B of the " +
                           std::to_string(dev_.l1_bytes) + " B L1 per core are reserved for firmware and the runtime",
                       {},
                       {}});
    return false;
  }

  Module& module_;
  PrimFunc& func_;
  const DeviceModel& dev_;
  DiagnosticList& diags_;
  std::vector<CBAlloc> allocs_;
  std::map<const BufferNode*, Buffer> bmap_;
};

}  // namespace

bool memory_space_lower_tt(Module& module, const PassContext& ctx, DiagnosticList& diags) {
  PrimFunc* func = single_func(module, "memory_space_lower_tt", diags);
  if (!func) return false;
  return Lowerer(module, *func, ctx.device, diags).run();
}

}  // namespace tt::passes
