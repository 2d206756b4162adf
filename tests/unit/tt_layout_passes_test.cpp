// Passes 1-6 together: the C++-built reference matches the front end's IR after every pass, and
// the IR's size does not grow with M/N/K (per-core data lives in metadata only).
#include <gtest/gtest.h>

#include <algorithm>

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

// The IR body printed after passes 1-6, in lines: per-tile or per-block work must not be unrolled
// into the IR. (Time is measured in bench/pipeline_bench.cpp, never asserted in a unit test.)
size_t body_lines_after_passes(int64_t size) {
  Module m = make_gemm_module(size, size, size, 128, 128, 32);
  DiagnosticList diags;
  for (const char* pass : kPasses) EXPECT_TRUE(run_pass(m, pass, device(), diags)) << pass;
  std::string body = print_stmt(m.funcs[0].body);
  return static_cast<size_t>(std::count(body.begin(), body.end(), '\n'));
}

TEST(TTLayoutPasses, IrSizeIsIndependentOfProblemSize) {
  // 64 blocks (one per core) vs 256 x 256 blocks (1024 per core; 65536^3 no longer fits in DRAM).
  const size_t small = body_lines_after_passes(1024);
  EXPECT_GT(small, 10u);
  EXPECT_EQ(small, body_lines_after_passes(32768));
}

}  // namespace
}  // namespace tt::test
