// verify_tt_ir: metadata checks, per-node checks (CB operands, DST bounds, runtime args, leftover
// tile ops) and the cross-kernel CB balance (see the header).
#include "compiler/passes/verify_tt_ir.h"

#include <algorithm>
#include <set>

#include "compiler/ir/grid_trip_count.h"
#include "compiler/ir/printer.h"
#include "compiler/ir/tt_intrinsics.h"
#include "compiler/ir/tt_metadata.h"
#include "compiler/passes/tt_call_counter.h"
#include "compiler/passes/tt_kernel_roles.h"
#include "compiler/passes/verify_tt_ir_internal.h"

namespace tt::passes {

using namespace ir;
using namespace verify;

namespace {

struct Checker {
  const Module& module;
  const DeviceModel& device;
  DiagnosticList& diags;
  bool final;
  std::map<std::string, CircularBuffer> cbs;
  std::optional<int64_t> dst_capacity;
  std::string accum_dtype;
  std::string block_note;  // " (block b)" while checking the traffic of one block


  void error(const PrimFunc* f, const Stmt& s, const std::string& message) {
    std::string text;
    if (f) text += "in " + f->name + ": ";
    if (s) {
      text += '\'';
      text += node_text(s);
      text += "': ";
    }
    text += message;
    text += block_note;
    diags.error(s ? s->span : SourceSpan{}, std::move(text));
  }

  // The `tt.cb.*` entries: well-formed, ids in range and distinct, sizes consistent, L1 budget.
  void check_cb_metadata() {
    std::map<int, std::string> by_index;
    int64_t total = 0;
    for (const auto& [key, value] : module.attrs) {
      if (key.rfind("tt.cb.", 0) != 0) continue;
      std::string name = key.substr(6);
      std::optional<CircularBuffer> cb = get_circular_buffer(module, name);
      if (!cb) {
        diags.error({}, "malformed circular-buffer metadata '" + key + "'");
        continue;
      }
      cbs[name] = *cb;
      if (cb->index < 0 || cb->index >= device.max_circular_buffers) {
        diags.error({}, "circular buffer " + name + " has index " + std::to_string(cb->index) + ", outside [0, " +
                            std::to_string(device.max_circular_buffers) + ") on " + device.display_name);
      } else if (auto [it, fresh] = by_index.emplace(cb->index, name); !fresh) {
        diags.error({}, "circular buffers " + it->second + " and " + name + " share index " + std::to_string(cb->index));
      }
      if (cb->num_pages != cb->tiles_per_stage * cb->depth || cb->bytes != cb->num_pages * cb->page_size) {
        diags.error({}, "circular buffer " + name + " is inconsistent: " + std::to_string(cb->tiles_per_stage) +
                            " tiles x depth " + std::to_string(cb->depth) + " != " + std::to_string(cb->num_pages) +
                            " pages, or pages x page size != " + std::to_string(cb->bytes) + " bytes");
      }
      total += cb->bytes;
    }
    if (total > device.l1_budget()) {
      Diagnostic& d = diags.error({}, "circular buffers need " + std::to_string(total) + " bytes of L1 per core but " +
                                          device.display_name + " has " + std::to_string(device.l1_budget()));
      for (const auto& [name, cb] : cbs) {
        d.notes.push_back(Diagnostic{Severity::Note, cb.span, name + ": " + std::to_string(cb.bytes) + " bytes", {}, {}});
      }
    }
  }

  void check_cb_operand(const PrimFunc& f, const Stmt& s, const CBRefNode* ref) {
    auto it = cbs.find(ref->name);
    if (it == cbs.end()) {
      return error(&f, s, "circular buffer " + ref->name + " has no '" + cb_key(ref->name) + "' metadata");
    }
    if (it->second.index != ref->index) {
      error(&f, s, "uses index " + std::to_string(ref->index) + " for circular buffer " + ref->name + " but '" +
                       cb_key(ref->name) + "' says " + std::to_string(it->second.index));
    }
  }

