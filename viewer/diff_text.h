// A line diff made displayable: the rows of a diff (removed lines before the added ones that replace
// them) as one CodeText for code_view(), and how each row is marked. The Passes panel (pass to pass)
// and the Compare panel (configuration A to B) show diffs through it.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "compiler/ir/line_diff.h"
#include "viewer/code_text.h"
#include "viewer/theme.h"

namespace tt::viewer {

struct DiffText {
  LineDiff diff;
  std::unique_ptr<CodeText> text;  // one line per diff row
};

DiffText make_diff_text(std::string_view old_text, std::string_view new_text, std::optional<Language> language);

// Added / Removed / None for a row; '+', '-' or ' ' for its gutter.
LineMark diff_row_mark(const LineDiff& diff, size_t row);
char diff_row_sign(const LineDiff& diff, size_t row);

}  // namespace tt::viewer
