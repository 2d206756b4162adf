// make_diff_text(): the rows' lines joined, each taken from the side it exists on.
#include "viewer/diff_text.h"

#include <string>

namespace tt::viewer {

DiffText make_diff_text(std::string_view old_text, std::string_view new_text, std::optional<Language> language) {
  DiffText out;
  out.diff = diff_lines(old_text, new_text);
  const std::vector<std::string_view> old_lines = split_lines(old_text), new_lines = split_lines(new_text);
  std::string text;
  for (const DiffLine& d : out.diff.lines) {
    text += d.kind == DiffLine::Kind::Removed ? old_lines[d.old_line] : new_lines[d.new_line];
    text += '\n';
  }
  out.text = std::make_unique<CodeText>(std::move(text), language);
  return out;
}

LineMark diff_row_mark(const LineDiff& diff, size_t row) {
  if (row >= diff.lines.size()) return LineMark::None;
  switch (diff.lines[row].kind) {
    case DiffLine::Kind::Added:
      return LineMark::Added;
    case DiffLine::Kind::Removed:
      return LineMark::Removed;
    case DiffLine::Kind::Same:
      return LineMark::None;
  }
  return LineMark::None;
}

char diff_row_sign(const LineDiff& diff, size_t row) {
  const LineMark m = diff_row_mark(diff, row);
  return m == LineMark::Added ? '+' : m == LineMark::Removed ? '-' : ' ';
}

}  // namespace tt::viewer
