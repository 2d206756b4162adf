// `tt-inspect compare`: the two configurations are the options before and after --vs, told apart by
// CLI11's parse order; each is compiled with codegen, then compared kernel by kernel.
#include "app/compare_command.h"

#include <cstdio>
#include <iostream>

#include "app/batch_command.h"
#include "app/cli_checks.h"
#include "compiler/compiler.h"
#include "compiler/perf/comparison.h"

namespace tt::app {

namespace {

std::string side_label(const CompareSide& s) {
  std::string text = s.device;
  for (const std::string& d : s.defines) text += " -D " + d;
  return text;
}

void print_comparison(const perf::KernelComparison& c) {
  std::printf("kernel %s\n", c.kernel.c_str());
  std::printf("  %-22s %16s %16s   %s\n", "quantity", "A", "B", "B - A");
  for (const perf::QuantityDelta& q : c.quantities) {
    const std::string name = q.unit.empty() ? q.name : q.name + " (" + q.unit + ")";
    std::printf("  %-22s %16s %16s   %s\n", name.c_str(), perf::format_quantity(q.a, q.unit).c_str(),
                perf::format_quantity(q.b, q.unit).c_str(), perf::format_delta(q).c_str());
  }
  auto binding = [](const std::string& b) { return b.empty() ? std::string("-") : b; };
  std::printf("  %-22s %16s %16s   %s\n", "binding", binding(c.binding_a).c_str(), binding(c.binding_b).c_str(),
              c.binding_a == c.binding_b ? "=" : "changed");
  std::printf("  %-22s %s\n", "artifact", "changed lines A -> B");
  for (const perf::ArtifactDelta& d : c.artifacts) {
    std::string what;
    if (!d.in_b)
      what = "only in A";
    else if (!d.in_a)
      what = "only in B";
    else if (d.added + d.removed == 0)
      what = "identical";
    else
      what = "+" + std::to_string(d.added) + " -" + std::to_string(d.removed);
    std::printf("  %-22s %s\n", d.name.c_str(), what.c_str());
  }
}

// The values an option took before (false) or after (true) the --vs flag, in command-line order.
std::vector<std::string> values_on_side(const CLI::App& cmd, const CLI::Option* opt,
                                        const std::vector<std::string>& values, bool after_vs) {
  std::vector<std::string> out;
  bool seen_vs = false;
  size_t next = 0;
  for (const CLI::Option* o : cmd.parse_order()) {
    if (o->get_name() == "--vs") seen_vs = true;
    if (o != opt || next >= values.size()) continue;
    if (seen_vs == after_vs) out.push_back(values[next]);
    ++next;
  }
  return out;
}

}  // namespace

void add_compare_command(CLI::App& app, CompareArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "compare", "Compile a file in two configurations (-D/--device before and after --vs) and print the deltas");
  args.command = cmd;
  cmd->add_option("file", args.file, "TileLang Python file")->required();
  cmd->add_option("-D,--define", args.raw_defines, "Override a parameter: NAME=VALUE; after --vs: of the second side")
      ->allow_extra_args(false);
  cmd->add_option("--device", args.raw_devices, "Target device; after --vs: of the second side")
      ->allow_extra_args(false);
  cmd->add_flag("--vs", args.vs, "Start the second configuration")->required();
  cmd->add_option("--kernel", args.kernel, "Compare only this kernel");
}

int run_compare(CompareArgs& args) {
  const CLI::App& cmd = *args.command;
  const CLI::Option* define_opt = cmd.get_option("--define");
  const CLI::Option* device_opt = cmd.get_option("--device");
  args.a.defines = values_on_side(cmd, define_opt, args.raw_defines, false);
  args.b.defines = values_on_side(cmd, define_opt, args.raw_defines, true);
  std::vector<std::string> devices_a = values_on_side(cmd, device_opt, args.raw_devices, false);
  std::vector<std::string> devices_b = values_on_side(cmd, device_opt, args.raw_devices, true);
  if (devices_a.size() > 1 || devices_b.size() > 1) {
    std::cerr << "tt-inspect: error: --device given twice for one side of the comparison\n";
    return 2;
  }
  if (!devices_a.empty()) args.a.device = devices_a[0];
  args.b.device = devices_b.empty() ? args.a.device : devices_b[0];

  std::vector<CompileResult> results;
  for (const CompareSide* side : {&args.a, &args.b}) {
    CompileOptions options;
    options.device = side->device;
    options.kernel = args.kernel;
    options.record_ir = false;
    std::string error;
    if (!parse_defines(side->defines, options.defines, error)) return usage_error(error);
    results.push_back(compile_file(args.file, options));
    const CompileResult& r = results.back();
    const DiagnosticList diags = r.all_diagnostics();
    if (!diags.empty()) std::cerr << (side == &args.a ? "A" : "B") << " (" << side_label(*side) << "):\n";
    std::cerr << render_diagnostics(diags, r.source);
  }
  if (!results[0].ok() || !results[1].ok()) return 1;

  std::printf("compare %s\n  A: %s\n  B: %s\n", args.file.c_str(), side_label(args.a).c_str(),
              side_label(args.b).c_str());
  for (const KernelResult& ka : results[0].kernels) {
    const KernelResult* kb = nullptr;
    for (const KernelResult& k : results[1].kernels) {
      if (k.name == ka.name) kb = &k;
    }
    if (!kb) {
      std::printf("kernel %s: only in A\n", ka.name.c_str());
      continue;
    }
    print_comparison(perf::compare_kernels(ka, *kb));
  }
  for (const KernelResult& kb : results[1].kernels) {
    bool in_a = false;
    for (const KernelResult& k : results[0].kernels) in_a = in_a || k.name == kb.name;
    if (!in_a) std::printf("kernel %s: only in B\n", kb.name.c_str());
  }
  return 0;
}

}  // namespace tt::app
