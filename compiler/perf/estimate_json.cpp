// estimate_json: whole-program times and counts, DRAM bytes by buffer, the source lines the traffic
// and the spills come from, the active cores' utilisation range, the assumptions.
#include "compiler/perf/estimate_json.h"

#include <algorithm>

namespace tt::perf {

namespace {

using nlohmann::ordered_json;

ordered_json counts_json(const OpCounts& c) {
  return ordered_json{{"dram_read_bytes", c.dram_read_bytes},
                      {"dram_write_bytes", c.dram_write_bytes},
                      {"noc_reads", c.noc_reads},
                      {"noc_writes", c.noc_writes},
                      {"tile_matmuls", c.tile_matmuls},
                      {"fpu_tile_ops", c.fpu_tile_ops},
                      {"sfpu_tile_ops", c.sfpu_tile_ops},
                      {"unpack_tiles", c.unpack_tiles},
                      {"pack_tiles", c.pack_tiles},
                      {"spill_bytes", c.spill_bytes},
                      {"reload_bytes", c.reload_bytes},
                      {"multicast_send_bytes", c.multicast_send_bytes},
                      {"multicast_receive_bytes", c.multicast_receive_bytes}};
}

// Only lines that cause work; per block, as the kernel's loop body does it.
ordered_json source_lines_json(const ProgramCounts& counts) {
  ordered_json lines = ordered_json::array();
  for (const KernelCounts& k : counts.kernels) {
    for (const LineCounts& l : k.lines) {
      if (l.line <= 0 || counts_json(l.per_block) == counts_json(OpCounts{})) continue;
      lines.push_back(ordered_json{
          {"line", l.line}, {"kernel", ir::kernel_role_name(k.role)}, {"per_block", counts_json(l.per_block)}});
    }
  }
  return lines;
}

ordered_json utilisation_json(const PerfEstimate& e) {
  int64_t active = 0;
  double lo = 0, hi = 0;
  for (const CoreEstimate& c : e.cores) {
    if (c.blocks == 0) continue;
    lo = active == 0 ? c.utilisation : std::min(lo, c.utilisation);
    hi = active == 0 ? c.utilisation : std::max(hi, c.utilisation);
    ++active;
  }
  return ordered_json{{"active_cores", active}, {"cores", e.cores.size()}, {"min", lo}, {"max", hi}};
}

}  // namespace

ordered_json estimate_json(const PerfEstimate& e) {
  ordered_json dram = ordered_json::object();
  for (const auto& [buffer, bytes] : e.counts.dram_read_bytes) dram[buffer]["read_bytes"] = bytes;
  for (const auto& [buffer, bytes] : e.counts.dram_write_bytes) dram[buffer]["write_bytes"] = bytes;
  return ordered_json{{"kind", "bound-based estimate, not a measurement"},
                      {"device", e.device},
                      {"math_fidelity", fidelity_name(e.fidelity)},
                      {"lower_bound_us", e.lower_bound_us},
                      {"binding", e.binding},
                      {"compute_us", e.compute_us},
                      {"dram_us", e.dram_us},
                      {"noc_us", e.noc_us},
                      {"flops", e.flops},
                      {"tflops", e.tflops},
                      {"peak_tflops", e.peak_tflops},
                      {"arithmetic_intensity", e.arithmetic_intensity},
                      {"ridge_intensity", e.ridge_intensity},
                      {"counts", counts_json(e.counts.total)},
                      {"dram_bytes_by_buffer", std::move(dram)},
                      {"source_lines", source_lines_json(e.counts)},
                      {"core_utilisation", utilisation_json(e)},
                      {"assumptions", e.assumptions}};
}

}  // namespace tt::perf
