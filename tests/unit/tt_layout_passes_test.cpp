// Passes 1-6 together: the C++-built reference matches the front end's IR after every pass, and
// the passes' cost and IR size do not grow with M/N/K (per-core data lives in metadata only).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "compiler/frontend/frontend.h"
#include "compiler/ir/printer.h"
#include "tests/unit/test_ir_builders.h"

namespace tt::test {
namespace {

using namespace ir;

const char* const kPasses[] = {"lower_tile_ops",        "infer_tt_layout",
                               "propagate_tt_layout",   "layout_aware_work_partition_tt",
                               "grid_to_persistent_tt", "memory_space_lower_tt"};

TEST(TTLayoutPasses, BuilderMatchesTheFrontEndAfterEveryPass) {
  DiagnosticList diags;
  std::vector<Module> modules = frontend::lower_source(example_gemm_source(), {}, diags);
  ASSERT_FALSE(diags.has_errors()) << render_diagnostics(diags, example_gemm_source());
  ASSERT_EQ(modules.size(), 1u);
  Module& parsed = modules[0];
  Module built = make_gemm_module(1024, 1024, 1024, 128, 128, 32);
  for (const char* pass : kPasses) {
    ASSERT_TRUE(run_pass(parsed, pass, device(), diags)) << pass << render_diagnostics(diags, example_gemm_source());
    ASSERT_TRUE(run_pass(built, pass, device(), diags)) << pass;
    EXPECT_EQ(print_module(parsed).text, print_module(built).text) << "after " << pass;
  }
}

struct Cost {
  int64_t micros = 0;
  size_t ir_lines = 0;
};

Cost run_passes(int64_t size) {
  Module m = make_gemm_module(size, size, size, 128, 128, 32);
  DiagnosticList diags;
  auto t0 = std::chrono::steady_clock::now();
  for (const char* pass : kPasses) EXPECT_TRUE(run_pass(m, pass, device(), diags)) << pass;
  auto t1 = std::chrono::steady_clock::now();
  std::string body = print_stmt(m.funcs[0].body);
  return {std::chrono::duration_cast<std::chrono::microseconds>(t1 - t0).count(),
          static_cast<size_t>(std::count(body.begin(), body.end(), '\n'))};
}

TEST(TTLayoutPasses, CostIsIndependentOfProblemSize) {
  run_passes(1024);  // warm the device cache
  Cost small = run_passes(1024);
  Cost huge = run_passes(32768);  // 256 x 256 blocks, 1024 per core (65536^3 no longer fits in DRAM)
  EXPECT_EQ(small.ir_lines, huge.ir_lines);
  EXPECT_LT(small.micros, 5000);
  EXPECT_LT(huge.micros, 5000);
}

}  // namespace
}  // namespace tt::test
