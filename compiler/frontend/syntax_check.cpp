// Syntax checks run before any evaluation. Tree-sitter recovers from errors and accepts some
// files Python rejects (empty blocks, stray indentation), so those rules are checked here.
#include "compiler/frontend/syntax_check.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace tt::frontend {

namespace {

// 'text' (built by appending: GCC 12 warns falsely on `"'" + std::string(...)`).
std::string quoted(std::string_view text) {
  std::string out(1, '\'');
  out += text;
  out += '\'';
  return out;
}

Diagnostic error_at(const SourceFile& source, uint32_t offset, std::string message) {
  SourceLoc begin = source.loc_at(offset);
  SourceLoc end = source.loc_at(offset + 1);
  return Diagnostic{Severity::Error, SourceSpan{begin, end}, std::move(message), {}, {}};
}

Diagnostic error_at(const Node& node, std::string message) {
  return Diagnostic{Severity::Error, node.span(), std::move(message), {}, {}};
}

// Python refuses NUL bytes and undecodable UTF-8 before tokenizing; so do we (and the rest of the
// front end can then treat the text as UTF-8).
std::optional<Diagnostic> check_bytes(const SourceFile& source) {
  const std::string& text = source.text();
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == 0) return error_at(source, static_cast<uint32_t>(i), "source code cannot contain null bytes");
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = len != 0 && i + len <= text.size();
    for (size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (!ok) {
      char hex[8];
      std::snprintf(hex, sizeof(hex), "0x%02x", c);
      return error_at(source, static_cast<uint32_t>(i),
                      std::string("source is not valid UTF-8: unexpected byte ") + hex);
    }
    i += len;
  }
  return std::nullopt;
}

// --- Unterminated strings ------------------------------------------------------------------------

// Python's tokenizer rejects a string that reaches the end of its line (or, triple-quoted, the end of
// the file) before any parse error. Tree-sitter instead swallows the rest as an ERROR node, which
// would be reported as a bracket "never closed", so the tokenizer's rule is checked here. Returns the
// diagnostic at the opening quote, as CPython words it.
std::optional<Diagnostic> unterminated_string(const SourceFile& source) {
  const std::string& text = source.text();
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '#') {  // a comment runs to the end of its line
      while (i < text.size() && text[i] != '\n') ++i;
      continue;
    }
    if (c != '"' && c != '\'') {
      ++i;
      continue;
    }
    const size_t start = i;
    const bool triple = text.compare(i, 3, std::string(3, c)) == 0;
    i += triple ? 3 : 1;
    bool closed = false;
    while (i < text.size()) {
      if (text[i] == '\\') {  // an escape, including an escaped newline, never ends the string
        i += 2;
        continue;
      }
      if (!triple && text[i] == '\n') break;
      if (text[i] == c && (!triple || text.compare(i, 3, std::string(3, c)) == 0)) {
        i += triple ? 3 : 1;
        closed = true;
        break;
      }
      ++i;
    }
    if (!closed) {
      // Where the tokenizer gave up: the end of the line, or the last character of the file.
      const size_t stop = std::min(i, text.size() - 1);
      const std::string detected =
          " (detected at line " + std::to_string(source.loc_at(static_cast<uint32_t>(stop)).line) + ")";
      return error_at(source, static_cast<uint32_t>(start),
                      (triple ? "unterminated triple-quoted string literal" : "unterminated string literal") +
                          detected);
    }
  }
  return std::nullopt;
}

// --- ERROR / MISSING nodes and brackets --------------------------------------------------------

bool is_opener(std::string_view t) { return t == "(" || t == "[" || t == "{"; }
bool is_closer(std::string_view t) { return t == ")" || t == "]" || t == "}"; }
std::string_view partner(std::string_view closer) { return closer == ")" ? "(" : closer == "]" ? "[" : "{"; }
const char* bracket_word(std::string_view t) {
  return (t == "(" || t == ")") ? "parenthesis" : (t == "[" || t == "]") ? "bracket" : "brace";
}

