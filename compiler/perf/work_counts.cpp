// count_program_work: counts each device kernel's TT calls with count_tt_calls and weighs them with
// the tile sizes of the buffers and CBs they move.
#include "compiler/perf/work_counts.h"

#include <algorithm>

#include "compiler/ir/tt_intrinsics.h"
#include "compiler/ir/tt_metadata.h"
#include "compiler/ir/tt_multicast.h"
#include "compiler/passes/tt_call_counter.h"

namespace tt::perf {

using namespace ir;

void OpCounts::add(const OpCounts& o, int64_t times) {
  dram_read_bytes += o.dram_read_bytes * times;
  dram_write_bytes += o.dram_write_bytes * times;
  noc_reads += o.noc_reads * times;
  noc_writes += o.noc_writes * times;
  tile_matmuls += o.tile_matmuls * times;
  fpu_tile_ops += o.fpu_tile_ops * times;
  sfpu_tile_ops += o.sfpu_tile_ops * times;
  unpack_tiles += o.unpack_tiles * times;
  pack_tiles += o.pack_tiles * times;
  spill_bytes += o.spill_bytes * times;
  reload_bytes += o.reload_bytes * times;
  multicast_send_bytes += o.multicast_send_bytes * times;
  multicast_receive_bytes += o.multicast_receive_bytes * times;
}

OpCounts CoreCounts::total() const {
  OpCounts t;
  t.add(reader, 1);
  t.add(compute, 1);
  t.add(writer, 1);
  return t;
}

namespace {

// What a call does, read from its operand kinds in the intrinsic table (tt_intrinsics.def), not from a
// list of intrinsics: a DRAM buffer operand is a NoC page transfer (into a CB it fills: a read); a DST
// operand with a CB it fills is a pack; with two CB pages it reads, a matrix-engine op (matmul_tiles, or
// an element-wise FPU op); with one, an unpack into DST; with none, an SFPU op in place on DST.
// A count of core-to-core pages is a multicast of a CB's pages (noc_async_write_multicast). Everything
// else is protocol or configuration.
enum class Work { None, NocRead, NocWrite, Multicast, Pack, Matmul, FpuEltwise, Unpack, Sfpu };

Work work_of(TTIntrinsic op) {
  const TTIntrinsicInfo& info = intrinsic_info(op);
  if (info.has(TTOperand::CorePages)) return Work::Multicast;
  if (info.has(TTOperand::DramBuffer)) return info.has(TTOperand::CbFill) ? Work::NocRead : Work::NocWrite;
  if (!info.has(TTOperand::Dst)) return Work::None;
  if (info.has(TTOperand::CbFill)) return Work::Pack;
  const auto reads = std::count(info.operands.begin(), info.operands.begin() + info.arity, TTOperand::CbRead);
  // matmul_tiles and add_tiles have the same operands; only the op tells a tile product from an
  // element-wise one.
  if (reads == 2) return op == TTIntrinsic::MatmulTiles ? Work::Matmul : Work::FpuEltwise;
  return reads == 1 ? Work::Unpack : Work::Sfpu;
}

bool is_counted(TTIntrinsic op) { return work_of(op) != Work::None; }

const CBRefNode* cb_arg(const TTCallNode& call, int i) {
  if (i < 0 || static_cast<size_t>(i) >= call.args.size() || call.args[i]->kind != ExprKind::CBRef) return nullptr;
  return as<CBRefNode>(call.args[i]);
}

class KernelCounter {
 public:
  KernelCounter(const Module& m, KernelCounts& out) : module_(m), out_(out) {}

