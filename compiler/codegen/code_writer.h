// CodeWriter: builds indented source text line by line, recording for every line the source span of
// the IR node it came from (the provenance the GUI uses to cross-highlight).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compiler/compiler.h"

namespace tt::codegen {

class CodeWriter {
 public:
  explicit CodeWriter(int indent_width = 2, size_t column_limit = 120)
      : indent_width_(indent_width), column_limit_(column_limit) {}

  // One line at the current indentation (an empty `text` gives an empty line, never trailing spaces).
  void line(std::string_view text, SourceSpan span = {});
  void blank() { line(""); }
  // `text` then indent: for "for (...) {" and the like.
  void open(std::string_view text, SourceSpan span = {});
  // Dedent then `text`: for "}" and "} else {".
  void close(std::string_view text = "}", SourceSpan span = {});
  // `prefix(arg, arg, ...)suffix` ("f(" ... ");"), wrapped like clang-format when the line would pass
  // the column limit: as many arguments per line as fit, continuation lines aligned after the '('.
  void call(std::string_view prefix, const std::vector<std::string>& args, std::string_view suffix,
            SourceSpan span = {});
  void indent() { ++depth_; }
  void dedent();

  size_t line_count() const { return spans_.size(); }
  Artifact finish(std::string name) &&;

 private:
  int indent_width_;
  size_t column_limit_;
  int depth_ = 0;
  std::string text_;
  std::vector<SourceSpan> spans_;
};

}  // namespace tt::codegen
