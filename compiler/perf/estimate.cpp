// estimate_performance: the counted work over the device model's peak rates.
#include "compiler/perf/estimate.h"

#include <algorithm>

#include "compiler/ir/tt_multicast.h"

namespace tt::perf {

namespace {

constexpr double kFlopsPerTileMatmul = 2.0 * 32 * 32 * 32;

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

// What the counts assume about panel reuse: which panels one core per row/column reads and multicasts, or
// why every core reads its own.
std::string multicast_note(const ir::MulticastPlan& plan) {
  if (plan.panels.empty()) return "every core reads its own A/B panels from DRAM (no multicast: " + plan.fallback + ")";
  std::string panels;
  for (const ir::PanelMulticast& p : plan.panels)
    panels += std::string(panels.empty() ? "" : ", ") + p.buffer + " per " + p.shared_by + " of cores";
  return "panels read from DRAM once and multicast to the other cores: " + panels;
}

}  // namespace

std::optional<PerfEstimate> estimate_performance(const ir::Module& module, const DeviceModel& device,
                                                 MathFidelity fidelity, DiagnosticList& diags) {
  auto cycles_it = device.matmul_cycles_per_tile.find(fidelity_name(fidelity));
  if (cycles_it == device.matmul_cycles_per_tile.end() || device.clock_mhz <= 0 || device.dram_bandwidth_gbps <= 0 ||
      device.noc_word_bytes <= 0) {
    diags.error(SourceSpan{}, "device '" + device.name + "' has no performance rates (matmul_cycles_per_tile." +
                                  fidelity_name(fidelity) +
                                  ", clock_mhz, dram_bandwidth_gbps, noc_word_bytes) for an estimate");
    return std::nullopt;
  }
  std::optional<ProgramCounts> counts = count_program_work(module, diags);
  if (!counts) return std::nullopt;

  PerfEstimate e;
  e.device = device.name;
  e.fidelity = fidelity;
  const double cycles_per_tile = static_cast<double>(cycles_it->second);
  const double cycles_per_us = static_cast<double>(device.clock_mhz);
  const double dram_bytes_per_us = device.dram_bandwidth_gbps * 1e3;  // GB/s = 1e3 bytes per us
  const double noc_bytes_per_us = static_cast<double>(device.noc_word_bytes) * cycles_per_us;

  e.flops = kFlopsPerTileMatmul * static_cast<double>(counts->total.tile_matmuls);
  const double dram_bytes = static_cast<double>(counts->total.dram_read_bytes + counts->total.dram_write_bytes);
  e.dram_us = dram_bytes / dram_bytes_per_us;
  for (const CoreCounts& c : counts->cores) {
    OpCounts t = c.total();
    CoreEstimate ce{c.x, c.y, c.blocks, 0, 0, 0};
    ce.compute_us = static_cast<double>(t.tile_matmuls) * cycles_per_tile / cycles_per_us;
    ce.noc_us = static_cast<double>(t.dram_read_bytes + t.dram_write_bytes + t.multicast_send_bytes +
                                    t.multicast_receive_bytes) /
                noc_bytes_per_us;
    e.compute_us = std::max(e.compute_us, ce.compute_us);
    e.noc_us = std::max(e.noc_us, ce.noc_us);
    e.cores.push_back(ce);
  }
  // Ties go to the first: compute, then DRAM, then NoC.
  e.lower_bound_us = e.compute_us;
  e.binding = "compute";
  if (e.dram_us > e.lower_bound_us) e.lower_bound_us = e.dram_us, e.binding = "dram";
  if (e.noc_us > e.lower_bound_us) e.lower_bound_us = e.noc_us, e.binding = "noc";
  for (CoreEstimate& ce : e.cores) ce.utilisation = e.lower_bound_us > 0 ? ce.compute_us / e.lower_bound_us : 0;

  e.tflops = e.lower_bound_us > 0 ? e.flops / e.lower_bound_us * 1e-6 : 0;
  e.peak_tflops =
      static_cast<double>(device.num_workers()) * kFlopsPerTileMatmul / cycles_per_tile * cycles_per_us * 1e-6;
  e.arithmetic_intensity = dram_bytes > 0 ? e.flops / dram_bytes : 0;
  e.ridge_intensity = e.peak_tflops * 1e12 / (device.dram_bandwidth_gbps * 1e9);
  e.counts = std::move(*counts);
  e.assumptions = {
      "estimate, not a measurement: a lower bound from peak rates, each resource alone",
      "matrix engine at " + fmt(cycles_per_tile) + " cycles per 32x32x32 tile (" + fidelity_name(fidelity) + ") at " +
          fmt(cycles_per_us) + " MHz; unpack, pack, SFPU and CB synchronisation cost no time",
      "DRAM at the full " + fmt(device.dram_bandwidth_gbps) + " GB/s for all cores together, no bank conflicts",
      "each core's NoC moves " + std::to_string(device.noc_word_bytes) +
          " bytes per cycle (its DRAM reads and writes, and the multicast panels it sends or receives), without "
          "contention",
      "spills and reloads stay in L1 and are counted, not timed",
      "no overlap losses: the bound assumes reader, compute and writer overlap perfectly"};
  if (std::optional<ir::MulticastPlan> plan = ir::get_multicast_plan(module))
    e.assumptions.push_back(multicast_note(*plan));
  if (std::any_of(e.counts.kernels.begin(), e.counts.kernels.end(), [](const KernelCounts& k) { return k.varies_by_block; }))
    e.assumptions.push_back(
        "blocks differ in work (a loop's trip count depends on the block index): each block is counted with its own "
        "trip count and each core's work is the sum over its blocks; the partition balances blocks, not work, so "
        "the busiest core bounds the time; per-block figures show the block with the most work");
  return e;
}

}  // namespace tt::perf