std::optional<Diagnostic> check_tree(const ParsedFile& file) {
  Node root = file.root();
  if (!ts_node_has_error(root.raw())) return std::nullopt;

  Node first;  // first ERROR or MISSING node in document order
  walk_preorder(root, [&](const Node& n) {
    if (!first.null()) return false;
    if (n.is(Syntax::Error) || n.is_missing()) {
      first = n;
      return false;
    }
    return ts_node_has_error(n.raw());
  });
  if (first.null()) return std::nullopt;
  if (auto string_error = unterminated_string(file.source())) return string_error;
  if (first.is_missing()) {
    std::string_view type = first.type_name();
    std::string what = first.is_named() ? std::string(type) : quoted(type);
    return error_at(first, "expected " + what);
  }

  // Python reports bracket problems in the tokenizer; when one lies inside or before the first
  // ERROR node it is the better explanation. MISSING tokens are skipped: they are not in the text.
  std::vector<Node> open;
  std::optional<Diagnostic> closer_problem;
  walk_preorder(root, [&](const Node& n) {
    if (closer_problem) return false;
    if (ts_node_child_count(n.raw()) != 0 || n.is_named() || n.is_missing()) return true;
    std::string_view t = n.type_name();
    if (is_opener(t)) {
      open.push_back(n);
    } else if (is_closer(t)) {
      if (open.empty()) {
        if (n.start_byte() < first.end_byte()) closer_problem = error_at(n, "unmatched " + quoted(t));
      } else if (open.back().type_name() != partner(t)) {
        if (n.start_byte() < first.end_byte()) {
          closer_problem =
              error_at(n, "closing " + std::string(bracket_word(t)) + " " + quoted(t) + " does not match opening " +
                              bracket_word(open.back().type_name()) + " " + quoted(open.back().type_name()));
        }
      } else {
        open.pop_back();
      }
    }
    return true;
  });
  if (closer_problem) return closer_problem;
  for (auto it = open.rbegin(); it != open.rend(); ++it) {
    if (it->start_byte() < first.end_byte()) {
      return error_at(*it, quoted(it->type_name()) + " was never closed");
    }
  }
  return error_at(first, "invalid syntax");
}

// --- Indentation ---------------------------------------------------------------------------------

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool deeper(std::string_view a, std::string_view b) { return a.size() > b.size() && starts_with(a, b); }
bool related(std::string_view a, std::string_view b) { return starts_with(a, b) || starts_with(b, a); }

std::string block_owner(const Node& owner) {
  switch (owner.kind()) {
    case Syntax::FunctionDefinition:
      return "function definition";
    case Syntax::ClassDefinition:
      return "class definition";
    case Syntax::IfStatement:
      return "'if' statement";
    case Syntax::ElifClause:
      return "'elif' statement";
    case Syntax::ElseClause:
      return "'else' statement";
    case Syntax::ForStatement:
      return "'for' statement";
    case Syntax::WhileStatement:
      return "'while' statement";
    case Syntax::WithStatement:
      return "'with' statement";
    case Syntax::TryStatement:
      return "'try' statement";
    case Syntax::ExceptClause:
      return "'except' statement";
    case Syntax::FinallyClause:
      return "'finally' statement";
    default: {
      std::vector<Node> tokens = owner.all_children();  // e.g. `case`: name it by its keyword
      return quoted(tokens.empty() ? owner.type_name() : tokens[0].text()) + " statement";
    }
  }
}

class IndentChecker {
 public:
  explicit IndentChecker(const ParsedFile& file) : file_(file), text_(file.source().text()) {}

  std::optional<Diagnostic> run() {
    check_block(file_.root(), {}, Node(), 0);
    return found_;
  }

 private:
  static constexpr int kMaxLevels = 100;  // Python's own limit ("too many levels of indentation")

  // The line's leading whitespace; `starts_line` tells whether `offset` is the line's first token.
  std::string_view indent_of(uint32_t offset, bool& starts_line) const {
    uint32_t line_start = offset;
    while (line_start > 0 && text_[line_start - 1] != '\n') --line_start;
    if (line_start == 0 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0) line_start = 3;  // UTF-8 BOM
    uint32_t end = line_start;
    while (end < text_.size() && (text_[end] == ' ' || text_[end] == '\t' || text_[end] == '\f')) ++end;
    starts_line = end == offset;
    return std::string_view(text_).substr(line_start, end - line_start);
  }

  // Where Python points for an empty block: the next token after the header's ':'.
  uint32_t next_token(uint32_t offset) const {
    while (offset < text_.size()) {
      char c = text_[offset];
      if (c == '#') {
        while (offset < text_.size() && text_[offset] != '\n') ++offset;
      } else if (c == ' ' || c == '\t' || c == '\f' || c == '\r' || c == '\n' || c == '\\') {
        ++offset;
      } else {
        break;
      }
    }
    return static_cast<uint32_t>(offset);
  }

  void fail(const Node& node, std::string message) {
    if (!found_) found_ = error_at(node, std::move(message));
  }

