// emulate_kernel(): write_kernel_artifacts + ttemu::run_generated_kernels.
#include "app/emulate_kernel.h"

#include "app/oracle_expected.h"
#include "compiler/codegen/artifact_writer.h"

namespace tt::app {

bool emulate_kernel(const KernelResult& kernel, const std::filesystem::path& dir, ttemu::RunOptions options,
                    ttemu::RunResult& result, std::string& error) {
  if (!write_kernel_artifacts(kernel, dir.string(), ArtifactWriteOptions{}, error)) return false;
  const std::string name = sanitize_artifact_name(kernel.name);
  options.kernel_dir = dir / name;
  options.plan_file.clear();  // the plan beside the kernels
  options.work_dir = dir / (name + ".emu");
  // Expected outputs come from the oracle, for any kernel; the host program's own CPU reference (a
  // GEMM's) stays as the independent cross-check.
  if (!options.expected && !kernel.source_module.funcs.empty()) {
    options.expected = oracle_expected(kernel.source_module.funcs.front());
  }
  result = ttemu::run_generated_kernels(options);
  return true;
}

advice::MeasuredOutput measured_output(const ttemu::OutputErrors& o) {
  advice::MeasuredOutput m;
  m.buffer = o.name;
  m.rtol = o.rtol;
  m.atol = o.atol;
  m.mean_abs_expected = o.mean_abs_want;
  m.max_abs_error = o.max_abs_error;
  m.mismatches = o.mismatches;
  m.input_bound = 1;  // the host program's inputs are uniform in [-1, 1)
  m.reference_rounds_accumulator = o.reference_rounds_stores;
  return m;
}

}  // namespace tt::app
