// Edit distance and "did you mean" suggestions shared by the CLI, the front end and the viewer.
#include "compiler/ir/suggest.h"

#include <algorithm>
#include <cctype>

namespace tt {

namespace {

char fold(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

}  // namespace

size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rows suffice for the adjacent-swap case; case differences are not edits ("Float16").
  const size_t n = b.size();
  std::vector<size_t> before(n + 1), prev(n + 1), cur(n + 1);
  for (size_t j = 0; j <= n; ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= n; ++j) {
      size_t cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1])) {
        cur[j] = std::min(cur[j], before[j - 2] + 1);
      }
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[n];
}

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  if (word.empty()) return std::nullopt;
  const size_t limit = std::max<size_t>(1, word.size() / 3);
  const std::string* best = nullptr;
  size_t best_distance = limit + 1;
  for (const std::string& c : candidates) {
    size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best = &c;
      best_distance = d;
    }
  }
  if (best && best_distance > 0) return *best;
  // A truncated name ("tensorize" for "tensorize_tt") is a typo too, when only one name fits.
  const std::string* prefixed = nullptr;
  for (const std::string& c : candidates) {
    if (c.size() <= word.size() || c.compare(0, word.size(), word) != 0) continue;
    if (prefixed) return std::nullopt;
    prefixed = &c;
  }
  if (prefixed) return *prefixed;
  return std::nullopt;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::string unknown_name_message(std::string_view kind, std::string_view word,
                                 const std::vector<std::string>& candidates, std::string_view plural) {
  std::string message = "unknown " + std::string(kind) + " '" + std::string(word) + "'";
  if (auto match = closest_match(word, candidates)) message += "; did you mean '" + *match + "'?";
  message += " (" + std::string(plural) + ": " + join_names(candidates) + ")";
  return message;
}

}  // namespace tt
