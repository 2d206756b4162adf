// Entry of the emulated run: the runner's generated driver.cpp passes the three kernels' entry points here.
#pragma once

#include <initializer_list>

namespace ttemu {

struct KernelEntry {
  const char* name;  // "reader", "compute" or "writer": the kernel's name in tt.plan.json
  void (*entry)();
};

// Reads the plan, runs every active core's kernels, checks the GEMM, writes result.json and trace.json.
// argv: --plan FILE --out DIR [--seed N] [--timeout-ms N] [--rtol X] [--atol X]. Returns the exit code.
int driver_main(int argc, char** argv, std::initializer_list<KernelEntry> kernels);

}  // namespace ttemu