  std::optional<std::string> visit(const passes::CountedCall& c) {
    OpCounts one;
    const TTCallNode& call = c.call;
    const TTIntrinsicInfo& info = intrinsic_info(call.op);
    switch (work_of(call.op)) {
      case Work::NocRead:
      case Work::NocWrite: {
        // (buffer name, tile id, cb, cb page offset): one page of the DRAM buffer.
        const int arg = info.find(TTOperand::DramBuffer);
        if (call.args[arg]->kind != ExprKind::StringImm) return "the NoC call names no DRAM buffer";
        const std::string& buffer = as<StringImmNode>(call.args[arg])->value;
        std::optional<BufferLayout> layout = get_buffer_layout(module_, buffer);
        if (!layout) return "no tt.buffer." + buffer + " layout for the NoC transfer";
        const bool read = work_of(call.op) == Work::NocRead;
        (read ? one.dram_read_bytes : one.dram_write_bytes) = layout->tile_bytes;
        (read ? one.noc_reads : one.noc_writes) = 1;
        if (c.per_block) {
          (read ? out_.dram_read_bytes_per_block : out_.dram_write_bytes_per_block)[buffer] += layout->tile_bytes * c.times;
        }
        break;
      }
      case Work::Multicast: {  // the CB's reserved pages, sent to other cores
        const CBRefNode* cb_ref = cb_arg(call, info.find(TTOperand::CbFill));
        std::optional<CircularBuffer> cb = cb_ref ? get_circular_buffer(module_, cb_ref->name) : std::nullopt;
        std::optional<int64_t> pages = passes::verify::eval_const(call.args[info.find(TTOperand::CorePages)], c.env);
        if (!cb || !pages) return "the multicast's CB or page count is unknown";
        one.multicast_send_bytes = *pages * cb->page_size;
        if (c.per_block) out_.multicast_bytes_per_block[cb->name] += one.multicast_send_bytes * c.times;
        break;
      }
      case Work::Matmul:
        one.tile_matmuls = 1;
        break;
      case Work::FpuEltwise:
        one.fpu_tile_ops = 1;
        break;
      case Work::Sfpu:
        one.sfpu_tile_ops = 1;
        break;
      case Work::Unpack: {
        one.unpack_tiles = 1;
        if (std::optional<int64_t> bytes = intermediate_page_bytes(cb_arg(call, info.find(TTOperand::CbRead)))) {
          one.reload_bytes = *bytes;
        }
        break;
      }
      case Work::Pack: {
        one.pack_tiles = 1;
        if (std::optional<int64_t> bytes = intermediate_page_bytes(cb_arg(call, info.find(TTOperand::CbFill)))) {
          one.spill_bytes = *bytes;
        }
        break;
      }
      case Work::None:
        return std::nullopt;
    }
    (c.per_block ? out_.per_block : out_.per_launch).add(one, c.times);
    if (c.per_block) line_counts(c.stmt->span.begin.line).add(one, c.times);
    return std::nullopt;
  }

 private:
  // Page bytes of a CB that holds a kernel's own partial results (produced and consumed by compute).
  std::optional<int64_t> intermediate_page_bytes(const CBRefNode* cb) {
    if (!cb) return std::nullopt;
    std::optional<CircularBuffer> info = get_circular_buffer(module_, cb->name);
    if (!info || info->role != "intermediate") return std::nullopt;
    return info->page_size;
  }

  OpCounts& line_counts(int line) {
    for (LineCounts& l : out_.lines) {
      if (l.line == line) return l.per_block;
    }
    out_.lines.push_back(LineCounts{line, {}});
    return out_.lines.back().per_block;
  }