  void check_call(const PrimFunc& f, const Stmt& s, const TTCallNode* call, const RangeEnv& ranges) {
    if (static_cast<int>(call->args.size()) != intrinsic_arity(call->op)) {
      return error(&f, s, std::string(intrinsic_name(call->op)) + " takes " + std::to_string(intrinsic_arity(call->op)) +
                              " operands, not " + std::to_string(call->args.size()));
    }
    for (const CBRefNode* ref : cb_operands(*call)) check_cb_operand(f, s, ref);
    if ((call->op == TTIntrinsic::CbReserveBack || call->op == TTIntrinsic::CbWaitFront) && !cb_operands(*call).empty()) {
      // Asking for more pages than the CB holds blocks forever.
      auto it = cbs.find(cb_operands(*call)[0]->name);
      std::optional<Interval> n = bound(call->args[1], ranges);
      if (it != cbs.end() && n && n->hi > it->second.num_pages) {
        error(&f, s, "waits for " + std::to_string(n->hi) + " tiles but circular buffer " + it->first + " holds " +
                         std::to_string(it->second.num_pages));
      }
    }
    if (final) check_cb_side(f, s, call);
    if (dst_operand(call->op) < 0) return;
    if (!dst_capacity) {
      return error(&f, s, "uses DST but the accumulation dtype is unknown ('" + std::string(kGemmKey) +
                              "' metadata is missing)");
    }
    // Every DST operand (an SFPU binary op names two inputs and its result).
    const TTIntrinsicInfo& info = intrinsic_info(call->op);
    for (size_t i = 0; i < call->args.size(); ++i) {
      if (info.operands[i] != TTOperand::Dst) continue;
      const Expr& index = call->args[i];
      std::optional<Interval> b = bound(index, ranges);
      if (!b) return error(&f, s, "DST index " + print_expr(index) + " cannot be bounded");
      if (b->lo < 0 || b->hi >= *dst_capacity) {
        error(&f, s, "DST index " + print_expr(index) + " reaches " + std::to_string(b->lo < 0 ? b->lo : b->hi) +
                         " but DST holds " + std::to_string(*dst_capacity) + " tiles for " + accum_dtype +
                         " accumulation on " + device.display_name);
      }
    }
  }

  // Only a CB's producer kernel may fill its pages (the table's CbFill operands: NoC read, pack) and
  // only its consumer may read them (CbRead: NoC write, copy_tile, matmul_tiles); otherwise they touch pages they never
  // reserved/waited for.
  void check_cb_side(const PrimFunc& f, const Stmt& s, const TTCallNode* call) {
    const TTIntrinsicInfo& info = intrinsic_info(call->op);
    for (size_t i = 0; i < call->args.size(); ++i) {
      const TTOperand use = info.operands[i];
      const bool fills = use == TTOperand::CbFill, drains = use == TTOperand::CbRead;
      if ((!fills && !drains) || call->args[i]->kind != ExprKind::CBRef) continue;
      const CBRefNode* ref = as<CBRefNode>(call->args[i]);
      auto it = cbs.find(ref->name);
      if (it == cbs.end()) continue;
      const std::string& side = fills ? it->second.producer : it->second.consumer;
      if (kernel_role_from_name(side) == f.role) continue;
      error(&f, s, std::string(fills ? "fills" : "reads") + " circular buffer " + ref->name + " in the " +
                       kernel_role_name(f.role) + " kernel, but its " + (fills ? "producer" : "consumer") + " is '" +
                       side + "'");
    }
  }

  void check_runtime_args(const PrimFunc& f, const Stmt& s, const Expr& e, const RuntimeArgs* args) {
    if (!e) return;
    if (e->kind == ExprKind::Binary) {
      check_runtime_args(f, s, as<BinaryNode>(e)->a, args);
      check_runtime_args(f, s, as<BinaryNode>(e)->b, args);
      return;
    }
    if (e->kind != ExprKind::RuntimeArg || !final) return;
    auto* op = as<RuntimeArgNode>(e);
    if (!args) return error(&f, s, "uses runtime arg '" + op->name + "' but '" + kRuntimeArgNamesKey + "' is missing");
    const std::vector<std::string>& names = args->names(f.role);
    if (op->index < 0 || op->index >= static_cast<int>(names.size()) || names[op->index] != op->name) {
      error(&f, s, "runtime arg " + std::to_string(op->index) + " '" + op->name + "' is not entry " +
                       std::to_string(op->index) + " of " + kRuntimeArgNamesKey + "." + kernel_role_name(f.role));
    }
  }

