// Myers' greedy diff on hashed lines, with the common prefix and suffix stripped first so the
// usual pass-to-pass change (a few lines in a long module) costs next to nothing.
#include "compiler/ir/line_diff.h"

#include <cstdint>
#include <algorithm>
#include <unordered_map>

namespace tt {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

namespace {

// Interns lines to integers so the inner loop compares ints.
std::vector<uint32_t> intern(const std::vector<std::string_view>& lines, std::unordered_map<std::string_view, uint32_t>& ids) {
  std::vector<uint32_t> out;
  out.reserve(lines.size());
  for (std::string_view l : lines) out.push_back(ids.emplace(l, static_cast<uint32_t>(ids.size())).first->second);
  return out;
}

constexpr size_t kNone = SIZE_MAX;

// Myers forward search keeping, per round d, the V entries for diagonals -d..d (O(D^2) memory,
// bounded by max_edits), then backtracking. Returns false when the edit distance exceeds max_edits.
bool myers(const uint32_t* a, size_t n, const uint32_t* b, size_t m, size_t a0, size_t b0, size_t max_edits,
           std::vector<DiffLine>& out) {
  const long N = static_cast<long>(n), M = static_cast<long>(m), max_d = static_cast<long>(std::min(n + m, max_edits));
  const long offset = max_d + 1;
  std::vector<int32_t> v(2 * offset + 1, 0);
  std::vector<std::vector<int32_t>> trace;  // trace[d][k + d] = V[k] before round d
  long found_d = -1;
  for (long d = 0; d <= max_d && found_d < 0; ++d) {
    trace.emplace_back(v.begin() + (offset - d), v.begin() + (offset + d + 1));
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      long y = x - k;
      while (x < N && y < M && a[x] == b[y]) ++x, ++y;
      v[offset + k] = static_cast<int32_t>(x);
      if (x >= N && y >= M) {
        found_d = d;
        break;
      }
    }
  }
  if (found_d < 0) return false;
  std::vector<DiffLine> rev;
  long x = N, y = M;
  for (long d = found_d; d > 0; --d) {
    const std::vector<int32_t>& pv = trace[d];
    auto at = [&](long k) { return static_cast<long>(pv[k + d]); };
    long k = x - y;
    long prev_k = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1;
    long prev_x = at(prev_k), prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) {
      --x, --y;
      rev.push_back({DiffLine::Kind::Same, a0 + x, b0 + y});
    }
    if (x == prev_x) {
      --y;
      rev.push_back({DiffLine::Kind::Added, kNone, b0 + y});
    } else {
      --x;
      rev.push_back({DiffLine::Kind::Removed, a0 + x, kNone});
    }
  }
  while (x > 0 && y > 0) {
    --x, --y;
    rev.push_back({DiffLine::Kind::Same, a0 + x, b0 + y});
  }
  out.insert(out.end(), rev.rbegin(), rev.rend());
  return true;
}

}  // namespace

LineDiff diff_lines(std::string_view old_text, std::string_view new_text, size_t max_edits) {
  std::vector<std::string_view> old_lines = split_lines(old_text), new_lines = split_lines(new_text);
  std::unordered_map<std::string_view, uint32_t> ids;
  std::vector<uint32_t> a = intern(old_lines, ids), b = intern(new_lines, ids);
  size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
  size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre && a[a.size() - 1 - suf] == b[b.size() - 1 - suf]) ++suf;

  LineDiff diff;
  for (size_t i = 0; i < pre; ++i) diff.lines.push_back({DiffLine::Kind::Same, i, i});
  size_t n = a.size() - pre - suf, m = b.size() - pre - suf;
  if (!myers(a.data() + pre, n, b.data() + pre, m, pre, pre, max_edits, diff.lines)) {
    diff.truncated = true;
    for (size_t i = 0; i < n; ++i) diff.lines.push_back({DiffLine::Kind::Removed, pre + i, kNone});
    for (size_t i = 0; i < m; ++i) diff.lines.push_back({DiffLine::Kind::Added, kNone, pre + i});
  }
  for (size_t i = 0; i < suf; ++i) diff.lines.push_back({DiffLine::Kind::Same, a.size() - suf + i, b.size() - suf + i});
  // Within each changed hunk show the removed lines first, like `diff -u`.
  for (auto it = diff.lines.begin(); it != diff.lines.end();) {
    auto end = std::find_if(it, diff.lines.end(), [](const DiffLine& l) { return l.kind == DiffLine::Kind::Same; });
    std::stable_partition(it, end, [](const DiffLine& l) { return l.kind == DiffLine::Kind::Removed; });
    it = end == diff.lines.end() ? end : end + 1;
  }
  for (const DiffLine& l : diff.lines) {
    diff.added += l.kind == DiffLine::Kind::Added;
    diff.removed += l.kind == DiffLine::Kind::Removed;
  }
  return diff;
}

}  // namespace tt
