// The panels and the workbench drawn in a real ImGui context with no window and no GL (ImGui only
// needs a built font atlas to produce draw lists): every panel in every state, keyboard handling.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "headless_imgui.h"
#include "viewer/panel_registry.h"
#include "viewer/workbench.h"
#include "viewer_fixture.h"

namespace tt::viewer {
namespace {

using testing::Headless;

CompileFn fixture_engine() {
  return [](SourceFile f, const CompileOptions&) {
    if (f.text().find("BROKEN") != std::string::npos) return testing::make_failed_result(f, 3);
    return testing::make_gemm_result(f);
  };
}

TEST_F(Headless, EveryPanelDrawsWithDataStaleAndEmpty) {
  ViewerState state(fixture_engine());
  Workbench bench;
  for (int i = 0; i < 3; ++i) frame([&] { bench.draw(state); });  // nothing compiled yet
  state.set_source_text(testing::fixture_source());
  state.selection.select_source_line(25, SelectionOrigin::Command);
  state.selection.select_core(CoreXY{2, 3}, SelectionOrigin::Command);
  for (int i = 0; i < 3; ++i) frame([&] { bench.draw(state); });
  EXPECT_GT(ImGui::GetDrawData()->TotalVtxCount, 1000);
  state.set_source_text("BROKEN");  // fails: the fixture result stays, greyed
  EXPECT_TRUE(state.stale());
  for (int i = 0; i < 3; ++i) frame([&] { bench.draw(state); });
  for (const std::string& name : panel_names()) {
    frame([&] { EXPECT_TRUE(bench.draw_single(state, name)); });
  }
  frame([&] { EXPECT_FALSE(bench.draw_single(state, "no such panel")); });
}

TEST_F(Headless, LargeInputsDrawOnlyVisibleLines) {
  CompileResult big = testing::make_large_result(4000, 100000, 3);
  ViewerState state([&](SourceFile, const CompileOptions&) { return big; });
  state.set_source_text("large");
  state.selection.select_source_line(1234, SelectionOrigin::Command);
  Workbench bench;
  for (int i = 0; i < 3; ++i) frame([&] { bench.draw(state); });
  // A 100k-line IR would be millions of vertices if drawn whole.
  EXPECT_LT(ImGui::GetDrawData()->TotalVtxCount, 400000);
}

TEST_F(Headless, CtrlTabSwitchesPanels) {
  ViewerState state(fixture_engine());
  state.set_source_text(testing::fixture_source());
  Workbench bench;
  for (int i = 0; i < 3; ++i) frame([&] { bench.draw(state); });
  ImGui::FocusWindow(ImGui::FindWindowByName("Source"));
  frame([&] { bench.draw(state); });
  ImGuiContext& g = *GImGui;
  ASSERT_NE(g.NavWindow, nullptr);
  const std::string before = g.NavWindow->Name;
  ImGuiIO& io = ImGui::GetIO();
  io.KeyCtrl = true;
  io.KeysDown[9] = true;
  frame([&] { bench.draw(state); });
  io.KeysDown[9] = false;
  frame([&] { bench.draw(state); });
  io.KeyCtrl = false;
  frame([&] { bench.draw(state); });
  frame([&] { bench.draw(state); });
  ASSERT_NE(g.NavWindow, nullptr);
  EXPECT_NE(std::string(g.NavWindow->Name), before);
}

TEST_F(Headless, ShortcutsUseTheBackendKeyCodes) {
  int recompiles = 0;
  ViewerState state([&](SourceFile f, const CompileOptions&) {
    ++recompiles;
    return testing::make_gemm_result(f);
  });
  state.set_source_text(testing::fixture_source());
  Workbench bench;
  bench.keys = {79, 83, 70, 294};  // GLFW_KEY_O, S, F, F5
  frame([&] { bench.draw(state); });
  ImGuiIO& io = ImGui::GetIO();
  io.KeysDown[294] = true;
  frame([&] { bench.draw(state); });
  io.KeysDown[294] = false;
  EXPECT_EQ(recompiles, 2);
  io.KeyCtrl = true;
  io.KeysDown[70] = true;
  frame([&] { bench.draw(state); });
  io.KeysDown[70] = false;
  io.KeyCtrl = false;
  EXPECT_TRUE(state.ui.focus_search || ImGui::GetActiveID() != 0);
}

}  // namespace
}  // namespace tt::viewer
