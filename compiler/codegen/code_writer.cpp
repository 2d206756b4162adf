// CodeWriter: indentation and per-line provenance.
#include "compiler/codegen/code_writer.h"

namespace tt::codegen {

void CodeWriter::line(std::string_view text, SourceSpan span) {
  if (!text.empty()) text_.append(static_cast<size_t>(depth_ * indent_width_), ' ');
  text_.append(text);
  text_ += '\n';
  spans_.push_back(span);
}

void CodeWriter::open(std::string_view text, SourceSpan span) {
  line(text, span);
  indent();
}

void CodeWriter::close(std::string_view text, SourceSpan span) {
  dedent();
  line(text, span);
}

void CodeWriter::call(std::string_view prefix, const std::vector<std::string>& args, std::string_view suffix,
                      SourceSpan span) {
  const size_t indent = static_cast<size_t>(depth_ * indent_width_);
  std::string current(prefix);
  bool has_arg = false;  // the current line already holds an argument
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string piece = args[i] + (i + 1 < args.size() ? std::string(",") : std::string(suffix));
    if (has_arg && indent + current.size() + 1 + piece.size() > column_limit_) {
      line(current, span);
      current = std::string(prefix.size(), ' ');
      has_arg = false;
    }
    if (has_arg) current += ' ';
    current += piece;
    has_arg = true;
  }
  if (args.empty()) current += suffix;
  line(current, span);
}

void CodeWriter::dedent() {
  if (depth_ > 0) --depth_;
}

Artifact CodeWriter::finish(std::string name) && {
  return Artifact{std::move(name), std::move(text_), std::move(spans_)};
}

}  // namespace tt::codegen