  const Module& module_;
  KernelCounts& out_;
};

OpCounts& per_role(CoreCounts& c, KernelRole role) {
  return role == KernelRole::Reader ? c.reader : role == KernelRole::Writer ? c.writer : c.compute;
}

}  // namespace

namespace {

// One kernel's counts, for all cores at once or (runtime_args) for one core, and for every block or one.
std::optional<KernelCounts> count_kernel(const Module& module, const PrimFunc& f,
                                         const std::vector<int64_t>* runtime_args,
                                         std::optional<passes::CallCountFailure>& failure,
                                         std::optional<int64_t> block = std::nullopt) {
  KernelCounts k;
  k.func = f.name;
  k.role = f.role;
  KernelCounter counter(module, k);
  failure = passes::count_tt_calls(
      f, is_counted, [&](const passes::CountedCall& c) { return counter.visit(c); }, runtime_args, block);
  if (failure) return std::nullopt;
  std::sort(k.lines.begin(), k.lines.end(), [](const LineCounts& a, const LineCounts& b) { return a.line < b.line; });
  return k;
}

// A core's runtime-argument values of `role` as numbers (addresses are irrelevant to the counts: 0).
std::vector<int64_t> arg_values(const RuntimeArgs::PerCore& c, KernelRole role) {
  const auto& values = role == KernelRole::Reader ? c.reader : role == KernelRole::Writer ? c.writer : c.compute;
  std::vector<int64_t> out;
  for (const RuntimeArgValue& v : values) out.push_back(v.buffer_address.empty() ? v.value : 0);
  return out;
}

// How much a block does, to pick the block a per-block summary shows (the one with the most work).
int64_t work_size(const OpCounts& c) {
  return c.noc_reads + c.noc_writes + c.tile_matmuls + c.fpu_tile_ops + c.sfpu_tile_ops + c.unpack_tiles +
         c.pack_tiles;
}

// A kernel whose work depends on the block, counted block by block: per core, the sum over the blocks it
// runs (in `cores`, per_block holding that sum and the maps that core's totals); returned, the block with the
// most work. nullopt with `failure` set when a block cannot be counted.
std::optional<KernelCounts> count_kernel_per_block(const Module& module, const PrimFunc& f,
                                                   const WorkPartition& partition, const std::optional<RuntimeArgs>& args,
                                                   std::map<std::pair<int64_t, int64_t>, KernelCounts>& cores,
                                                   std::optional<passes::CallCountFailure>& failure) {
  std::optional<KernelCounts> busiest;
  // Blocks with the same key count alike (a causal KV loop: the blocks of one query row): each key is counted
  // once, without runtime args; a count that needs them (a multicast sender's role) is counted per core and block.
  const passes::BlockCountKey key(f);
  std::map<std::vector<int64_t>, KernelCounts> by_key;
  for (const CoreWork& w : partition.cores) {
    if (w.count == 0) continue;
    std::vector<int64_t> values;
    if (args) {
      for (const RuntimeArgs::PerCore& c : args->cores)
        if (c.x == w.x && c.y == w.y) values = arg_values(c, f.role);
    }
    KernelCounts sum;
    for (int64_t b = w.start; b < w.start + w.count; ++b) {
      const std::vector<int64_t> at = key.at(b);
      auto known = by_key.find(at);
      std::optional<KernelCounts> k;
      if (known != by_key.end()) {
        k = known->second;
      } else if ((k = count_kernel(module, f, nullptr, failure, b))) {
        by_key.emplace(at, *k);
      } else if (args) {
        k = count_kernel(module, f, &values, failure, b);
      }
      if (!k) return std::nullopt;
      if (!busiest || work_size(k->per_block) > work_size(busiest->per_block)) busiest = *k;
      if (b == w.start) {
        sum = *k;
        continue;
      }
      sum.per_block.add(k->per_block, 1);
      for (const auto& [buffer, bytes] : k->dram_read_bytes_per_block) sum.dram_read_bytes_per_block[buffer] += bytes;
      for (const auto& [buffer, bytes] : k->dram_write_bytes_per_block) sum.dram_write_bytes_per_block[buffer] += bytes;
      for (const auto& [cb, bytes] : k->multicast_bytes_per_block) sum.multicast_bytes_per_block[cb] += bytes;
    }
    cores[{w.x, w.y}] = std::move(sum);
  }
  if (busiest) busiest->varies_by_block = true;
  return busiest;
}

// Bytes a receiver gets per launch from the sender of each panel it does not send itself.
void add_multicast_receives(const Module& module, std::vector<CoreCounts>& cores,
                            const std::map<std::pair<int64_t, int64_t>, std::map<std::string, int64_t>>& sent) {
  std::optional<MulticastPlan> plan = get_multicast_plan(module);
  if (!plan) return;
  for (CoreCounts& c : cores) {
    if (c.blocks == 0) continue;
    for (const PanelMulticast& p : plan->panels) {
      const std::pair<int64_t, int64_t> sender =
          p.shared_by == "row" ? std::pair{int64_t{0}, c.y} : std::pair{c.x, int64_t{0}};
      if (sender == std::pair{c.x, c.y}) continue;
      auto it = sent.find(sender);
      if (it == sent.end()) continue;
      auto bytes = it->second.find(p.cb);
      if (bytes != it->second.end()) c.reader.multicast_receive_bytes += bytes->second;
    }
  }
}

}  // namespace

std::optional<ProgramCounts> count_program_work(const Module& module, DiagnosticList& diags) {
  std::optional<WorkPartition> partition = get_work_partition(module);
  if (!partition) {
    diags.error(SourceSpan{}, "performance counts need tt.core_ranges (run layout_aware_work_partition_tt)");
    return std::nullopt;
  }
  std::optional<RuntimeArgs> args = get_runtime_args(module);
  ProgramCounts out;
  // Per kernel: one count for every core, or, when that depends on a core's runtime args, one per active core.
  std::vector<std::map<std::pair<int64_t, int64_t>, KernelCounts>> per_core;
  for (const PrimFunc& f : module.funcs) {
    if (f.role == KernelRole::None) continue;
    std::optional<passes::CallCountFailure> failure;
    std::optional<KernelCounts> k = count_kernel(module, f, nullptr, failure);
    std::map<std::pair<int64_t, int64_t>, KernelCounts> cores;
    if (!k && failure->needs_block) {
      k = count_kernel_per_block(module, f, *partition, args, cores, failure);
    } else if (!k && args) {
      for (const RuntimeArgs::PerCore& c : args->cores) {
        const std::vector<int64_t> values = arg_values(c, f.role);
        std::optional<KernelCounts> kc = count_kernel(module, f, &values, failure);
        if (!kc) break;
        kc->varies_by_core = true;
        cores[{c.x, c.y}] = std::move(*kc);
      }
      if (!failure && !cores.empty()) k = cores.begin()->second;
    }
    if (!k) {
      diags.error(failure->where->span, "in " + f.name + ": cannot count the work of '" +
                                            passes::verify::node_text(failure->where) + "': " + failure->why);
      return std::nullopt;
    }
    out.kernels.push_back(std::move(*k));
    per_core.push_back(std::move(cores));
  }
  std::map<std::pair<int64_t, int64_t>, std::map<std::string, int64_t>> multicast_sent;  // per core, by CB
  for (const CoreWork& w : partition->cores) {
    CoreCounts c{w.x, w.y, w.count, {}, {}, {}};
    for (size_t i = 0; i < out.kernels.size(); ++i) {
      auto own = per_core[i].find({w.x, w.y});
      const KernelCounts& k = own != per_core[i].end() ? own->second : out.kernels[i];
      // Counted block by block: the core's entry already sums its blocks.
      const int64_t times = out.kernels[i].varies_by_block ? (w.count > 0 ? 1 : 0) : w.count;
      OpCounts& role = per_role(c, k.role);
      role.add(k.per_block, times);
      if (w.count > 0) role.add(k.per_launch, 1);  // idle cores get no kernels
      for (const auto& [buffer, bytes] : k.dram_read_bytes_per_block) out.dram_read_bytes[buffer] += bytes * times;
      for (const auto& [buffer, bytes] : k.dram_write_bytes_per_block) out.dram_write_bytes[buffer] += bytes * times;
      for (const auto& [cb, bytes] : k.multicast_bytes_per_block) multicast_sent[{w.x, w.y}][cb] += bytes * times;
    }
    out.cores.push_back(c);
  }
  add_multicast_receives(module, out.cores, multicast_sent);
  for (const CoreCounts& c : out.cores) out.total.add(c.total(), 1);
  return out;
}

}  // namespace tt::perf
