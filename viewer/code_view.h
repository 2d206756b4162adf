// The code-view widget: a read-only, clickable text with line numbers, syntax colors and per-line
// background marks; ImGuiListClipper keeps it O(visible lines) for 100k-line IR dumps.
#pragma once

#include <imgui.h>

#include <functional>

#include "viewer/code_text.h"
#include "viewer/theme.h"

namespace tt::viewer {

struct CodeViewOptions {
  std::function<LineMark(size_t)> mark;         // background of a line (empty: none)
  std::function<char(size_t)> sign;             // a one-character gutter sign, e.g. diff +/- (empty: none)
  std::function<long(size_t)> line_number;      // number shown for a line (empty: index + 1; < 0: blank)
  std::function<ImU32(size_t)> text_color;      // base text color of a line (empty: theme text color)
  bool greyed = false;                          // stale result: draw everything faded
  int scroll_to = -1;                           // bring this 0-based line to the middle of the view
};

struct CodeViewEvent {
  int clicked = -1;  // 0-based line clicked this frame
  int hovered = -1;
};

CodeViewEvent code_view(const char* id, const CodeText& text, const CodeViewOptions& options, ImVec2 size = ImVec2(0, 0));

}  // namespace tt::viewer