  // Walks a kernel with the value ranges of the enclosing loops (for DST bounds).
  void walk(const PrimFunc& f, const Stmt& s, RangeEnv& ranges, const RuntimeArgs* args) {
    if (!s) return;
    switch (s->kind) {
      case StmtKind::Seq: {
        std::vector<const VarNode*> bound_here;
        for (const Stmt& c : as<SeqNode>(s)->stmts) {
          walk(f, c, ranges, args);
          if (c->kind != StmtKind::Let) continue;
          auto* let = as<LetNode>(c);
          if (std::optional<Interval> b = bound(let->value, ranges)) {
            ranges[let->var.get()] = *b;
            bound_here.push_back(let->var.get());
          }
        }
        for (const VarNode* v : bound_here) ranges.erase(v);
        break;
      }
      case StmtKind::For: {
        auto* op = as<ForNode>(s);
        check_runtime_args(f, s, op->min, args);
        check_runtime_args(f, s, op->extent, args);
        if (std::optional<Interval> r = loop_var_bound(*op, ranges)) ranges[op->var.get()] = *r;
        walk(f, op->body, ranges, args);
        ranges.erase(op->var.get());
        break;
      }
      case StmtKind::If: {
        auto* op = as<IfNode>(s);
        check_runtime_args(f, s, op->cond, args);
        walk(f, op->then_body, ranges, args);
        walk(f, op->else_body, ranges, args);
        break;
      }
      case StmtKind::Let: check_runtime_args(f, s, as<LetNode>(s)->value, args); break;
      case StmtKind::TTCall: {
        auto* call = as<TTCallNode>(s);
        for (const Expr& a : call->args) check_runtime_args(f, s, a, args);
        check_call(f, s, call, ranges);
        break;
      }
      case StmtKind::Copy: case StmtKind::Gemm: case StmtKind::Fill: case StmtKind::Store: case StmtKind::Reduce:
        if (final) error(&f, s, "tile-level op remains in the final IR (tensorize_tt did not lower it)");
        break;
      case StmtKind::Kernel:
        if (final) error(&f, s, "T.Kernel grid remains in the final IR (grid_to_persistent_tt did not replace it)");
        walk(f, as<KernelNode>(s)->body, ranges, args);
        break;
      case StmtKind::Allocate: break;
    }
  }

  void check_traffic_in_kernel(const PrimFunc& f, const std::string& name, const CBTraffic& t) {
    auto it = cbs.find(name);
    if (it == cbs.end()) return;  // reported at the node
    const CircularBuffer& cb = it->second;
    if (t.reserve != t.push) {
      error(&f, t.first_push ? t.first_push : t.first_reserve,
            "reserves " + std::to_string(t.reserve) + " tiles of circular buffer " + name +
                " per iteration but pushes " + std::to_string(t.push));
    }
    if (t.wait != t.pop) {
      error(&f, t.first_pop ? t.first_pop : t.first_wait,
            "waits for " + std::to_string(t.wait) + " tiles of circular buffer " + name + " per iteration but pops " +
                std::to_string(t.pop));
    }
    if ((t.reserve || t.push) && kernel_role_from_name(cb.producer) != f.role) {
      error(&f, t.first_push ? t.first_push : t.first_reserve,
            "the " + std::string(kernel_role_name(f.role)) + " kernel produces into circular buffer " + name +
                ", whose producer is '" + cb.producer + "'");
    }
    if ((t.wait || t.pop) && kernel_role_from_name(cb.consumer) != f.role) {
      error(&f, t.first_pop ? t.first_pop : t.first_wait,
            "the " + std::string(kernel_role_name(f.role)) + " kernel consumes circular buffer " + name +
                ", whose consumer is '" + cb.consumer + "'");
    }
  }

  // Per CB: what its producer kernel pushes per iteration equals what its consumer kernel pops.
  void check_balance(const std::vector<std::pair<const PrimFunc*, KernelTraffic>>& traffic) {
    for (const auto& [name, cb] : cbs) {
      int64_t pushed = 0, popped = 0;
      const PrimFunc* producer = nullptr;
      const PrimFunc* consumer = nullptr;
      Stmt at;
      for (const auto& [f, kt] : traffic) {
        auto it = kt.find(name);
        if (it == kt.end()) continue;
        if (f->role == kernel_role_from_name(cb.producer)) {
          pushed += it->second.push;
          producer = f;
          if (!at) at = it->second.first_push;
        }
        if (f->role == kernel_role_from_name(cb.consumer)) {
          popped += it->second.pop;
          consumer = f;
          if (!at) at = it->second.first_pop;
        }
      }
      if (pushed == popped) continue;
      std::string who_pushes = producer ? producer->name : "no " + cb.producer + " kernel";
      std::string who_pops = consumer ? consumer->name : "no " + cb.consumer + " kernel";
      error(producer ? producer : consumer, at,
            "circular buffer " + name + " (cb " + std::to_string(cb.index) + ") is unbalanced: " + who_pushes +
                " pushes " + std::to_string(pushed) + " tiles per persistent-loop iteration but " + who_pops +
                " pops " + std::to_string(popped));
    }
  }

