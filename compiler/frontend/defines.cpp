// -D values are parsed with the same Tree-sitter grammar and evaluator as the file, in a scope
// with nothing but the builtins, so `-D M=2*1024` and `-D dtype=T.bfloat16` work as in Python.
#include "compiler/frontend/defines.h"

#include <cctype>
#include <set>

#include "compiler/frontend/evaluator.h"
#include "compiler/frontend/frontend_error.h"
#include "compiler/frontend/syntax_check.h"

namespace tt::frontend {

namespace {

// Only plain data may leave: its spans point into the -D text, which is not the compiled file.
std::optional<Value> plain(const Value& v) {
  if (v.is<Sequence>()) {
    std::vector<Value> items;
    for (const Value& item : v.get<Sequence>().items) {
      std::optional<Value> p = plain(item);
      if (!p) return std::nullopt;
      items.push_back(*p);
    }
    return Value::sequence(std::move(items), v.get<Sequence>().is_list);
  }
  bool ok =
      v.is<NoneValue>() || v.is<bool>() || v.is<int64_t>() || v.is<double>() || v.is<std::string>() || v.is<DataType>();
  if (!ok) return std::nullopt;
  Value out = v;
  out.span = {};
  return out;
}

}  // namespace

std::optional<Value> parse_define_value(const std::string& text, std::string& error) {
  SourceFile source("<-D>", text);
  DiagnosticList diags;
  std::unique_ptr<ParsedFile> file = ParsedFile::parse(source, diags);
  const std::string bad = "'" + text + "' is not a Python literal";
  if (!file || check_syntax(*file)) {
    error = bad;
    return std::nullopt;
  }
  std::vector<Node> stmts = file->root().children();
  std::vector<Node> exprs =
      stmts.size() == 1 && stmts[0].is(Syntax::ExpressionStatement) ? stmts[0].children() : std::vector<Node>{};
  if (exprs.size() != 1) {
    error = bad;
    return std::nullopt;
  }
  if (exprs[0].is(Syntax::Identifier)) return Value::string(std::string(exprs[0].text()));  // -D dtype=bfloat16
  try {
    Evaluator ev(*file);
    std::optional<Value> v = plain(ev.eval(exprs[0], ev.new_scope(ev.builtins())));
    if (!v) error = bad;
    return v;
  } catch (const FrontendError& e) {
    error = "'" + text + "': " + e.diagnostic.message;
    return std::nullopt;
  }
}

Diagnostic blamed_on_define(const Diagnostic& error, const std::string& name, const std::string& spelled) {
  Diagnostic blamed = error;
  blamed.span = {};
  blamed.message = "-D " + spelled + ": " + error.message;
  Diagnostic where{Severity::Note, error.span, "with -D " + name + ", the kernel fails here", {}, {}};
  blamed.notes.insert(blamed.notes.begin(), where);
  return blamed;
}

std::set<std::string> identifiers_read(const SourceFile& source, const Diagnostic& error) {
  const auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  std::set<std::string> read;
  std::vector<SourceSpan> spans = {error.span};
  for (const Diagnostic& note : error.notes) spans.push_back(note.span);
  for (const SourceSpan& span : spans) {
    if (!span.valid()) continue;
    const std::string_view line = source.line(span.begin.line);
    for (size_t i = 0; i < line.size();) {
      if (!is_word(line[i])) {
        ++i;
        continue;
      }
      size_t end = i;
      while (end < line.size() && is_word(line[end])) ++end;
      read.emplace(line.substr(i, end - i));
      i = end;
    }
  }
  return read;
}

std::vector<std::string> blame_order(const SourceFile& source, const Diagnostic& error,
                                     const std::map<std::string, std::string>& defines) {
  const std::set<std::string> read = identifiers_read(source, error);  // identifiers on the failing lines
  std::vector<std::string> order;
  for (bool on_line : {true, false}) {
    for (const auto& entry : defines) {
      if (read.count(entry.first) == static_cast<size_t>(on_line)) order.push_back(entry.first);
    }
  }
  return order;
}

}  // namespace tt::frontend
