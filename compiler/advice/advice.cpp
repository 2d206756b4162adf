// The advice rules: one function per rule over the facts of one compiled kernel, one table of them.
#include "compiler/advice/advice.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

#include "compiler/advice/precision.h"
#include "compiler/ir/dtype.h"
#include "compiler/ir/functor.h"
#include "compiler/ir/tt_metadata.h"
#include "compiler/perf/estimate.h"
#include "compiler/perf/work_counts.h"

namespace tt::advice {

namespace {

// What the rules read, gathered once.
struct Facts {
  const ir::Module& module;
  const DeviceModel& device;
  std::vector<ir::CircularBuffer> cbs;
  std::optional<ir::WorkPartition> partition;
  std::optional<ir::GemmInfo> gemm;
  const std::optional<perf::PerfEstimate>& estimate;  // the kernel's, at kProgramMathFidelity
  // Where a note points when no CB is its subject (Diagnostics selects that line): the T.Kernel, the
  // T.gemm, the K loop of the gemm (the gemm itself when it has no loop).
  SourceSpan kernel_span, gemm_span, k_loop_span;
  std::map<std::string, SourceSpan> allocations;  // on-chip buffer -> its T.alloc_* (CB metadata has no span)
  SourceSpan allocation(const ir::CircularBuffer& cb) const {
    auto it = allocations.find(cb.name);
    return it != allocations.end() ? it->second : cb.span.valid() ? cb.span : kernel_span;
  }
};

struct Advice {
  SourceSpan span;
  std::string message;
};

using Rule = std::optional<Advice> (*)(const Facts&);

std::string percent(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f%%", fraction * 100);
  return buf;
}

std::string number(double v, const char* format = "%.3g") {
  char buf[32];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

int64_t cb_bytes(const Facts& f) {
  int64_t total = 0;
  for (const ir::CircularBuffer& cb : f.cbs) total += cb.bytes;
  return total;
}

// L1 more than 85% full: the next change to the blocks or stages will not fit. The multi-stage CB
// with the most bytes per stage is the one whose depth buys the most.
std::optional<Advice> l1_nearly_full(const Facts& f) {
  const int64_t used = cb_bytes(f), budget = f.device.l1_budget();
  if (budget <= 0 || used * 100 <= budget * 85) return std::nullopt;
  const ir::CircularBuffer* best = nullptr;
  for (const ir::CircularBuffer& cb : f.cbs) {
    if (cb.depth > 1 && (!best || cb.bytes / cb.depth > best->bytes / best->depth)) best = &cb;
  }
  std::string message = "circular buffers use " + std::to_string(used) + " of " + std::to_string(budget) +
                        " bytes of L1 (" + percent(double(used) / budget) + ")";
  if (!best) return Advice{f.kernel_span, message + "; smaller blocks would leave room to pipeline"};
  const int64_t freed = best->bytes / best->depth;
  return Advice{f.allocation(*best), message + "; CB '" + best->name + "' holds " + std::to_string(best->depth) +
                                         " stages of " + std::to_string(freed) +
                                         " bytes: num_stages=" + std::to_string(best->depth - 1) + " frees " +
                                         std::to_string(freed) + " bytes"};
}

// Blocks that do not divide evenly over the cores: the last wave runs on some cores only.
std::optional<Advice> load_imbalance(const Facts& f) {
  if (!f.partition) return std::nullopt;
  std::map<int64_t, int64_t> cores_by_count;
  for (const ir::CoreWork& c : f.partition->cores) {
    if (c.count > 0) ++cores_by_count[c.count];
  }
  if (cores_by_count.size() < 2) return std::nullopt;
  const auto [most, n] = *cores_by_count.rbegin();
  const auto [fewest, m] = *cores_by_count.begin();
  int64_t active = 0;
  for (const auto& [count, cores] : cores_by_count) active += cores;
  const double efficiency = double(f.partition->num_blocks) / double(most * active);
  return Advice{f.kernel_span, std::to_string(n) + " cores do " + std::to_string(most) + " blocks, " +
                                   std::to_string(m) + " do " + std::to_string(fewest) + " (" +
                                   std::to_string(f.partition->num_blocks) + " blocks on " + std::to_string(active) +
                                   " cores): the busiest cores set the time and the others wait " +
                                   percent(1 - efficiency) + " of it; a block count that is a multiple of " +
                                   std::to_string(active) + " balances them"};
}

// Fewer blocks than cores: some cores get no work at all.
std::optional<Advice> idle_cores(const Facts& f) {
  if (!f.partition) return std::nullopt;
  int64_t idle = 0;
  for (const ir::CoreWork& c : f.partition->cores) idle += c.count == 0;
  if (idle == 0) return std::nullopt;
  const int64_t cores = static_cast<int64_t>(f.partition->cores.size());
  std::string message = std::to_string(idle) + " of " + std::to_string(cores) + " cores get no block (" +
                        std::to_string(f.partition->num_blocks) + " blocks)";
  const auto& bt = f.partition->block_tiles;
  if (bt.size() == 2 && (bt[0] > 1 || bt[1] > 1)) {
    const bool halve_m = bt[0] >= bt[1];
    message += ": halving block_" + std::string(halve_m ? "M" : "N") + " to " +
               std::to_string((halve_m ? bt[0] : bt[1]) * 16) + " gives " +
               std::to_string(f.partition->num_blocks * 2) + " blocks";
  }
  return Advice{f.kernel_span, message};
}

// The block's output tiles fit DST several times over: the compute kernel keeps DST partly empty.
std::optional<Advice> dst_underused(const Facts& f) {
  if (!f.gemm || !f.partition || f.partition->block_tiles.size() != 2) return std::nullopt;
  std::optional<DataType> accum = parse_dtype(f.gemm->accum_dtype);
  if (!accum) return std::nullopt;
  const int64_t capacity = f.device.dst_capacity(*accum);
  const int64_t tiles = f.partition->block_tiles[0] * f.partition->block_tiles[1];
  if (tiles * 2 > capacity) return std::nullopt;
  return Advice{f.gemm_span, "a block's output is " + std::to_string(tiles) + " tiles but DST holds " +
                                 std::to_string(capacity) + " " + f.gemm->accum_dtype +
                                 " tiles: blocks twice as large would reuse each input tile twice as often"};
}

// Partial sums that leave DST every K step (the accumulator does not fit DST): pack + reload traffic.
std::optional<Advice> spills_per_k_step(const Facts& f) {
  if (!f.estimate || !f.gemm || f.gemm->k_iters <= 0) return std::nullopt;
  for (const perf::KernelCounts& k : f.estimate->counts.kernels) {
    if (k.role != ir::KernelRole::Compute || k.per_block.spill_bytes == 0) continue;
    const int64_t per_step = k.per_block.spill_bytes / f.gemm->k_iters;
    return Advice{f.gemm_span, "the compute kernel spills " + std::to_string(per_step) +
                                   " bytes of partial sums per K step (" + std::to_string(k.per_block.spill_bytes) +
                                   " per block, " + std::to_string(k.per_block.reload_bytes) +
                                   " reloaded): a block output that fits DST keeps the sums in registers"};
  }
  return std::nullopt;
}

// A 16-bit accumulator rounds every partial sum: the error grows with sqrt(K).
std::optional<Advice> low_precision_accumulation(const Facts& f) {
  std::optional<AccumulationPrecision> p = accumulation_precision(f.module);
  if (!p || p->bits > 16) return std::nullopt;
  return Advice{f.gemm_span, "products are accumulated in " + p->dtype + " over K=" + std::to_string(p->k) +
                                 ": the expected relative error is about sqrt(K) * 2^-" + std::to_string(p->bits) +
                                 " = " + number(p->expected) +
                                 "; accum_dtype=\"float32\" keeps it near 2^-24 per step"};
}

// An input CB with one stage in a loop of several steps: reader and compute take turns.
std::optional<Advice> single_buffered_inputs(const Facts& f) {
  if (!f.gemm || f.gemm->k_iters <= 1) return std::nullopt;
  for (const ir::CircularBuffer& cb : f.cbs) {
    if (cb.role != "input" || cb.depth != 1) continue;
    const bool fits = cb_bytes(f) + cb.bytes <= f.device.l1_budget();
    return Advice{f.allocation(cb),
                  "CB '" + cb.name + "' has one stage in a loop of " + std::to_string(f.gemm->k_iters) +
                      " K steps: the reader waits for compute to free it; num_stages=2 overlaps them for " +
                      std::to_string(cb.bytes) + " more bytes of L1" +
                      (fits ? "" : " (which do not fit today: shrink a block first)")};
  }
  return std::nullopt;
}

// A K step of one tile: every step pays a CB handshake and a matmul init for 32 products.
std::optional<Advice> thin_k_steps(const Facts& f) {
  if (!f.gemm || f.gemm->k > 32 || f.gemm->k_iters < 8) return std::nullopt;
  return Advice{f.k_loop_span, "block_K=" + std::to_string(f.gemm->k) + " makes " + std::to_string(f.gemm->k_iters) +
                                   " K steps of one tile each: block_K=64 halves the CB handshakes per block"};
}

// One K step per block: nothing to overlap inside a block, the reader and compute alternate.
std::optional<Advice> single_k_step(const Facts& f) {
  if (!f.gemm || f.gemm->k_iters != 1) return std::nullopt;
  return Advice{f.k_loop_span, "each block is one K step of block_K=" + std::to_string(f.gemm->k) +
                                   ": the reader and compute cannot overlap inside a block; block_K=" +
                                   std::to_string(std::max<int64_t>(32, f.gemm->k / 2)) +
                                   " gives the pipeline steps to overlap"};
}

// More pipeline stages than K steps: the extra stages are never filled but take L1.
std::optional<Advice> stages_beyond_k_steps(const Facts& f) {
  if (!f.gemm || f.gemm->k_iters < 1 || f.gemm->num_stages <= f.gemm->k_iters) return std::nullopt;
  int64_t unused = 0;
  for (const ir::CircularBuffer& cb : f.cbs) {
    if (cb.role == "input" && cb.depth > f.gemm->k_iters) unused += cb.bytes / cb.depth * (cb.depth - f.gemm->k_iters);
  }
  return Advice{f.k_loop_span, "num_stages=" + std::to_string(f.gemm->num_stages) + " but the K loop has " +
                                   std::to_string(f.gemm->k_iters) +
                                   " steps: num_stages=" + std::to_string(f.gemm->k_iters) + " frees " +
                                   std::to_string(unused) + " bytes of L1 that are never filled"};
}

// A K loop that is not T.Pipelined: one stage, the reader and compute take turns every step.
std::optional<Advice> not_pipelined(const Facts& f) {
  if (!f.gemm || f.gemm->num_stages != 0 || f.gemm->k_iters <= 1) return std::nullopt;
  return Advice{f.k_loop_span,
                "the K loop '" + f.gemm->reduction_var + "' (" + std::to_string(f.gemm->k_iters) +
                    " steps) is not T.Pipelined: T.Pipelined(..., num_stages=2) lets the reader fetch step k+1 "
                    "while compute multiplies step k"};
}

// fp32 partial sums that take most of the CB memory: the accumulator, not the operands, sets L1.
std::optional<Advice> partials_dominate_l1(const Facts& f) {
  const int64_t total = cb_bytes(f);
  for (const ir::CircularBuffer& cb : f.cbs) {
    if (cb.role != "intermediate" || total <= 0 || cb.bytes * 100 <= total * 40) continue;
    return Advice{f.allocation(cb), "intermediate CB '" + cb.name + "' (" + cb.dtype + " partial sums) holds " +
                                        std::to_string(cb.bytes) + " of " + std::to_string(total) + " CB bytes (" +
                                        percent(double(cb.bytes) / total) +
                                        "): a block output that fits DST needs no partials in L1"};
  }
  return std::nullopt;
}

constexpr std::pair<const char*, Rule> kRules[] = {
    {"l1-nearly-full", l1_nearly_full},
    {"load-imbalance", load_imbalance},
    {"idle-cores", idle_cores},
    {"dst-underused", dst_underused},
    {"spills-per-k-step", spills_per_k_step},
    {"low-precision-accumulation", low_precision_accumulation},
    {"single-buffered-input", single_buffered_inputs},
    {"thin-k-steps", thin_k_steps},
    {"single-k-step", single_k_step},
    {"stages-beyond-k-steps", stages_beyond_k_steps},
    {"not-pipelined", not_pipelined},
    {"partials-dominate-l1", partials_dominate_l1},
};

}  // namespace

std::vector<std::string> rule_names() {
  std::vector<std::string> names;
  for (const auto& [name, rule] : kRules) names.emplace_back(name);
  return names;
}

void add_advice(const KernelResult& kernel, const DeviceModel& device, DiagnosticList& out) {
  const ir::Module& module = kernel.module;
  // A kernel whose work cannot be counted has no estimate, and gets no estimate-based advice.
  Facts facts{module,
              device,
              ir::all_circular_buffers(module),
              ir::get_work_partition(module),
              ir::get_gemm_info(module),
              kernel.estimate,
              {},
              {},
              {}};
  // The front end's module still has the T.Kernel, T.gemm and loop statements with their spans.
  for (const ir::PrimFunc& func : kernel.source_module.funcs) {
    ir::for_each_stmt(func.body, [&](const ir::Stmt& s) {
      if (s->kind == ir::StmtKind::Kernel && !facts.kernel_span.valid()) facts.kernel_span = s->span;
      if (s->kind == ir::StmtKind::Gemm && !facts.gemm_span.valid()) facts.gemm_span = s->span;
      if (s->kind == ir::StmtKind::Allocate) {
        facts.allocations.emplace(static_cast<const ir::AllocateNode*>(s.get())->buffer->name, s->span);
      }
      if (s->kind == ir::StmtKind::For && facts.gemm && !facts.k_loop_span.valid() &&
          static_cast<const ir::ForNode*>(s.get())->var->name == facts.gemm->reduction_var) {
        facts.k_loop_span = s->span;
      }
    });
  }
  if (!facts.k_loop_span.valid()) facts.k_loop_span = facts.gemm_span;
  for (const auto& [name, rule] : kRules) {
    std::optional<Advice> a = rule(facts);
    if (!a) continue;
    Diagnostic d{Severity::Note, a->span, "advice [" + std::string(name) + "]: " + a->message, {}, "advice"};
    d.category = DiagnosticCategory::Target;
    out.add(std::move(d));
  }
}

}  // namespace tt::advice
