// Collects and cross-checks the program-level facts that host and plan emitters share.
#include "compiler/codegen/program_info.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "compiler/ir/functor.h"
#include "compiler/ir/grid_trip_count.h"
#include "compiler/ir/tt_intrinsics.h"

namespace tt::codegen {

using ir::KernelRole;

const char* const kTtMetalTarget = "tt-metal main @01c8afed (2026)";

const ir::BufferLayout* ProgramInfo::buffer(const std::string& name) const {
  for (const ir::BufferLayout& b : buffers) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

const PlacedCB* ProgramInfo::cb(const std::string& name) const {
  for (const PlacedCB& c : cbs) {
    if (c.cb.name == name) return &c;
  }
  return nullptr;
}

int ProgramInfo::address_arg(KernelRole role, const std::string& name) const {
  if (active_cores.empty()) return -1;
  const auto& args = active_cores.front().args[kernel_slot(role)];
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].buffer_address == name) return static_cast<int>(i);
  }
  return -1;
}

Diagnostic& codegen_error(DiagnosticList& diags, SourceSpan span, std::string message) {
  Diagnostic& d = diags.error(span, std::move(message));
  d.pass = "codegen";
  return d;
}

int kernel_slot(KernelRole role) {
  switch (role) {
    case KernelRole::Reader: return 0;
    case KernelRole::Compute: return 1;
    case KernelRole::Writer: return 2;
    case KernelRole::None: break;
  }
  return -1;
}

