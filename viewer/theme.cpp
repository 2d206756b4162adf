// Fonts, style and palettes.
#include "viewer/theme.h"

#include <cstdlib>
#include <filesystem>

#include "compiler/resources/resource_paths.h"

namespace tt::viewer {

namespace {
Fonts g_fonts;
}

const Fonts& fonts() { return g_fonts; }

std::string default_font_dir() {
  if (const char* env = std::getenv("TT_INSPECT_FONT_DIR")) return env;
  return resource_paths().font_dir.string();
}

bool load_fonts(const std::string& font_dir, float ui_size, float mono_size, std::string* error) {
  ImGuiIO& io = ImGui::GetIO();
  std::string ui = font_dir + "/DejaVuSans.ttf", mono = font_dir + "/DejaVuSansMono.ttf";
  if (!std::filesystem::exists(ui) || !std::filesystem::exists(mono)) {
    if (error) *error = "fonts not found in " + font_dir;
    g_fonts.ui = g_fonts.mono = io.Fonts->AddFontDefault();
    return false;
  }
  ImFontConfig cfg;
  cfg.OversampleH = 2;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2013, 0x2014, 0x2022, 0x2022, 0x2026, 0x2026, 0x2190,
                                   0x2193, 0x2212, 0x2212, 0x2588, 0x2588, 0x25CF, 0x25CF, 0};
  g_fonts.ui = io.Fonts->AddFontFromFileTTF(ui.c_str(), ui_size, &cfg, ranges);
  g_fonts.mono = io.Fonts->AddFontFromFileTTF(mono.c_str(), mono_size, &cfg, ranges);
  return g_fonts.ui && g_fonts.mono;
}

void apply_style() {
  ImGui::StyleColorsDark();
  ImGuiStyle& s = ImGui::GetStyle();
  s.WindowRounding = 0;
  s.FrameRounding = 2;
  s.TabRounding = 2;
  s.ScrollbarRounding = 2;
  s.WindowPadding = ImVec2(6, 6);
  s.FramePadding = ImVec2(5, 3);
  s.ItemSpacing = ImVec2(6, 4);
  s.CellPadding = ImVec2(5, 2);
  s.WindowBorderSize = 1;
  ImVec4* c = s.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.12f, 0.14f, 1.0f);
  c[ImGuiCol_ChildBg] = ImVec4(0.09f, 0.10f, 0.11f, 1.0f);
  c[ImGuiCol_TitleBg] = ImVec4(0.15f, 0.17f, 0.20f, 1.0f);
  c[ImGuiCol_TitleBgActive] = ImVec4(0.20f, 0.28f, 0.40f, 1.0f);
  c[ImGuiCol_MenuBarBg] = ImVec4(0.15f, 0.16f, 0.18f, 1.0f);
  c[ImGuiCol_Header] = ImVec4(0.22f, 0.32f, 0.46f, 0.8f);
  c[ImGuiCol_TableHeaderBg] = ImVec4(0.17f, 0.19f, 0.22f, 1.0f);
}

ImU32 token_color(TokenKind kind) {
  switch (kind) {
    case TokenKind::Keyword:
      return IM_COL32(198, 120, 221, 255);
    case TokenKind::String:
      return IM_COL32(152, 195, 121, 255);
    case TokenKind::Number:
      return IM_COL32(209, 154, 102, 255);
    case TokenKind::Comment:
      return IM_COL32(110, 118, 129, 255);
    case TokenKind::Function:
      return IM_COL32(97, 175, 239, 255);
    case TokenKind::Type:
      return IM_COL32(229, 192, 123, 255);
    case TokenKind::Constant:
      return IM_COL32(224, 140, 110, 255);
    case TokenKind::Property:
      return IM_COL32(140, 196, 214, 255);
    case TokenKind::Operator:
      return IM_COL32(86, 182, 194, 255);
    case TokenKind::Punctuation:
      return IM_COL32(171, 178, 191, 255);
    case TokenKind::Escape:
      return IM_COL32(86, 182, 194, 255);
    case TokenKind::Plain:
    case TokenKind::Count:
      break;
  }
  return colors::kText;
}

ImU32 line_mark_color(LineMark mark) {
  switch (mark) {
    case LineMark::Linked:
      return IM_COL32(70, 110, 170, 110);
    case LineMark::Selected:
      return IM_COL32(90, 140, 220, 170);
    case LineMark::Added:
      return IM_COL32(60, 140, 70, 110);
    case LineMark::Removed:
      return IM_COL32(170, 60, 60, 110);
    case LineMark::SearchHit:
      return IM_COL32(200, 170, 40, 90);
    case LineMark::Error:
      return IM_COL32(200, 50, 50, 90);
    case LineMark::None:
      break;
  }
  return 0;
}

ImU32 cb_color(int cb_index) {
  static const ImU32 palette[] = {IM_COL32(86, 156, 214, 255),  IM_COL32(78, 201, 176, 255),
                                  IM_COL32(220, 160, 80, 255),  IM_COL32(197, 134, 192, 255),
                                  IM_COL32(150, 200, 90, 255),  IM_COL32(230, 110, 110, 255),
                                  IM_COL32(120, 140, 230, 255), IM_COL32(200, 200, 110, 255)};
  if (cb_index < 0) return colors::kReserved;
  // TT-Metalium's conventional ids are c_0.. inputs, c_16.. outputs, c_24.. intermediates: folding
  // in index / 8 keeps 0, 16 and 24 apart.
  const auto i = static_cast<size_t>(cb_index);
  return palette[(i + i / 8) % (sizeof palette / sizeof palette[0])];
}

ImU32 with_alpha(ImU32 color, float alpha) {
  auto a = static_cast<ImU32>(static_cast<float>((color >> IM_COL32_A_SHIFT) & 0xFF) * alpha);
  return (color & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

}  // namespace tt::viewer
