// Line diff of two texts (Myers' O(ND) shortest edit script), for the pass-to-pass IR view and `tt-inspect compare`.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace tt {

struct DiffLine {
  enum class Kind { Same, Added, Removed } kind;
  size_t old_line;  // 0-based line in the old text (Same/Removed), else SIZE_MAX
  size_t new_line;  // 0-based line in the new text (Same/Added), else SIZE_MAX
  friend bool operator==(const DiffLine&, const DiffLine&) = default;
};

struct LineDiff {
  std::vector<DiffLine> lines;  // in display order: removed lines before the added ones that replace them
  size_t added = 0, removed = 0;
  bool truncated = false;  // edit distance above the limit: the middle is shown as replaced wholesale
};

// Splits on '\n' (a trailing newline does not make an extra empty line).
std::vector<std::string_view> split_lines(std::string_view text);
// A minimal line diff; beyond `max_edits` differences it gives up on minimality (still correct).
LineDiff diff_lines(std::string_view old_text, std::string_view new_text, size_t max_edits = 2000);

}  // namespace tt
