// The look: fonts (DejaVu Sans for UI, DejaVu Sans Mono for code, from the build tree), the ImGui
// style, token colors and the line-mark colors every panel shares.
#pragma once

#include <imgui.h>

#include <string>

#include "viewer/syntax_highlight.h"

namespace tt::viewer {

struct Fonts {
  ImFont* ui = nullptr;
  ImFont* mono = nullptr;
};

// Adds the fonts to the current context's atlas (before the backend builds it). Returns false with
// `error` when a font file is missing; ImGui's default font is used then.
bool load_fonts(const std::string& font_dir, float ui_size, float mono_size, std::string* error = nullptr);
const Fonts& fonts();
// The directory fonts are loaded from: TT_INSPECT_FONT_DIR env var, else resource_paths().font_dir.
std::string default_font_dir();

void apply_style();

ImU32 token_color(TokenKind kind);

// Line backgrounds in code views.
enum class LineMark : uint8_t { None, Linked, Selected, Added, Removed, SearchHit, Error };
ImU32 line_mark_color(LineMark mark);

namespace colors {
inline constexpr ImU32 kText = IM_COL32(220, 223, 228, 255);
inline constexpr ImU32 kDim = IM_COL32(128, 133, 142, 255);
inline constexpr ImU32 kError = IM_COL32(240, 96, 88, 255);
inline constexpr ImU32 kWarning = IM_COL32(232, 190, 80, 255);
inline constexpr ImU32 kOk = IM_COL32(120, 200, 120, 255);
inline constexpr ImU32 kAccent = IM_COL32(110, 170, 240, 255);
inline constexpr ImU32 kReserved = IM_COL32(90, 94, 102, 255);
inline constexpr ImU32 kOverflow = IM_COL32(220, 50, 47, 255);
}  // namespace colors
// A distinct fill per CB index (stable across runs).
ImU32 cb_color(int cb_index);
// Multiplies the alpha of a color (greyed, stale results).
ImU32 with_alpha(ImU32 color, float alpha);

}  // namespace tt::viewer
