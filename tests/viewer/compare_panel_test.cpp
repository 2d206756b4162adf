// The comparison view (issue 16): the file compiled in a second configuration B beside A, the
// deltas compare_kernels() computes (the numbers `tt-inspect compare` prints), B recompiled with every
// edit, and the Compare panel drawn with it.
#include "viewer/compare_panel.h"

#include <gtest/gtest.h>

#include "headless_imgui.h"
#include "viewer/workbench.h"

namespace tt::viewer {
namespace {

const std::string kGemm = std::string(TT_INSPECT_SOURCE_DIR) + "/assets/examples/example_gemm.py";

TEST(CompareConfig, DefineListsAndLabels) {
  std::map<std::string, std::string> d;
  std::string error;
  EXPECT_TRUE(parse_define_list("block_M=64 -D block_N=64  -Ddtype=bfloat16", d, error));
  EXPECT_EQ(d, (std::map<std::string, std::string>{{"block_M", "64"}, {"block_N", "64"}, {"dtype", "bfloat16"}}));
  EXPECT_FALSE(parse_define_list("block_M=64 oops", d, error));
  EXPECT_EQ(error, "'oops' is not NAME=VALUE");
  CompileOptions o;
  o.device = "blackhole_p150";
  o.defines = {{"block_M", "64"}};
  EXPECT_EQ(configuration_label(o), "blackhole_p150 -D block_M=64");
}

TEST(CompareConfig, BIsCompiledBesideAAndFollowsEdits) {
  ViewerState state;
  ASSERT_TRUE(state.open_file(kGemm));
  EXPECT_EQ(state.comparison(), nullptr);
  state.set_comparison({{"block_M", "64"}, {"block_N", "64"}}, "wormhole_n150");
  ASSERT_NE(state.comparison(), nullptr);
  ASSERT_TRUE(state.comparison()->ok());
  EXPECT_EQ(state.comparison_options()->defines.at("block_M"), "64");
  EXPECT_TRUE(state.options().defines.empty());  // A is unchanged
  // 64x64 blocks read A and B twice as often: 34 MiB -> 66 MiB of DRAM traffic (as `compare` prints).
  const perf::KernelComparison c = perf::compare_kernels(state.current()->kernels[0], state.comparison()->kernels[0]);
  ASSERT_GE(c.quantities.size(), 2u);
  EXPECT_EQ(c.quantities[1].name, "DRAM bytes");
  EXPECT_EQ(*c.quantities[1].a, 35651584);
  EXPECT_EQ(*c.quantities[1].b, 69206016);
  EXPECT_EQ(perf::format_delta(c.quantities[1]), "+33554432 (+94.1%)");
  // An edit recompiles both sides.
  const CompileResult* before = state.comparison();
  std::string text = state.source_text();
  text.replace(text.find("num_stages=3"), 12, "num_stages=2");
  state.set_source_text(text);
  ASSERT_NE(state.comparison(), before);
  const Artifact* a = state.current()->kernels[0].find_artifact("tt.plan.json");
  const Artifact* b = state.comparison()->kernels[0].find_artifact("tt.plan.json");
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->text, b->text);
  state.clear_comparison();
  EXPECT_EQ(state.comparison(), nullptr);
}

using testing::Headless;

TEST_F(Headless, ComparePanelDrawsTheDeltasAndTheDiff) {
  ViewerState state;
  ASSERT_TRUE(state.open_file(kGemm));
  Workbench bench;
  frame([&] { EXPECT_TRUE(bench.draw_single(state, "compare")); });  // the setup line only
  state.set_comparison({{"block_K", "64"}}, "wormhole_n150");
  for (int i = 0; i < 3; ++i) frame([&] { EXPECT_TRUE(bench.draw_single(state, "compare")); });
  EXPECT_GT(ImGui::GetDrawData()->TotalVtxCount, 1000);
  state.set_comparison({{"block_M", "48"}}, "wormhole_n150");  // B fails: its error is shown instead
  EXPECT_FALSE(state.comparison()->ok());
  frame([&] { EXPECT_TRUE(bench.draw_single(state, "compare")); });
}

}  // namespace
}  // namespace tt::viewer
