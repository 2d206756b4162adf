// Source text and locations: every IR node and diagnostic points back into the user's file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tt {

// 1-based line and column (column counts bytes, as compilers do); offset is the byte offset.
struct SourceLoc {
  uint32_t line = 0;
  uint32_t col = 0;
  uint32_t offset = 0;
  bool valid() const { return line != 0; }
  friend bool operator==(const SourceLoc&, const SourceLoc&) = default;
};

// Half-open byte range [begin, end) in the one source file of a compilation.
struct SourceSpan {
  SourceLoc begin;
  SourceLoc end;
  bool valid() const { return begin.valid(); }
  friend bool operator==(const SourceSpan&, const SourceSpan&) = default;
};

// The file being compiled: its path as the user named it, its bytes, and a line index.
class SourceFile {
 public:
  SourceFile() = default;
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  size_t line_count() const { return line_starts_.size(); }
  // Text of a 1-based line without its line terminator ("" when out of range).
  std::string_view line(uint32_t line) const;
  // Location of a byte offset (clamped to the end of the text).
  SourceLoc loc_at(uint32_t offset) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<uint32_t> line_starts_;
};

}  // namespace tt