  void run() {
    check_cb_metadata();
    std::optional<GemmInfo> g = get_gemm_info(module);
    const std::string dst_dtype = g ? g->accum_dtype : dst_dtype_without_gemm(module);
    if (std::optional<DataType> dt = parse_dtype(dst_dtype)) {
      dst_capacity = device.dst_capacity(*dt);
      accum_dtype = dst_dtype;
    }
    std::optional<RuntimeArgs> args = get_runtime_args(module);
    std::vector<std::pair<const PrimFunc*, KernelTraffic>> traffic;
    std::vector<const PrimFunc*> per_block;  // kernels whose traffic depends on the block (a causal KV loop)
    for (const PrimFunc& f : module.funcs) {
      if (final && f.role == KernelRole::None) {
        diags.error(f.span, "function " + f.name + " is not a reader/compute/writer kernel (split_device_kernels did not run)");
        continue;
      }
      RangeEnv ranges;
      walk(f, f.body, ranges, args ? &*args : nullptr);
      if (!final) continue;
      KernelTraffic kt;
      bool needs_block = false;
      if (!count_cb_traffic(f, kt, diags, std::nullopt, needs_block)) {
        if (needs_block) per_block.push_back(&f);
        continue;
      }
      for (const auto& [name, t] : kt) check_traffic_in_kernel(f, name, t);
      traffic.emplace_back(&f, std::move(kt));
    }
    if (!final) return;
    if (per_block.empty()) return check_balance(traffic);
    check_balance_per_block(traffic, per_block);
  }

  // Every block balances its own traffic: the kernels whose counts depend on the block are counted at each
  // block of the grid (all three kernels of a core compute the same trip count from the block index), the
  // others once. Stops at the first block with an error.
  void check_balance_per_block(const std::vector<std::pair<const PrimFunc*, KernelTraffic>>& fixed,
                               const std::vector<const PrimFunc*>& per_block) {
    std::optional<WorkPartition> partition = get_work_partition(module);
    if (!partition) {
      diags.error({}, "per-block circular-buffer counts need tt.core_ranges");
      return;
    }
    if (partition->num_blocks > kMaxGridCombinations) {
      Diagnostic& d = diags.error(per_block[0]->span, "in " + per_block[0]->name + ": the circular-buffer traffic " +
                                                          "depends on the block index and the grid has " +
                                                          std::to_string(partition->num_blocks) + " blocks, more than " +
                                                          std::to_string(kMaxGridCombinations) + " to check one by one");
      d.category = DiagnosticCategory::Unsupported;
      return;
    }
    // Blocks whose kernels all have the same count keys (a causal KV loop: one query row) balance alike.
    std::vector<BlockCountKey> keys;
    for (const PrimFunc* f : per_block) keys.emplace_back(*f);
    std::set<std::vector<std::vector<int64_t>>> checked;
    const size_t errors_before = diags.error_count();
    for (int64_t b = 0; b < partition->num_blocks && diags.error_count() == errors_before; ++b) {
      std::vector<std::vector<int64_t>> key;
      for (const BlockCountKey& k : keys) key.push_back(k.at(b));
      if (!checked.insert(std::move(key)).second) continue;
      std::vector<std::pair<const PrimFunc*, KernelTraffic>> traffic = fixed;
      block_note = " (block " + std::to_string(b) + ")";
      for (const PrimFunc* f : per_block) {
        KernelTraffic kt;
        bool needs_block = false;
        if (!count_cb_traffic(*f, kt, diags, b, needs_block)) return;
        for (const auto& [name, t] : kt) check_traffic_in_kernel(*f, name, t);
        traffic.emplace_back(f, std::move(kt));
      }
      check_balance(traffic);
    }
    block_note.clear();
  }
};

}  // namespace

bool verify_tt_module(const Module& module, const DeviceModel& device, DiagnosticList& diags, bool final) {
  size_t errors_before = diags.error_count();
  Checker{module, device, diags, final, {}, std::nullopt, {}, {}}.run();
  return diags.error_count() == errors_before;
}

bool verify_tt_ir(Module& module, const PassContext& ctx, DiagnosticList& diags) {
  return verify_tt_module(module, ctx.device, diags, true);
}

}  // namespace tt::passes
