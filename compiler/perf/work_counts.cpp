// count_program_work: counts each device kernel's TT calls with count_tt_calls and weighs them with
// the tile sizes of the buffers and CBs they move.
#include "compiler/perf/work_counts.h"

#include <algorithm>

#include "compiler/ir/tt_intrinsics.h"
#include "compiler/ir/tt_metadata.h"
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
// Everything else is protocol or configuration.
enum class Work { None, NocRead, NocWrite, Pack, Matmul, FpuEltwise, Unpack, Sfpu };

Work work_of(TTIntrinsic op) {
  const TTIntrinsicInfo& info = intrinsic_info(op);
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

std::optional<ProgramCounts> count_program_work(const Module& module, DiagnosticList& diags) {
  std::optional<WorkPartition> partition = get_work_partition(module);
  if (!partition) {
    diags.error(SourceSpan{}, "performance counts need tt.core_ranges (run layout_aware_work_partition_tt)");
    return std::nullopt;
  }
  ProgramCounts out;
  for (const PrimFunc& f : module.funcs) {
    if (f.role == KernelRole::None) continue;
    KernelCounts k;
    k.func = f.name;
    k.role = f.role;
    KernelCounter counter(module, k);
    std::optional<passes::CallCountFailure> failure = passes::count_tt_calls(
        f, is_counted, [&](const passes::CountedCall& c) { return counter.visit(c); });
    if (failure) {
      diags.error(failure->where->span, "in " + f.name + ": cannot count the work of '" +
                                            passes::verify::node_text(failure->where) + "': " + failure->why);
      return std::nullopt;
    }
    std::sort(k.lines.begin(), k.lines.end(), [](const LineCounts& a, const LineCounts& b) { return a.line < b.line; });
    out.kernels.push_back(std::move(k));
  }
  for (const CoreWork& w : partition->cores) {
    CoreCounts c{w.x, w.y, w.count, {}, {}, {}};
    for (const KernelCounts& k : out.kernels) {
      OpCounts& role = per_role(c, k.role);
      role.add(k.per_block, w.count);
      if (w.count > 0) role.add(k.per_launch, 1);  // idle cores get no kernels
    }
    out.total.add(c.total(), 1);
    for (const KernelCounts& k : out.kernels) {
      for (const auto& [buffer, bytes] : k.dram_read_bytes_per_block) out.dram_read_bytes[buffer] += bytes * w.count;
      for (const auto& [buffer, bytes] : k.dram_write_bytes_per_block) out.dram_write_bytes[buffer] += bytes * w.count;
    }
    out.cores.push_back(c);
  }
  return out;
}

}  // namespace tt::perf
