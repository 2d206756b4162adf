// code_view(): clipped line drawing straight into the window's draw list.
#include "viewer/code_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tt::viewer {

namespace {
const char* advance_columns(const char* p, const char* end, size_t& columns) {
  for (; p < end; ++p) columns += (static_cast<unsigned char>(*p) & 0xC0) != 0x80;
  return p;
}
}  // namespace

CodeViewEvent code_view(const char* id, const CodeText& text, const CodeViewOptions& options, ImVec2 size) {
  CodeViewEvent ev;
  ImGui::BeginChild(id, size, false, ImGuiWindowFlags_HorizontalScrollbar);
  ImFont* font = fonts().mono ? fonts().mono : ImGui::GetFont();
  ImGui::PushFont(font);
  const float fs = font->FontSize;
  const float line_h = std::floor(fs * 1.25f);
  const float char_w = font->CalcTextSizeA(fs, 1e9f, 0, "M").x;
  const float alpha = options.greyed ? 0.45f : 1.0f;
  const size_t n = text.line_count();

  char num[32];
  int digits = std::snprintf(num, sizeof num, "%zu", std::max<size_t>(n, 1));
  const float sign_w = options.sign ? char_w * 2 : 0;
  const float gutter = char_w * static_cast<float>(digits + 1) + sign_w + char_w;
  const float content_w = gutter + char_w * static_cast<float>(text.max_line_columns() + 2);
  const float view_w = ImGui::GetWindowContentRegionMax().x - ImGui::GetWindowContentRegionMin().x;
  const float row_w = std::max(content_w, view_w + ImGui::GetScrollX());

  if (options.scroll_to >= 0 && static_cast<size_t>(options.scroll_to) < n) {
    float target = static_cast<float>(options.scroll_to) * line_h - ImGui::GetWindowHeight() * 0.4f;
    ImGui::SetScrollY(std::max(0.0f, target));
  }

  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 dim = with_alpha(colors::kDim, alpha);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(n), line_h);
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const size_t i = static_cast<size_t>(row);
      const ImVec2 p = ImGui::GetCursorScreenPos();
      ImGui::Dummy(ImVec2(row_w, line_h));
      const bool hovered = ImGui::IsItemHovered();
      if (hovered) {
        ev.hovered = row;
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) ev.clicked = row;
      }
      LineMark mark = options.mark ? options.mark(i) : LineMark::None;
      if (mark != LineMark::None) {
        dl->AddRectFilled(p, ImVec2(p.x + row_w, p.y + line_h), with_alpha(line_mark_color(mark), alpha));
      } else if (hovered) {
        dl->AddRectFilled(p, ImVec2(p.x + row_w, p.y + line_h), IM_COL32(255, 255, 255, 14));
      }
      const float ty = p.y + std::floor((line_h - fs) * 0.5f);
      long number = options.line_number ? options.line_number(i) : static_cast<long>(i + 1);
      if (number >= 0) {
        int len = std::snprintf(num, sizeof num, "%ld", number);
        dl->AddText(font, fs, ImVec2(p.x + char_w * static_cast<float>(digits - len), ty), dim, num, num + len);
      }
      if (options.sign) {
        char s = options.sign(i);
        if (s != ' ') dl->AddText(font, fs, ImVec2(p.x + char_w * static_cast<float>(digits + 1), ty), dim, &s, &s + 1);
      }
      std::string_view line = text.line(i);
      const char* begin = line.data();
      const char* end = begin + line.size();
      const float x0 = p.x + gutter;
      const ImU32 base = with_alpha(options.text_color ? options.text_color(i) : colors::kText, alpha);
      size_t col = 0;
      const char* cur = begin;
      auto draw = [&](const char* from, const char* to, ImU32 color) {
        if (from >= to) return;
        float x = x0 + char_w * static_cast<float>(col);
        dl->AddText(font, fs, ImVec2(x, ty), color, from, to);
        advance_columns(from, to, col);
      };
      if (const std::vector<TokenRun>* runs = text.runs(i)) {
        for (const TokenRun& r : *runs) {
          const char* rb = begin + std::min<size_t>(r.begin, line.size());
          const char* re = begin + std::min<size_t>(r.end, line.size());
          if (rb < cur) continue;
          draw(cur, rb, base);
          draw(rb, re, with_alpha(token_color(r.kind), alpha));
          cur = re;
        }
      }
      draw(cur, end, base);
    }
  }
  clipper.End();
  ImGui::PopStyleVar();
  ImGui::PopFont();
  ImGui::EndChild();
  return ev;
}

}  // namespace tt::viewer
