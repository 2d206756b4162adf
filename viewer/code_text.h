// An immutable, display-ready text: line index, optional syntax runs, longest line, and a search
// helper. Built once per text (per compile or edit), drawn every frame by code_view(). Long texts
// (100k-line IR dumps) are highlighted lazily in independent chunks of lines as they scroll into
// view: a whole-file parse would stall the UI for a second.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "viewer/syntax_highlight.h"

namespace tt::viewer {

class CodeText {
 public:
  CodeText() = default;
  CodeText(std::string text, std::optional<Language> language);

  size_t line_count() const { return starts_.size(); }
  std::string_view line(size_t i) const;
  // Syntax runs of line i (null without a language); may highlight that line's chunk first.
  const std::vector<TokenRun>* runs(size_t i) const;
  size_t max_line_columns() const { return max_columns_; }
  const std::string& text() const { return text_; }
  // 0-based lines containing `needle` (case-insensitive ASCII); empty needle: none.
  std::vector<size_t> find(std::string_view needle) const;

 private:
  static constexpr size_t kWholeTextLines = 3000;  // up to this many lines: one parse, exact
  static constexpr size_t kChunkLines = 256;

  std::string text_;
  std::vector<uint32_t> starts_;
  std::optional<Language> language_;
  LineRuns runs_;                         // eager (short texts)
  mutable std::vector<LineRuns> chunks_;  // lazy (long texts); empty chunk = not highlighted yet
  size_t max_columns_ = 0;
};

// Number of UTF-8 code points in `s` (the column count in a monospace font).
size_t utf8_columns(std::string_view s);

}  // namespace tt::viewer
