// run_window(): GLFW setup, the frame loop and teardown.
#include "app/glfw_window.h"

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <vector>

#include "app/app_config.h"
#include "app/emulation_job.h"
#include "app/gl_readback.h"
#include "app/png_writer.h"
#include "app/redraw_schedule.h"
#include "viewer/theme.h"
#include "viewer/workbench.h"

namespace tt::app {

namespace {

std::vector<std::string> g_dropped;  // paths dropped on the window since the last frame

void on_drop(GLFWwindow*, int count, const char** paths) {
  for (int i = 0; i < count; ++i) g_dropped.emplace_back(paths[i]);
}

RedrawSchedule g_redraw;  // input callbacks wake it; see watch_input

// Installed before the ImGui backend, which chains to them: every input or window event is due a frame.
void watch_input(GLFWwindow* window) {
  glfwSetCursorPosCallback(window, [](GLFWwindow*, double, double) { g_redraw.wake(glfwGetTime()); });
  glfwSetMouseButtonCallback(window, [](GLFWwindow*, int, int, int) { g_redraw.wake(glfwGetTime()); });
  glfwSetScrollCallback(window, [](GLFWwindow*, double, double) { g_redraw.wake(glfwGetTime()); });
  glfwSetKeyCallback(window, [](GLFWwindow*, int, int, int, int) { g_redraw.wake(glfwGetTime()); });
  glfwSetCharCallback(window, [](GLFWwindow*, unsigned) { g_redraw.wake(glfwGetTime()); });
  glfwSetWindowFocusCallback(window, [](GLFWwindow*, int) { g_redraw.wake(glfwGetTime()); });
  glfwSetCursorEnterCallback(window, [](GLFWwindow*, int) { g_redraw.wake(glfwGetTime()); });
  glfwSetFramebufferSizeCallback(window, [](GLFWwindow*, int, int) { g_redraw.wake(glfwGetTime()); });
  glfwSetWindowRefreshCallback(window, [](GLFWwindow*) { g_redraw.wake(glfwGetTime()); });
}

void on_glfw_error(int code, const char* message) {
  std::fprintf(stderr, "tt-inspect: GLFW error %d: %s\n", code, message);
}

std::string window_title(const viewer::ViewerState& state) {
  std::string t = "tt-inspect";
  if (!state.path().empty())
    t += " - " + std::filesystem::path(state.path()).filename().string() + (state.dirty() ? " *" : "");
  return t;
}

// Writes the panel's window rectangle of the frame just rendered (still in the back buffer) to a PNG;
// the outcome goes to the status line. False when nothing was written.
bool capture_panel(viewer::Workbench& bench, const std::string& panel, const std::string& path, int fb_w, int fb_h) {
  const viewer::Panel* p = bench.find_panel(panel);
  if (!p) {
    bench.set_status("export: no open panel '" + panel + "'");
    return false;
  }
  const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
  const int x = std::clamp(static_cast<int>(p->window_pos.x * scale.x), 0, fb_w);
  const int y = std::clamp(static_cast<int>(p->window_pos.y * scale.y), 0, fb_h);
  const int w = std::min(static_cast<int>(p->window_size.x * scale.x), fb_w - x);
  const int h = std::min(static_cast<int>(p->window_size.y * scale.y), fb_h - y);
  if (w <= 0 || h <= 0) {
    bench.set_status("export: the " + panel + " panel is not on screen");
    return false;
  }
  glReadBuffer(GL_BACK);
  std::string error;
  const bool ok = write_png(path, w, h, read_pixels_rgb(x, y, w, h, fb_h), error);
  bench.set_status(ok ? "exported " + path : "export: " + error);
  return ok;
}

}  // namespace

int run_window(const WindowOptions& options) {
  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit()) {
    std::fprintf(stderr,
                 "tt-inspect: error: cannot open a window (no display?); `tt-inspect screenshot` renders headless\n");
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  GLFWwindow* window = glfwCreateWindow(options.width, options.height, "tt-inspect", nullptr, nullptr);
  if (!window) {
    glfwTerminate();
    std::fprintf(stderr, "tt-inspect: error: cannot create an OpenGL 3.3 core window\n");
    return 1;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);
  glfwSetDropCallback(window, on_drop);
  watch_input(window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  // Scripted runs (--exit-after-frames, --export-png: smoke tests, exports) are not the user's
  // session: they neither read nor write the user's layout, recent files or autosaves.
  const bool interactive = options.exit_after_frames <= 0 && options.export_png.empty();
  const std::string dir = interactive ? config_dir() : "";
  io.IniFilename = nullptr;  // pixels; the layout is kept as fractions of the window (layout.json)
  std::string error;
  if (!viewer::load_fonts(viewer::default_font_dir(), 15.0f, 14.0f, &error))
    std::fprintf(stderr, "tt-inspect: warning: %s\n", error.c_str());
  viewer::apply_style();
  ImGui_ImplGlfw_InitForOpenGL(window, true);  // installs input callbacks; the drop callback stays ours
  ImGui_ImplOpenGL3_Init("#version 330");

  viewer::ViewerState state;
  state.configure(options.defines, options.device);
  viewer::Workbench bench;
  bench.keys = {GLFW_KEY_O, GLFW_KEY_S, GLFW_KEY_F, GLFW_KEY_F5};
  bool quit = false;  // settled: unsaved edits saved or discarded
  bench.on_quit = [&quit] { quit = true; };
  const std::string layout_file = dir.empty() ? "" : dir + "/layout.json";
  if (!dir.empty()) {
    bench.recent_files_path = dir + "/recent.json";
    bench.recent.load(bench.recent_files_path);
    state.set_autosave_dir(dir + "/autosave");
    bench.load_layout_file(layout_file);
  }
  EmulationJob job;
  bench.on_run_emulation = [&](viewer::ViewerState& s) {
    if (const KernelResult* k = s.kernel(); k && job.start(*k)) bench.set_status("emulation running...");
  };
  bench.emulation_running = [&] { return job.running(); };
  // Export > Panel as PNG: captured from the back buffer once the next frame is rendered.
  struct PngRequest {
    std::string panel, path;
    bool from_command_line = false;  // --export-png: reported on stdout/stderr and in the exit code
  };
  std::vector<PngRequest> png_requests;
  bench.exporter.on_panel_png = [&](const std::string& panel, const std::string& path) {
    png_requests.push_back({panel, path, false});
  };
  bool export_failed = false;
  if (!options.file.empty() && !bench.open_path(state, options.file)) {
    std::fprintf(stderr, "tt-inspect: error: %s\n", bench.status().c_str());
  }
  bool usage_failed = false;
  if (!options.kernel.empty()) {
    if (std::string e = state.select_kernel_named(options.kernel); !e.empty()) {
      std::fprintf(stderr, "tt-inspect: error: %s\n", e.c_str());
      usage_failed = quit = true;  // the window closes at once: exit code 2, as for other usage errors
    }
  }

  int frames = 0;
  std::string title;
  while (!quit) {
    // Idle politely: sleep until input, waking 10 times a second for the file poll; draw only when
    // something changed (RedrawSchedule). Scripted runs draw every frame.
    const bool scripted = options.exit_after_frames > 0;
    if (scripted)
      glfwPollEvents();
    else
      glfwWaitEventsTimeout(g_redraw.wait_seconds(glfwGetTime()));
    const double now = glfwGetTime();
    // The close button, like File > Quit, asks first when there are unsaved edits.
    if (glfwWindowShouldClose(window)) {
      glfwSetWindowShouldClose(window, GLFW_FALSE);
      bench.request_quit(state);
      if (quit) break;
      g_redraw.wake(now);
    }
    if (state.poll_file(now)) g_redraw.wake(now);
    if (!g_dropped.empty()) {
      bench.request_open(state, g_dropped.back());  // one file at a time is shown
      g_redraw.wake(now);
    }
    g_dropped.clear();
    if (EmulationOutcome outcome; job.poll(outcome)) {
      std::string why_not;
      // The verdict goes to Diagnostics and the outcome line; the status line is for what did not land.
      if (state.set_emulation(std::move(outcome.report), outcome.program, &why_not))
        bench.set_status("");
      else
        bench.set_status("emulation result discarded: " + why_not);
      g_redraw.wake(now);
    }
    // A running emulation's progress is drawn at the file poll's rate, leaving the CPU to the emulation.
    const bool progress = job.running();
    if (!scripted && frames > 2 && !progress && !g_redraw.should_draw(now)) continue;

    // --export-png: once the default layout has settled (two frames), as if chosen from the menu.
    if (frames == 2) {
      for (const auto& [panel, path] : options.export_png) png_requests.push_back({panel, path, true});
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    bench.draw(state);
    ImGui::Render();
    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(window, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    glClearColor(0.07f, 0.08f, 0.09f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    for (const PngRequest& r : png_requests) {
      const bool ok = capture_panel(bench, r.panel, r.path, fb_w, fb_h);
      if (r.from_command_line) {
        std::fprintf(ok ? stdout : stderr, "%s%s\n", ok ? "" : "tt-inspect: error: ", bench.status().c_str());
        export_failed |= !ok;
      }
    }
    png_requests.clear();
    glfwSwapBuffers(window);

    if (std::string t = window_title(state); t != title) glfwSetWindowTitle(window, (title = t).c_str());
    ++frames;
    if (options.exit_after_frames > 0 && frames >= options.exit_after_frames) break;
  }

  if (!usage_failed && !layout_file.empty() && !bench.save_layout_file(layout_file, &error)) {
    std::fprintf(stderr, "tt-inspect: warning: cannot save the layout: %s\n", error.c_str());
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return usage_failed ? 2 : export_failed ? 1 : 0;
}

}  // namespace tt::app