namespace {

constexpr std::array<KernelRole, 3> kRoles{KernelRole::Reader, KernelRole::Compute, KernelRole::Writer};

const std::vector<ir::RuntimeArgValue>& role_args(const ir::RuntimeArgs::PerCore& c, KernelRole role) {
  return role == KernelRole::Reader ? c.reader : role == KernelRole::Compute ? c.compute : c.writer;
}

// NoC traffic of a data-movement kernel: which global buffer moves through which CB.
struct NocLink {
  std::string buffer, cb;
  SourceSpan span;
};

std::vector<NocLink> noc_links(const ir::PrimFunc& f, ir::TTIntrinsic op) {
  std::vector<NocLink> out;
  ir::for_each_stmt(f.body, [&](const ir::Stmt& s) {
    if (s->kind != ir::StmtKind::TTCall) return;
    auto* call = ir::as<ir::TTCallNode>(s);
    if (call->op != op || call->args.size() != 4) return;
    const ir::Expr& buf = call->args[0];
    const ir::Expr& cb = call->args[2];
    if (!buf || buf->kind != ir::ExprKind::StringImm || !cb || cb->kind != ir::ExprKind::CBRef) return;
    out.push_back({ir::as<ir::StringImmNode>(buf)->value, ir::as<ir::CBRefNode>(cb)->name, call->span});
  });
  return out;
}

// DRAM buffers moved over the NoC by a kernel, in first-use order (its TensorAccessor order).
std::vector<std::string> accessor_buffers(const ir::PrimFunc& f) {
  std::vector<std::string> out;
  for (ir::TTIntrinsic op : {ir::TTIntrinsic::NocReadTile, ir::TTIntrinsic::NocWriteTile}) {
    for (const NocLink& l : noc_links(f, op)) {
      if (std::find(out.begin(), out.end(), l.buffer) == out.end()) out.push_back(l.buffer);
    }
  }
  return out;
}

// tensor_accessor::ArgConfig (hostdevcommon/tensor_accessor/arg_config.hpp): an interleaved buffer
// passes its flags (IsDram = 1 << 1) and its aligned page size.
constexpr uint32_t kArgConfigIsDram = 1u << 1;

bool collect_accessors(ProgramInfo& info, DiagnosticList& diags) {
  for (KernelSpec& k : info.kernels) {
    k.accessors = accessor_buffers(*k.func);
    for (const std::string& name : k.accessors) {
      const ir::BufferLayout* layout = info.buffer(name);
      if (!layout) {
        codegen_error(diags, {},
                      "buffer '" + name + "' is moved over the NoC but has no tt.buffer." + name + " layout");
        return false;
      }
      if (layout->layout != "interleaved") {
        codegen_error(diags, {},
                      "buffer '" + name + "' is " + layout->layout + "; codegen supports interleaved buffers only");
        return false;
      }
      k.compile_args.push_back(layout->memory == "DRAM" ? kArgConfigIsDram : 0u);
      k.compile_args.push_back(static_cast<uint32_t>(layout->tile_bytes));
    }
  }
  return true;
}

// Float32 CBs the compute kernel copies into DST (reloaded partials).
std::vector<uint32_t> fp32_copy_sources(const ProgramInfo& info) {
  std::set<uint32_t> out;
  ir::for_each_stmt(info.kernels[kernel_slot(KernelRole::Compute)].func->body, [&](const ir::Stmt& s) {
    if (s->kind != ir::StmtKind::TTCall) return;
    auto* call = ir::as<ir::TTCallNode>(s);
    if (call->op != ir::TTIntrinsic::CopyTile || call->args.empty() || !call->args[0] ||
        call->args[0]->kind != ir::ExprKind::CBRef)
      return;
    const PlacedCB* cb = info.cb(ir::as<ir::CBRefNode>(call->args[0])->name);
    if (cb && cb->cb.data_format == "Float32") out.insert(static_cast<uint32_t>(cb->cb.index));
  });
  return {out.begin(), out.end()};
}

// First reference of each CB in the kernels: the CB's provenance when codegen has nothing better.
class CBSpanCollector : public ir::IRVisitor {
 public:
  std::map<std::string, SourceSpan> spans;
  using ir::IRVisitor::visit;
  void visit(const ir::Expr& e) override {
    if (e && e->kind == ir::ExprKind::CBRef) {
      auto* cb = ir::as<ir::CBRefNode>(e);
      spans.emplace(cb->name, cb->span);
    }
    ir::IRVisitor::visit(e);
  }
};

std::string basename_of(const std::string& path) { return std::filesystem::path(path).filename().string(); }

bool collect_kernels(const ir::Module& m, ProgramInfo& info, DiagnosticList& diags) {
  bool ok = true;
  for (KernelRole role : kRoles) {
    const ir::PrimFunc* found = nullptr;
    int count = 0;
    for (const ir::PrimFunc& f : m.funcs) {
      if (f.role != role) continue;
      found = &f;
      ++count;
    }
    if (count != 1) {
      codegen_error(diags, {}, "expected exactly one " + std::string(ir::kernel_role_name(role)) +
                          " kernel after split_device_kernels, found " + std::to_string(count));
      ok = false;
      continue;
    }
    KernelSpec& k = info.kernels[kernel_slot(role)];
    k.role = role;
    k.func = found;
    k.name = ir::kernel_role_name(role);
    k.file = k.name + ".cpp";
    k.processor = role == KernelRole::Reader ? "RISCV_1" : role == KernelRole::Writer ? "RISCV_0" : "compute";
    k.noc = role == KernelRole::Reader ? "RISCV_1_default" : role == KernelRole::Writer ? "RISCV_0_default" : "";
  }
  return ok;
}

bool collect_cbs(const ir::Module& m, const DeviceModel& device, ProgramInfo& info, DiagnosticList& diags) {
  CBSpanCollector spans;
  for (const KernelSpec& k : info.kernels) spans.visit(k.func->body);
  // CBs are allocated back to back above the runtime's reserved part of L1, in CB index order; every
  // page size is a whole number of tiles, which keeps each CB at least 32-byte aligned.
  int64_t address = device.l1_reserved_bytes;
  info.l1_cb_begin = address;
  for (const ir::CircularBuffer& cb : ir::all_circular_buffers(m)) {
    auto it = spans.spans.find(cb.name);
    info.cbs.push_back({cb, address, it == spans.spans.end() ? SourceSpan{} : it->second});
    address += cb.bytes;
  }
  info.l1_cb_end = address;
  if (info.cbs.empty()) {
    codegen_error(diags, {}, "the module has no tt.cb.* circular buffers");
    return false;
  }
  if (address > device.l1_bytes) {
    codegen_error(diags, info.cbs.back().span, "circular buffers end at L1 byte " + std::to_string(address) +
                                          ", beyond the " + std::to_string(device.l1_bytes) + " bytes of L1 of " +
                                          device.name);
    return false;
  }
  return true;
}

bool collect_cores(const ir::Module& m, ProgramInfo& info, DiagnosticList& diags) {
  auto partition = ir::get_work_partition(m);
  if (!partition) {
    codegen_error(diags, {}, "missing or malformed work partition (tt.partition_mode, tt.grid_tiles, tt.core_ranges)");
    return false;
  }
  auto args = ir::get_runtime_args(m);
  if (!args) {
    codegen_error(diags, {}, "missing or malformed runtime arguments (tt.runtime_arg_names, tt.runtime_args)");
    return false;
  }
  info.partition = *partition;
  for (KernelRole role : kRoles) info.kernels[kernel_slot(role)].runtime_arg_names = args->names(role);

  std::vector<std::pair<int64_t, int64_t>> active;
  for (const ir::CoreWork& w : partition->cores) {
    if (w.count <= 0) {
      info.idle_cores.emplace_back(w.x, w.y);
      continue;
    }
    auto it = std::find_if(args->cores.begin(), args->cores.end(),
                           [&](const ir::RuntimeArgs::PerCore& c) { return c.x == w.x && c.y == w.y; });
    if (it == args->cores.end()) {
      codegen_error(diags, {}, "tt.runtime_args has no entry for active core (" + std::to_string(w.x) + "," +
                          std::to_string(w.y) + ")");
      return false;
    }
    ActiveCore core{w.x, w.y, w.start, w.count, {}};
    for (KernelRole role : kRoles) {
      const auto& values = role_args(*it, role);
      if (values.size() != args->names(role).size()) {
        codegen_error(diags, {}, "core (" + std::to_string(w.x) + "," + std::to_string(w.y) + ") has " +
                            std::to_string(values.size()) + " " + ir::kernel_role_name(role) +
                            " runtime arguments, tt.runtime_arg_names lists " +
                            std::to_string(args->names(role).size()));
        return false;
      }
      core.args[kernel_slot(role)] = values;
    }
    info.active_cores.push_back(std::move(core));
    active.emplace_back(w.x, w.y);
  }
  if (info.active_cores.empty()) {
    codegen_error(diags, {}, "the work partition assigns no blocks to any core");
    return false;
  }
  // A buffer address is one value for the whole program: the host passes the same address to every
  // core, so an argument slot must hold the same buffer (or plain integers) on every active core.
  for (KernelRole role : kRoles) {
    const auto& first = info.active_cores.front().args[kernel_slot(role)];
    for (const ActiveCore& c : info.active_cores) {
      const auto& values = c.args[kernel_slot(role)];
      for (size_t i = 0; i < values.size(); ++i) {
        if (values[i].buffer_address != first[i].buffer_address) {
          codegen_error(diags, {}, "runtime argument '" + args->names(role)[i] + "' of the " +
                              ir::kernel_role_name(role) + " kernel is a buffer address on some cores only");
          return false;
        }
      }
    }
  }
  info.core_ranges = merge_core_rects(active);
  return true;
}

// Whether the compute kernel calls `op`.
bool compute_calls(const ProgramInfo& info, ir::TTIntrinsic op) {
  bool found = false;
  ir::for_each_stmt(info.kernels[kernel_slot(KernelRole::Compute)].func->body, [&](const ir::Stmt& s) {
    found = found || (s->kind == ir::StmtKind::TTCall && ir::as<ir::TTCallNode>(s)->op == op);
  });
  return found;
}

// The loops of a device kernel whose trip count is computed from the block index (a causal K loop); the
// persistent loop itself excluded.
std::vector<const ir::ForNode*> block_dependent_loops(const ir::PrimFunc& f) {
  std::vector<const ir::ForNode*> loops;
  ir::for_each_stmt(f.body, [&](const ir::Stmt& s) {
    if (s->kind != ir::StmtKind::For) return;
    auto* loop = ir::as<ir::ForNode>(s);
    if (loop->for_kind != ir::ForKind::Persistent && !ir::as_int(loop->extent)) loops.push_back(loop);
  });
  return loops;
}

// len_k per block when the gemm's K loop runs a block-dependent number of steps: the compute kernel's
// persistent loop binds the block indices with Lets of its block id, and the K loop's trip count reads them.
bool k_extent_per_block(const ProgramInfo& info, const ir::GemmInfo& gemm, GemmBuffers& g, DiagnosticList& diags) {
  const ir::PrimFunc& compute = *info.kernels[kernel_slot(KernelRole::Compute)].func;
  const ir::ForNode* persistent = ir::find_persistent_loop(compute.body);
  const std::vector<const ir::ForNode*> loops = block_dependent_loops(compute);
  const ir::BufferLayout* a = info.buffer(g.a);
  const int64_t tile_k = a->tile[g.transpose_a ? 0 : 1];
  if (!persistent || persistent->body->kind != ir::StmtKind::Seq || loops.size() != 1 || tile_k <= 0) {
    codegen_error(diags, {}, "expected one K loop with a block-dependent trip count inside the persistent loop");
    return false;
  }
  for (int64_t b = 0; b < info.partition.num_blocks; ++b) {
    std::map<const ir::VarNode*, int64_t> values{{persistent->var.get(), b}};
    for (const ir::Stmt& s : ir::as<ir::SeqNode>(persistent->body)->stmts) {
      if (s->kind != ir::StmtKind::Let) continue;
      auto* let = ir::as<ir::LetNode>(s);
      if (std::optional<int64_t> v = ir::value_at(let->value, values)) values[let->var.get()] = *v;
    }
    std::optional<int64_t> steps = ir::value_at(loops[0]->extent, values);
    if (!steps) {
      codegen_error(diags, loops[0]->span, "the K loop's trip count at block " + std::to_string(b) + " is unknown");
      return false;
    }
    g.len_k_per_block.push_back(*steps * gemm.k / tile_k);
  }
  return true;
}

bool collect_gemm(const ir::Module& m, ProgramInfo& info, DiagnosticList& diags) {
  auto gemm = ir::get_gemm_info(m);
  if (!gemm && !compute_calls(info, ir::TTIntrinsic::MatmulTiles)) {
    info.fp32_dest_acc_en = ir::dst_dtype_without_gemm(m) == "float32";
    return true;
  }
  if (const std::vector<ir::GemmInfo> all = ir::get_gemm_infos(m); !gemm && all.size() > 1) {
    // Several gemms: no single C = op(A) op(B) of global buffers to describe (the plan has no gemm
    // entry; the oracle judges the outputs). DST is fp32 when any accumulator is.
    for (const ir::GemmInfo& g : all) info.fp32_dest_acc_en |= g.accum_dtype == "float32";
    return true;
  }
  if (!gemm) {
    codegen_error(diags, {}, "missing or malformed tt.gemm metadata");
    return false;
  }
  GemmBuffers& g = info.gemm;
  g.transpose_a = gemm->transpose_a;
  g.transpose_b = gemm->transpose_b;
  g.accum_dtype = gemm->accum_dtype;
  auto accum = parse_dtype(gemm->accum_dtype);
  if (!accum) {
    codegen_error(diags, {}, "tt.gemm has unknown accum_dtype '" + gemm->accum_dtype + "'");
    return false;
  }
  info.fp32_dest_acc_en = dtype_bits(*accum) == 32;
  ir::for_each_stmt(info.kernels[kernel_slot(KernelRole::Compute)].func->body, [&](const ir::Stmt& s) {
    if (s->kind != ir::StmtKind::TTCall) return;
    const ir::TTIntrinsic op = ir::as<ir::TTCallNode>(s)->op;
    const bool moves_dst = op == ir::TTIntrinsic::MatmulTiles || op == ir::TTIntrinsic::CopyTile ||
                           op == ir::TTIntrinsic::PackTile;  // the gemm's own accumulate, reload and pack
    if (ir::intrinsic_info(op).has(ir::TTOperand::Dst) && !moves_dst) g.epilogue = true;
  });
  g.partial_k = !block_dependent_loops(*info.kernels[kernel_slot(KernelRole::Compute)].func).empty();

  const auto reads = noc_links(*info.kernels[0].func, ir::TTIntrinsic::NocReadTile);
  auto source_of = [&](const std::string& cb, std::string& out) {
    std::set<std::string> found;
    for (const NocLink& l : reads) {
      if (l.cb == cb) found.insert(l.buffer);
    }
    if (found.size() != 1) {
      codegen_error(diags, {}, "expected the reader to fill CB '" + cb + "' from exactly one DRAM buffer, found " +
                          std::to_string(found.size()));
      return false;
    }
    out = *found.begin();
    return true;
  };
  if (!source_of(gemm->a, g.a) || !source_of(gemm->b, g.b)) return false;
  std::set<std::string> written;
  for (const NocLink& l : noc_links(*info.kernels[2].func, ir::TTIntrinsic::NocWriteTile)) written.insert(l.buffer);
  if (written.size() != 1) {
    codegen_error(diags, {}, "expected the writer to write exactly one DRAM buffer, found " +
                        std::to_string(written.size()));
    return false;
  }
  g.c = *written.begin();
  for (const std::string* name : {&g.a, &g.b, &g.c}) {
    if (!info.buffer(*name)) {
      codegen_error(diags, {}, "no tt.buffer." + *name + " layout for a buffer the kernels move");
      return false;
    }
  }
  const ir::BufferLayout* a = info.buffer(g.a);
  g.len_k = a->tiles[g.transpose_a ? a->row_dim() : a->col_dim()];
  if (g.partial_k) return k_extent_per_block(info, *gemm, g, diags);
  return true;
}

}  // namespace

