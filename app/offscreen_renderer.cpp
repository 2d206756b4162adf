// OffscreenRenderer: ImGui context and OpenGL3 backend over the EGL framebuffer.
#include "app/offscreen_renderer.h"

#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

#include <GL/gl.h>

#include <cfloat>

#include "viewer/theme.h"

namespace tt::app {

OffscreenRenderer::~OffscreenRenderer() {
  if (backend_) ImGui_ImplOpenGL3_Shutdown();
  if (imgui_) ImGui::DestroyContext(imgui_);
}

bool OffscreenRenderer::init(int width, int height, std::string& error) {
  if (!egl_.init(error) || !fbo_.create(width, height, error)) return false;
  imgui_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(imgui_);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the default layout, always
  io.LogFilename = nullptr;
  io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;  // as the GLFW backend sets it
  viewer::load_fonts(viewer::default_font_dir(), 15.0f, 14.0f, &error);
  viewer::apply_style();
  if (!ImGui_ImplOpenGL3_Init("#version 330")) {
    error = "ImGui OpenGL3 backend failed to initialise";
    return false;
  }
  backend_ = true;
  error.clear();
  return true;
}

void OffscreenRenderer::frame(const std::function<void()>& draw) {
  ImGui::SetCurrentContext(imgui_);
  ImGuiIO& io = ImGui::GetIO();
  io.DeltaTime = 1.0f / 60.0f;
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  draw();
  ImGui::Render();
  fbo_.bind();
  glClearColor(0.07f, 0.08f, 0.09f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  glFinish();
}

}  // namespace tt::app