  // `container` is the module or a block; `owner` the statement or clause whose body it is.
  void check_block(const Node& container, std::string_view parent_indent, const Node& owner, int depth) {
    if (found_) return;
    bool is_module = container.is(Syntax::Module);
    std::vector<Node> stmts;
    for (const Node& s : container.children()) {
      if (!s.is(Syntax::Error)) stmts.push_back(s);
    }
    if (stmts.empty() && !is_module) {
      uint32_t at = next_token(container.start_byte());
      if (!found_) {
        found_ = error_at(file_.source(), at,
                          "expected an indented block after " + block_owner(owner) + " on line " +
                              std::to_string(owner.span().begin.line));
      }
      return;
    }
    if (depth > kMaxLevels) {
      fail(stmts.front(), "too many levels of indentation");
      return;
    }
    std::optional<std::string_view> level;
    if (is_module) level = std::string_view();
    bool pushed = false;
    for (const Node& s : stmts) {
      if (found_) break;
      bool starts = false;
      std::string_view ind = indent_of(s.start_byte(), starts);
      if (starts) {
        if (!level) {
          if (!deeper(ind, parent_indent)) {
            fail(s, related(ind, parent_indent) ? "expected an indented block after " + block_owner(owner) +
                                                      " on line " + std::to_string(owner.span().begin.line)
                                                : "inconsistent use of tabs and spaces in indentation");
            break;
          }
          level = ind;
        } else if (ind != *level) {
          check_mismatch(s, ind, *level);
          break;
        }
        if (!pushed) {
          levels_.push_back(*level);
          pushed = true;
        }
        last_indent_ = ind;
      }
      check_statement(s, ind, depth);
    }
    if (pushed) levels_.pop_back();
  }

  void check_mismatch(const Node& s, std::string_view ind, std::string_view expected) {
    if (!related(ind, expected)) return fail(s, "inconsistent use of tabs and spaces in indentation");
    bool dedent = ind.size() < last_indent_.size();
    bool known = false;
    for (std::string_view l : levels_) known |= l == ind;
    if (dedent && !known) return fail(s, "unindent does not match any outer indentation level");
    fail(s, "unexpected indent");
  }

  void check_statement(const Node& s, std::string_view indent, int depth) {
    if (s.is(Syntax::DecoratedDefinition)) {
      Node def = s.field("definition");
      if (def) check_statement(def, indent, depth);
      return;
    }
    for (const Node& child : s.children()) {
      if (found_) return;
      if (child.is(Syntax::Block)) {
        check_block(child, indent, s, depth + 1);
        continue;
      }
      // Clauses (elif/else/except/finally/case) own blocks of their own and align with `s`.
      for (const Node& grandchild : child.children()) {
        if (!grandchild.is(Syntax::Block)) continue;
        bool starts = false;
        std::string_view ind = indent_of(child.start_byte(), starts);
        if (starts && ind != indent && !s.is(Syntax::MatchStatement)) {
          check_mismatch(child, ind, indent);
          return;
        }
        check_block(grandchild, indent, child, depth + 1);
      }
    }
  }

  const ParsedFile& file_;
  const std::string& text_;
  std::vector<std::string_view> levels_;
  std::string_view last_indent_;
  std::optional<Diagnostic> found_;
};

}  // namespace

// Tree-sitter's Python scanner keeps indentation widths in one byte each (a tab counts 8 columns),
// so a block indented by 256 columns or more (64 levels of 4 spaces) breaks the parse, and the
// resulting ERROR node says nothing useful. Python's own limit is 100 levels.
std::optional<Diagnostic> check_indent_width(const SourceFile& source) {
  constexpr uint32_t kMaxColumns = 255;
  const std::string& text = source.text();
  for (size_t line = 0; line < text.size();) {
    uint32_t width = 0;
    size_t i = line;
    for (; i < text.size(); ++i) {
      char c = text[i];
      if (c == ' ') {
        ++width;
      } else if (c == '\t') {
        width += 8;
      } else if (c == '\f') {
        width = 0;
      } else {
        break;
      }
    }
    bool blank = i >= text.size() || text[i] == '\n' || text[i] == '\r' || text[i] == '#';
    if (!blank && width > kMaxColumns) {
      return error_at(source, static_cast<uint32_t>(i),
                      "too many levels of indentation: this line is indented by " + std::to_string(width) +
                          " columns, the parser handles at most " + std::to_string(kMaxColumns) +
                          " (a tab counts 8)");
    }
    size_t newline = text.find('\n', i);
    if (newline == std::string::npos) break;
    line = newline + 1;
  }
  return std::nullopt;
}

std::optional<Diagnostic> check_syntax(const ParsedFile& file) {
  if (auto bad = check_bytes(file.source())) return bad;
  std::optional<Diagnostic> tree = check_tree(file);
  if (tree) {
    // A parse error that ends before the first over-indented line is a real error of its own.
    std::optional<Diagnostic> wide = check_indent_width(file.source());
    if (wide && tree->span.end.offset > wide->span.begin.offset) return wide;
  }
  std::optional<Diagnostic> indent = IndentChecker(file).run();
  if (tree && indent) return indent->span.begin.offset < tree->span.begin.offset ? indent : tree;
  return tree ? tree : indent;
}

}  // namespace tt::frontend