// The semaphores the runtime args name must be tt.multicast's, with the ids their creation order gives.
bool collect_semaphores(const ir::Module& m, ProgramInfo& info, DiagnosticList& diags) {
  info.multicast = ir::get_multicast_plan(m);
  if (info.multicast) info.semaphores = info.multicast->semaphores();
  for (const ActiveCore& core : info.active_cores) {
    for (const auto& args : core.args) {
      for (const ir::RuntimeArgValue& v : args) {
        if (v.semaphore.empty()) continue;
        auto it = std::find(info.semaphores.begin(), info.semaphores.end(), v.semaphore);
        if (it == info.semaphores.end() || it - info.semaphores.begin() != v.value) {
          codegen_error(diags, {},
                        "runtime argument semaphore '" + v.semaphore + "' (id " + std::to_string(v.value) +
                            ") is not semaphore " + std::to_string(v.value) + " of tt.multicast");
          return false;
        }
      }
    }
  }
  return true;
}

std::optional<ProgramInfo> collect_program_info(const KernelResult& kernel, const DeviceModel& device,
                                                const SourceFile& source, DiagnosticList& diags) {
  const ir::Module& m = kernel.module;
  ProgramInfo info;
  info.kernel_name = m.name;
  info.source_name = basename_of(source.path());
  info.buffers = ir::all_buffer_layouts(m);
  if (!collect_kernels(m, info, diags)) return std::nullopt;
  if (!collect_cbs(m, device, info, diags)) return std::nullopt;
  if (!collect_cores(m, info, diags)) return std::nullopt;
  if (!collect_gemm(m, info, diags)) return std::nullopt;
  if (!collect_accessors(info, diags)) return std::nullopt;
  if (info.fp32_dest_acc_en) info.unpack_to_dest_fp32 = fp32_copy_sources(info);
  if (!collect_semaphores(m, info, diags)) return std::nullopt;
  // passes[0] is the front end's output, not a pass.
  for (size_t i = 1; i < kernel.trace.passes.size(); ++i) info.passes.push_back(kernel.trace.passes[i].name);
  return info;
}

}  // namespace tt::codegen
