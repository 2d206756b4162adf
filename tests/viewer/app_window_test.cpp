// Issue 15 in a real ImGui context driven as a user does (clicks, Tab, typing, window resizes):
// the Kernel combo (3), typed parameters (6), the layout following the window (7), Find in diff
// mode and Export > Panel as PNG (10), the unsaved-edits prompt on screen (1).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "headless_imgui.h"
#include "viewer/passes_panel.h"
#include "viewer/workbench.h"
#include "viewer_fixture.h"

namespace tt::viewer {
namespace {

using testing::Headless;

const Panel* panel(const Workbench& bench, const char* name) { return bench.find_panel(name); }

// A file with two kernels whose IR differs: "matmul" and "matmul_b".
CompileFn two_kernel_engine() {
  return [](SourceFile f, const CompileOptions&) {
    CompileResult r = testing::make_gemm_result(f);
    KernelResult b = r.kernels[0];
    b.name = "matmul_b";
    for (PassRecord& p : b.trace.passes) p.ir_text += "# this is kernel matmul_b\n";
    r.kernels.push_back(std::move(b));
    return r;
  };
}

TEST_F(Headless, KernelComboShowsTheChosenKernelsIrAtOnce) {
  ViewerState state(two_kernel_engine());
  state.set_source_text(testing::fixture_source());
  Workbench bench;
  auto draw = [&] { bench.draw(state); };
  for (int i = 0; i < 3; ++i) frame(draw);
  const auto* passes = dynamic_cast<const PassesPanel*>(panel(bench, "Passes"));
  ASSERT_NE(passes, nullptr);
  ASSERT_NE(passes->shown_ir(), nullptr);
  EXPECT_EQ(passes->shown_ir()->text().find("matmul_b"), std::string::npos);

  // Open the combo (the Passes panel's first item), then click its second entry.
  const ImVec2 combo = content_start("Passes");
  click(ImVec2(combo.x + 30, combo.y + ImGui::GetFrameHeight() * 0.5f), draw);
  frame(draw);  // a popup sizes itself on its first frames
  frame(draw);
  ImGuiWindow* popup = ImGui::FindWindowByName("##Combo_00");
  ASSERT_NE(popup, nullptr);
  ASSERT_TRUE(popup->Active);
  const float row = ImGui::GetTextLineHeight() + ImGui::GetStyle().ItemSpacing.y;
  const ImVec2 first = popup->DC.CursorStartPos;
  click(ImVec2(first.x + 20, first.y + row + ImGui::GetTextLineHeight() * 0.5f), draw);
  EXPECT_EQ(state.selection.kernel, 1);
  frame(draw);
  ASSERT_NE(passes->shown_ir(), nullptr);
  EXPECT_NE(passes->shown_ir()->text().find("# this is kernel matmul_b"), std::string::npos);
}

TEST_F(Headless, ATypedParameterIsAppliedWhenTheFieldIsLeft) {
  CompileOptions seen;
  ViewerState state([&](SourceFile f, const CompileOptions& o) {
    seen = o;
    return testing::make_gemm_result(f);
  });
  state.set_source_text(testing::fixture_source());
  Workbench bench;
  auto draw = [&] { bench.draw(state); };
  for (int i = 0; i < 3; ++i) frame(draw);
  ImGui::FocusWindow(ImGui::FindWindowByName("Source"));
  frame(draw);
  key(kTab, draw);  // into the form's first field: M (1280)
  ASSERT_NE(ImGui::GetActiveID(), 0u);
  type("2048", draw);
  EXPECT_TRUE(state.defines().empty());  // not applied while typing
  key(kTab, draw);                       // on to N: M is left without Enter
  ASSERT_EQ(state.defines().count("M"), 1u);
  EXPECT_EQ(state.defines().at("M"), "2048");
  EXPECT_EQ(seen.defines.at("M"), "2048");
}

TEST_F(Headless, AParameterOfOneKernelGroupChangesOnlyThatKernel) {
  // The fixture file plus a second factory with the same parameter names.
  std::string src = testing::fixture_source();
  const size_t begin = src.find("@tilelang.jit"), end = src.find("    return gemm\n") + 16;
  std::string second = src.substr(begin, end - begin);
  second.replace(second.find("def matmul("), 11, "def matmul2(");
  src += "\n" + second + "\nkernel2 = matmul2(1280, 1280, 1024, 128, 128, 32)\n";
  ViewerState state([](SourceFile f, const CompileOptions&) { return testing::make_gemm_result(f); });
  state.set_source_text(src);
  Workbench bench;
  auto draw = [&] { bench.draw(state); };
  for (int i = 0; i < 3; ++i) frame(draw);
  ImGui::FocusWindow(ImGui::FindWindowByName("Source"));
  frame(draw);
  for (int i = 0; i < 4; ++i) key(kTab, draw);  // M, N, K, block_M of the first group
  type("64", draw);
  key(kTab, draw);
  EXPECT_EQ(state.defines(), (std::map<std::string, std::string>{{"matmul.block_M", "64"}}));
}

TEST_F(Headless, ShrinkingTheWindowReflowsThePanels) {
  ViewerState state([](SourceFile f, const CompileOptions&) { return testing::make_gemm_result(f); });
  state.set_source_text(testing::fixture_source());
  Workbench bench;
  auto draw = [&] { bench.draw(state); };
  for (int i = 0; i < 2; ++i) frame(draw);
  const std::vector<PanelPlace> defaults = bench.layout();
  ImGui::GetIO().DisplaySize = ImVec2(800, 500);
  for (int i = 0; i < 2; ++i) frame(draw);
  for (const PanelEntry& e : bench.panels()) {
    const ImVec2 p = e.panel->window_pos, s = e.panel->window_size;
    EXPECT_LE(p.x + s.x, 800.5f) << e.panel->name();
    EXPECT_LE(p.y + s.y, 500.5f) << e.panel->name();
  }
  EXPECT_NEAR(panel(bench, "Diagnostics")->window_pos.x, 0.76f * 800, 1.0f);
  // A tiny window (a headless or --size 100x100 run) does not change the places ...
  ImGui::GetIO().DisplaySize = ImVec2(100, 100);
  for (int i = 0; i < 2; ++i) frame(draw);
  EXPECT_EQ(bench.layout(), defaults);
  // ... so the next large window is tiled as before, not piled in a corner.
  ImGui::GetIO().DisplaySize = ImVec2(1600, 1000);
  for (int i = 0; i < 2; ++i) frame(draw);
  EXPECT_NEAR(panel(bench, "Diagnostics")->window_pos.x, 0.76f * 1600, 1.0f);
  EXPECT_NEAR(panel(bench, "Kernels")->window_size.x, 0.76f * 1600, 1.0f);
}

TEST_F(Headless, LayoutPersistsAsFractionsOfTheWindow) {
  const std::filesystem::path file = std::filesystem::path(TT_VIEWER_TEST_OUT_DIR) / "layout_roundtrip.json";
  Workbench bench;
  std::vector<PanelPlace> places = bench.layout();
  places[0].w = 0.25f;
  places[1].x = 0.25f;
  places[1].w = 0.41f;
  places[5].open = false;
  ASSERT_TRUE(save_layout(file.string(), places));
  Workbench next;
  ASSERT_TRUE(next.load_layout_file(file.string()));
  EXPECT_EQ(next.layout(), places);
  EXPECT_FALSE(next.panels()[5].panel->open);
}

TEST_F(Headless, FindMarksMatchesOnChangedLinesInDiffMode) {
  ViewerState state([](SourceFile f, const CompileOptions&) { return testing::make_gemm_result(f); });
  state.set_source_text(testing::fixture_source());
  state.selection.select_pass(1, SelectionOrigin::Command);  // propagate_tt_layout adds the tt.cb attributes
  state.ui.show_diff = true;
  state.ui.search = "tt.cb.";
  ++state.ui.search_version;
  Workbench bench;
  for (int i = 0; i < 3; ++i) frame([&] { bench.draw(state); });
  const auto* passes = dynamic_cast<const PassesPanel*>(panel(bench, "Passes"));
  ASSERT_NE(passes, nullptr);
  size_t added_hits = 0;
  const LineDiff& diff = passes->shown_diff();
  for (size_t row = 0; row < diff.lines.size(); ++row) {
    if (diff.lines[row].kind == DiffLine::Kind::Added && passes->diff_mark(state, row) == LineMark::SearchHit)
      ++added_hits;
  }
  EXPECT_GE(added_hits, 3u);  // one per CB attribute
}

TEST_F(Headless, APanelPngIsCapturedAfterTheExportDialogHasClosed) {
  ViewerState state([](SourceFile f, const CompileOptions&) { return testing::make_gemm_result(f); });
  state.set_source_text(testing::fixture_source());
  Workbench bench;
  int requests = 0;
  bool dialog_on_screen = true;
  bench.exporter.on_panel_png = [&](const std::string& p, const std::string&) {
    ++requests;
    EXPECT_EQ(p, "L1");
    ImGuiWindow* w = ImGui::FindWindowByName("Export");
    dialog_on_screen = w && w->Active;
  };
  frame([&] {
    bench.draw(state);
    ImGui::OpenPopup("Export");  // as File > Export > Panel as PNG does
  });
  std::string status;
  frame([&] {
    bench.draw(state);  // the dialog is on screen; its Export button calls write() and closes it
    EXPECT_TRUE(bench.exporter.write(state, ExportKind::PanelPng, "L1", "l1.png", status));
    ImGui::ClosePopupToLevel(0, true);
  });
  EXPECT_EQ(requests, 0);  // not from the frame that still shows the dialog
  for (int i = 0; i < 3; ++i) frame([&] { bench.draw(state); });
  EXPECT_EQ(requests, 1);
  EXPECT_FALSE(dialog_on_screen);
}

TEST_F(Headless, TheUnsavedEditsPromptIsOnScreen) {
  ViewerState state([](SourceFile f, const CompileOptions&) { return testing::make_gemm_result(f); });
  state.set_source_text(testing::fixture_source());  // no file: dirty
  Workbench bench;
  int quits = 0;
  bench.on_quit = [&] { ++quits; };
  frame([&] { bench.draw(state); });
  bench.request_quit(state);
  for (int i = 0; i < 2; ++i) frame([&] { bench.draw(state); });
  ImGuiWindow* prompt = ImGui::FindWindowByName("Unsaved changes");
  ASSERT_NE(prompt, nullptr);
  EXPECT_TRUE(prompt->Active);
  EXPECT_EQ(quits, 0);
  key(kEscape, [&] { bench.draw(state); });  // Escape is Cancel
  EXPECT_FALSE(bench.unsaved_prompt_pending());
  EXPECT_EQ(quits, 0);
  EXPECT_TRUE(state.dirty());
}

}  // namespace
}  // namespace tt::viewer
