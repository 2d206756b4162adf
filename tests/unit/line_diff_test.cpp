// Line diff: minimal edit scripts, hunk ordering, prefix/suffix handling, the give-up path.
#include <gtest/gtest.h>

#include "compiler/ir/line_diff.h"

namespace tt {
namespace {

std::string render(const LineDiff& d, std::string_view a, std::string_view b) {
  auto al = split_lines(a), bl = split_lines(b);
  std::string out;
  for (const DiffLine& l : d.lines) {
    char sign = l.kind == DiffLine::Kind::Added ? '+' : l.kind == DiffLine::Kind::Removed ? '-' : ' ';
    out += sign;
    out += l.kind == DiffLine::Kind::Removed ? al[l.old_line] : bl[l.new_line];
    out += '\n';
  }
  return out;
}

TEST(LineDiff, IdenticalTextsAreAllSame) {
  LineDiff d = diff_lines("a\nb\nc\n", "a\nb\nc\n");
  EXPECT_EQ(d.added, 0u);
  EXPECT_EQ(d.removed, 0u);
  EXPECT_EQ(d.lines.size(), 3u);
}

TEST(LineDiff, InsertionDeletionAndReplacement) {
  const char* a = "for k:\n  copy A\n  copy B\n  gemm\nend\n";
  const char* b = "for k:\n  reserve\n  copy A\n  gemm tiles\nend\n";
  LineDiff d = diff_lines(a, b);
  EXPECT_EQ(render(d, a, b), " for k:\n+  reserve\n   copy A\n-  copy B\n-  gemm\n+  gemm tiles\n end\n");
  EXPECT_EQ(d.added, 2u);
  EXPECT_EQ(d.removed, 2u);
  EXPECT_FALSE(d.truncated);
}

TEST(LineDiff, IsMinimalOnInterleavedChanges) {
  // LCS of abcabba / cbabac is 4 (Myers' paper example): 3 deletions + 2 insertions.
  LineDiff d = diff_lines("a\nb\nc\na\nb\nb\na\n", "c\nb\na\nb\na\nc\n");
  EXPECT_EQ(d.removed, 3u);
  EXPECT_EQ(d.added, 2u);
}

TEST(LineDiff, EmptySides) {
  EXPECT_EQ(diff_lines("", "x\ny\n").added, 2u);
  EXPECT_EQ(diff_lines("x\ny\n", "").removed, 2u);
  EXPECT_TRUE(diff_lines("", "").lines.empty());
}

TEST(LineDiff, GivesUpBeyondTheLimitButStaysCorrect) {
  std::string a, b;
  for (int i = 0; i < 100; ++i) {
    // Appended piecewise: GCC 12 warns (-Wrestrict, a known false positive) on "a" + to_string(i).
    a.append("a").append(std::to_string(i)).append("\n");
    b.append("b").append(std::to_string(i)).append("\n");
  }
  LineDiff d = diff_lines(a, b, 10);
  EXPECT_TRUE(d.truncated);
  EXPECT_EQ(d.removed, 100u);
  EXPECT_EQ(d.added, 100u);
}

TEST(LineDiff, LargeTextsWithFewChangesAreFast) {
  std::string a, b;
  for (int i = 0; i < 100000; ++i) {
    a += "line " + std::to_string(i) + "\n";
    b += (i % 1000 == 0 ? "changed " : "line ") + std::to_string(i) + "\n";
  }
  LineDiff d = diff_lines(a, b);
  EXPECT_FALSE(d.truncated);
  EXPECT_EQ(d.added, 100u);
  EXPECT_EQ(d.removed, 100u);
}

}  // namespace
}  // namespace tt
