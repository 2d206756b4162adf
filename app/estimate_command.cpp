// `tt-inspect estimate`: compile_file (no codegen) -> estimate_performance per kernel -> a table.
#include "app/estimate_command.h"

#include <cstdio>
#include <iostream>

#include "app/batch_command.h"
#include "app/cli_checks.h"
#include "compiler/advice/advice.h"
#include "compiler/compiler.h"
#include "compiler/perf/estimate.h"

namespace tt::app {

namespace {

std::string mib(int64_t bytes) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.2f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return buf;
}

void print_estimate(const std::string& kernel, const perf::PerfEstimate& e, const SourceFile& source) {
  const perf::OpCounts& t = e.counts.total;
  std::printf("%s on %s (%s): estimate, lower bound %.1f us, %s-bound, %.2f TFLOPS of %.2f peak\n", kernel.c_str(),
              e.device.c_str(), fidelity_name(e.fidelity), e.lower_bound_us, e.binding.c_str(), e.tflops,
              e.peak_tflops);
  std::printf("  %-10s %12s   %s\n", "resource", "time (us)", "work");
  std::printf("  %-10s %12.1f   %lld tile matmuls (%.3g GFLOP), busiest core\n", "compute", e.compute_us,
              static_cast<long long>(t.tile_matmuls), e.flops * 1e-9);
  std::printf("  %-10s %12.1f   read %s, written %s\n", "dram", e.dram_us, mib(t.dram_read_bytes).c_str(),
              mib(t.dram_write_bytes).c_str());
  std::printf("  %-10s %12.1f   %lld page reads, %lld page writes, busiest core\n", "noc", e.noc_us,
              static_cast<long long>(t.noc_reads), static_cast<long long>(t.noc_writes));
  if (t.multicast_send_bytes > 0)
    std::printf("  %-10s %12s   panels multicast: %s sent, %s received\n", "", "", mib(t.multicast_send_bytes).c_str(),
                mib(t.multicast_receive_bytes).c_str());
  std::printf("  arithmetic intensity %.1f flop/B (ridge point %.1f flop/B)\n", e.arithmetic_intensity,
              e.ridge_intensity);
  std::printf("  partials: %s spilled and %s reloaded through L1\n", mib(t.spill_bytes).c_str(),
              mib(t.reload_bytes).c_str());
  if (t.fpu_tile_ops || t.sfpu_tile_ops) {
    std::printf("  element-wise: %lld FPU and %lld SFPU tile ops (counted, not timed)\n",
                static_cast<long long>(t.fpu_tile_ops), static_cast<long long>(t.sfpu_tile_ops));
  }
  int64_t active = 0;
  double min_u = 1e300, max_u = 0;
  for (const perf::CoreEstimate& c : e.cores) {
    if (c.blocks == 0) continue;
    ++active;
    min_u = std::min(min_u, c.utilisation);
    max_u = std::max(max_u, c.utilisation);
  }
  if (active > 0) {
    std::printf("  %lld of %zu cores active; matrix-engine utilisation %.0f%%..%.0f%%\n",
                static_cast<long long>(active), e.cores.size(), 100 * min_u, 100 * max_u);
  }
  for (const perf::KernelCounts& k : e.counts.kernels) {
    for (const perf::LineCounts& l : k.lines) {
      const int64_t bytes = l.per_block.dram_read_bytes + l.per_block.dram_write_bytes;
      if (bytes == 0 || l.line <= 0) continue;
      std::printf("  %s:%d: %s of DRAM traffic per block (%s%s)\n", source.path().c_str(), l.line, mib(bytes).c_str(),
                  ir::kernel_role_name(k.role),
                  k.varies_by_block  ? ", of the block with the most work; blocks differ"
                  : k.varies_by_core ? ", on the first core; cores differ"
                                     : "");
    }
  }
  for (const std::string& a : e.assumptions) std::printf("  assumes: %s\n", a.c_str());
}

}  // namespace

void add_estimate_command(CLI::App& app, EstimateArgs& args) {
  CLI::App* cmd = app.add_subcommand("estimate", "Compile and print a bound-based performance estimate per kernel");
  cmd->add_option("file", args.file, "TileLang Python file")->required();
  cmd->add_option("-D,--define", args.defines, "Override a parameter: NAME=VALUE (Python literal)")
      ->allow_extra_args(false);
  cmd->add_option("--kernel", args.kernel, "Estimate only this kernel");
  cmd->add_option("--device", args.device, "Target device name or .json path")->capture_default_str();
  cmd->add_option("--fidelity", args.fidelity, "Math fidelity of the matrix engine")
      ->check(CLI::IsMember({"LoFi", "HiFi2", "HiFi3", "HiFi4"}))
      ->capture_default_str();
}

int run_estimate(const EstimateArgs& args) {
  CompileOptions options;
  options.codegen = false;
  if (std::optional<int> exit_code =
          compile_options_from_cli({args.file}, args.device, args.kernel, args.defines, options)) {
    return *exit_code;
  }
  CompileResult result = compile_file(args.file, options);
  std::cerr << render_diagnostics(result.all_diagnostics(), result.source);
  if (!result.ok() || !result.device) return 1;
  bool ok = true;
  for (const KernelResult& kernel : result.kernels) {
    DiagnosticList diags;
    std::optional<perf::PerfEstimate> e =
        perf::estimate_performance(kernel.module, *result.device, *parse_fidelity(args.fidelity), diags);
    std::cerr << render_diagnostics(diags, result.source);
    if (!e) {
      ok = false;
      continue;
    }
    print_estimate(kernel.name, *e, result.source);
    // The advice rules read the same counts: what to change, with the numbers behind it.
    DiagnosticList notes;
    advice::add_advice(kernel, *result.device, notes);
    for (const Diagnostic& note : notes) std::printf("  %s\n", note.message.c_str());
  }
  return ok ? 0 : 1;
}

}  // namespace tt::app
