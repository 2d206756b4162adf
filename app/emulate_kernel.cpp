// emulate_kernel(): write_kernel_artifacts + ttemu::run_generated_kernels.
#include "app/emulate_kernel.h"

#include "compiler/codegen/artifact_writer.h"

namespace tt::app {

bool emulate_kernel(const KernelResult& kernel, const std::filesystem::path& dir, ttemu::RunOptions options,
                    ttemu::RunResult& result, std::string& error) {
  if (!write_kernel_artifacts(kernel, dir.string(), ArtifactWriteOptions{}, error)) return false;
  const std::string name = sanitize_artifact_name(kernel.name);
  options.kernel_dir = dir / name;
  options.plan_file.clear();  // the plan beside the kernels
  options.work_dir = dir / (name + ".emu");
  result = ttemu::run_generated_kernels(options);
  return true;
}

}  // namespace tt::app
