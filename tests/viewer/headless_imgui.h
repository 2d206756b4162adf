// A real ImGui context with no window and no GL (ImGui only needs a built font atlas to produce
// draw lists) for panel and workbench tests, with the input a user gives: clicks, keys, typing.
#pragma once

#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "viewer/theme.h"

namespace tt::viewer::testing {

class Headless : public ::testing::Test {
 protected:
  static constexpr int kTab = 9, kEnter = 10, kEscape = 11;

  void SetUp() override {
    ctx_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1600, 1000);
    io.DeltaTime = 1.0f / 60.0f;
    io.KeyMap[ImGuiKey_Tab] = kTab;
    io.KeyMap[ImGuiKey_Enter] = kEnter;
    io.KeyMap[ImGuiKey_Escape] = kEscape;
    load_fonts(default_font_dir(), 15, 14);
    apply_style();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
  void TearDown() override { ImGui::DestroyContext(ctx_); }

  template <typename F>
  void frame(F&& draw) {
    ImGui::NewFrame();
    draw();
    ImGui::Render();
  }
  // A left click at `p` (display pixels): press in one frame, release in the next.
  template <typename F>
  void click(ImVec2 p, F&& draw) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = p;
    frame(draw);
    io.MouseDown[0] = true;
    frame(draw);
    io.MouseDown[0] = false;
    frame(draw);
  }
  // A key pressed for one frame and released in the next.
  template <typename F>
  void key(int k, F&& draw) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[k] = true;
    frame(draw);
    io.KeysDown[k] = false;
    frame(draw);
  }
  template <typename F>
  void type(const char* text, F&& draw) {
    ImGui::GetIO().AddInputCharactersUTF8(text);
    frame(draw);
  }
  // Where the first item of window `name` starts (screen pixels), after the last frame.
  static ImVec2 content_start(const char* name) {
    ImGuiWindow* w = ImGui::FindWindowByName(name);
    return w ? w->DC.CursorStartPos : ImVec2(-1, -1);
  }

  ImGuiContext* ctx_ = nullptr;
};

}  // namespace tt::viewer::testing
