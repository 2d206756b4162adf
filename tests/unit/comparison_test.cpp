// perf::compare_kernels over two real compiles of the reference GEMM: the deltas are each side's own
// numbers (hand counts of DRAM traffic), and the artifact line counts are those of the line diff.
#include "compiler/perf/comparison.h"

#include <gtest/gtest.h>

#include "compiler/compiler.h"
#include "compiler/ir/line_diff.h"

namespace tt::perf {
namespace {

KernelResult compile_gemm(std::map<std::string, std::string> defines) {
  CompileOptions options;
  options.defines = std::move(defines);
  options.record_ir = false;
  CompileResult r = compile_file(std::string(TT_INSPECT_ASSETS_DIR) + "/examples/example_gemm.py", options);
  EXPECT_TRUE(r.ok()) << render_diagnostics(r.all_diagnostics(), r.source);
  return r.kernels.at(0);
}

const QuantityDelta& quantity(const KernelComparison& c, const std::string& name) {
  for (const QuantityDelta& q : c.quantities) {
    if (q.name == name) return q;
  }
  ADD_FAILURE() << "no quantity " << name;
  return c.quantities.front();
}

TEST(Comparison, SameConfigurationHasNoDeltas) {
  KernelResult a = compile_gemm({});
  KernelComparison c = compare_kernels(a, compile_gemm({}));
  for (const QuantityDelta& q : c.quantities) {
    ASSERT_TRUE(q.a && q.b) << q.name;
    EXPECT_EQ(*q.a, *q.b) << q.name;
  }
  EXPECT_EQ(c.binding_a, "noc");
  EXPECT_EQ(c.binding_b, "noc");
  ASSERT_EQ(c.artifacts.size(), a.artifacts.size());
  for (const ArtifactDelta& d : c.artifacts) {
    EXPECT_TRUE(d.in_a && d.in_b) << d.name;
    EXPECT_EQ(d.added + d.removed, 0u) << d.name;
  }
}

TEST(Comparison, SmallerBlocksReadMoreDramAndChangeTheKernels) {
  // 1024^3 fp16: 128x128 blocks (8x8, one per core) read A and B once each (2 MiB apiece) and multicast the
  // panels; 64x64 blocks (16x16, more than the cores: no multicast) read them 16 times; C (2 MiB) is written
  // once either way.
  KernelResult a = compile_gemm({});
  KernelResult b = compile_gemm({{"block_M", "64"}, {"block_N", "64"}});
  KernelComparison c = compare_kernels(a, b);
  const double mib = 1024.0 * 1024.0;
  EXPECT_EQ(*quantity(c, "DRAM bytes").a, (2 * 2 + 2) * mib);
  EXPECT_EQ(*quantity(c, "DRAM bytes").b, (2 * 16 * 2 + 2) * mib);
  EXPECT_EQ(*quantity(c, "tile matmuls").a, *quantity(c, "tile matmuls").b);  // same GEMM
  EXPECT_GT(*quantity(c, "lower bound").b, *quantity(c, "lower bound").a);
  EXPECT_GT(*quantity(c, "L1 CBs per core").a, *quantity(c, "L1 CBs per core").b);  // smaller CB pages
  // Each artifact's count is the line diff's, and the plan changes.
  for (const ArtifactDelta& d : c.artifacts) {
    ASSERT_TRUE(d.in_a && d.in_b) << d.name;
    LineDiff diff = diff_lines(a.find_artifact(d.name)->text, b.find_artifact(d.name)->text);
    EXPECT_EQ(d.added, diff.added) << d.name;
    EXPECT_EQ(d.removed, diff.removed) << d.name;
    if (d.name == "tt.plan.json") {
      EXPECT_GT(d.added, 0u);
    }
  }
}

TEST(Comparison, ASideWithoutEstimateOrPlanHasNoValue) {
  KernelResult a = compile_gemm({});
  KernelResult b = a;
  b.estimate.reset();
  b.artifacts.clear();
  KernelComparison c = compare_kernels(a, b);
  EXPECT_FALSE(quantity(c, "DRAM bytes").b);
  EXPECT_FALSE(quantity(c, "L1 CBs per core").b);
  EXPECT_EQ(c.binding_b, "");
  for (const ArtifactDelta& d : c.artifacts) EXPECT_FALSE(d.in_b) << d.name;
}

}  // namespace
}  // namespace tt::perf
