// Runs the highlight query over a Tree-sitter parse, evaluates the text predicates the 0.20
// runtime leaves to the caller, and paints captures into per-line runs.
#include "viewer/syntax_highlight.h"

#include <tree_sitter/api.h>

#include <algorithm>
#include <memory>
#include <regex>
#include <unordered_map>

extern "C" const TSLanguage* tree_sitter_python();
extern "C" const TSLanguage* tree_sitter_cpp();

namespace tt::viewer {

TokenKind token_kind_for_capture(std::string_view capture) {
  std::string_view head = capture.substr(0, capture.find('.'));
  if (capture == "punctuation.special" || capture == "embedded") return TokenKind::Punctuation;
  if (head == "keyword") return TokenKind::Keyword;
  if (head == "string") return TokenKind::String;
  if (head == "number") return TokenKind::Number;
  if (head == "comment") return TokenKind::Comment;
  if (head == "function" || head == "constructor") return TokenKind::Function;
  if (head == "type") return TokenKind::Type;
  if (head == "constant" || head == "label") return TokenKind::Constant;
  if (head == "property") return TokenKind::Property;
  if (head == "operator") return TokenKind::Operator;
  if (head == "delimiter" || head == "punctuation") return TokenKind::Punctuation;
  if (head == "escape") return TokenKind::Escape;
  return TokenKind::Plain;  // "variable" and anything else keeps the default text color
}

namespace {

// One text predicate of a pattern, e.g. (#match? @constant "^[A-Z]").
struct Predicate {
  enum class Op { Match, NotMatch, Eq, NotEq, AnyOf } op;
  uint32_t capture = 0;
  uint32_t other_capture = UINT32_MAX;  // #eq? @a @b
  std::vector<std::string> strings;
  std::regex regex;
  std::unordered_map<std::string, bool> cache;  // node text -> regex result
};

struct CompiledQuery {
  TSQuery* query = nullptr;
  const TSLanguage* language = nullptr;
  std::vector<std::vector<Predicate>> predicates;  // per pattern
  std::vector<TokenKind> capture_kinds;            // per capture id
  std::string error;
  ~CompiledQuery() {
    if (query) ts_query_delete(query);
  }
};

std::vector<Predicate> parse_predicates(const TSQuery* query, uint32_t pattern) {
  std::vector<Predicate> out;
  uint32_t count = 0;
  const TSQueryPredicateStep* steps = ts_query_predicates_for_pattern(query, pattern, &count);
  for (uint32_t i = 0; i < count;) {
    uint32_t end = i;
    while (end < count && steps[end].type != TSQueryPredicateStepTypeDone) ++end;
    if (end > i && steps[i].type == TSQueryPredicateStepTypeString) {
      uint32_t len = 0;
      std::string name = ts_query_string_value_for_id(query, steps[i].value_id, &len);
      Predicate p{};
      bool known = true;
      if (name == "match?") p.op = Predicate::Op::Match;
      else if (name == "not-match?") p.op = Predicate::Op::NotMatch;
      else if (name == "eq?") p.op = Predicate::Op::Eq;
      else if (name == "not-eq?") p.op = Predicate::Op::NotEq;
      else if (name == "any-of?") p.op = Predicate::Op::AnyOf;
      else known = false;  // #set!, #is? and friends carry no text condition
      if (known && end - i >= 3 && steps[i + 1].type == TSQueryPredicateStepTypeCapture) {
        p.capture = steps[i + 1].value_id;
        for (uint32_t k = i + 2; k < end; ++k) {
          if (steps[k].type == TSQueryPredicateStepTypeCapture) {
            p.other_capture = steps[k].value_id;
          } else {
            p.strings.emplace_back(ts_query_string_value_for_id(query, steps[k].value_id, &len));
          }
        }
        if ((p.op == Predicate::Op::Match || p.op == Predicate::Op::NotMatch) && !p.strings.empty()) {
          p.regex = std::regex(p.strings[0], std::regex::ECMAScript | std::regex::optimize);
        }
        out.push_back(std::move(p));
      }
    }
    i = end + 1;
  }
  return out;
}

std::unique_ptr<CompiledQuery> compile_query(Language language) {
  auto q = std::make_unique<CompiledQuery>();
  std::string source;
  if (language == Language::Python) {
    q->language = tree_sitter_python();
    source = highlight_query_source(HighlightQuery::Python);
  } else {
    q->language = tree_sitter_cpp();
    source = std::string(highlight_query_source(HighlightQuery::Cpp)) + "\n" + highlight_query_source(HighlightQuery::C);
  }
  uint32_t error_offset = 0;
  TSQueryError error_type = TSQueryErrorNone;
  q->query = ts_query_new(q->language, source.data(), static_cast<uint32_t>(source.size()), &error_offset, &error_type);
  if (!q->query) {
    q->error = "highlight query error " + std::to_string(static_cast<int>(error_type)) + " at byte " +
               std::to_string(error_offset);
    return q;
  }
  for (uint32_t p = 0; p < ts_query_pattern_count(q->query); ++p) q->predicates.push_back(parse_predicates(q->query, p));
  for (uint32_t c = 0; c < ts_query_capture_count(q->query); ++c) {
    uint32_t len = 0;
    const char* name = ts_query_capture_name_for_id(q->query, c, &len);
    q->capture_kinds.push_back(token_kind_for_capture(std::string_view(name, len)));
  }
  return q;
}

CompiledQuery& query_for(Language language) {
  static std::unique_ptr<CompiledQuery> python = compile_query(Language::Python);
  static std::unique_ptr<CompiledQuery> cpp = compile_query(Language::Cpp);
  return language == Language::Python ? *python : *cpp;
}

std::string_view node_text(const TSQueryMatch& match, uint32_t capture, std::string_view text) {
  for (uint16_t i = 0; i < match.capture_count; ++i) {
    if (match.captures[i].index == capture) {
      TSNode n = match.captures[i].node;
      uint32_t b = std::min<uint32_t>(ts_node_start_byte(n), static_cast<uint32_t>(text.size()));
      uint32_t e = std::min<uint32_t>(ts_node_end_byte(n), static_cast<uint32_t>(text.size()));
      return text.substr(b, e - b);
    }
  }
  return {};
}

bool predicates_hold(std::vector<Predicate>& predicates, const TSQueryMatch& match, std::string_view text) {
  for (Predicate& p : predicates) {
    std::string_view value = node_text(match, p.capture, text);
    bool ok = true;
    switch (p.op) {
      case Predicate::Op::Match:
      case Predicate::Op::NotMatch: {
        std::string key(value);
        auto it = p.cache.find(key);
        bool m = it != p.cache.end() ? it->second : (p.cache[key] = std::regex_search(key, p.regex));
        ok = (p.op == Predicate::Op::Match) == m;
        break;
      }
      case Predicate::Op::Eq:
      case Predicate::Op::NotEq: {
        std::string_view other = p.other_capture != UINT32_MAX ? node_text(match, p.other_capture, text)
                                 : p.strings.empty()           ? std::string_view{}
                                                               : std::string_view(p.strings[0]);
        ok = (p.op == Predicate::Op::Eq) == (value == other);
        break;
      }
      case Predicate::Op::AnyOf:
        ok = std::find(p.strings.begin(), p.strings.end(), value) != p.strings.end();
        break;
    }
    if (!ok) return false;
  }
  return true;
}

struct Capture {
  uint32_t begin, end, pattern;
  TokenKind kind;
};

}  // namespace

LineRuns highlight(Language language, std::string_view text, std::string* error) {
  LineRuns lines(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  CompiledQuery& q = query_for(language);
  if (!q.query) {
    if (error) *error = q.error;
    return lines;
  }
  TSParser* parser = ts_parser_new();
  ts_parser_set_language(parser, q.language);
  TSTree* tree = ts_parser_parse_string(parser, nullptr, text.data(), static_cast<uint32_t>(text.size()));
  TSQueryCursor* cursor = ts_query_cursor_new();
  ts_query_cursor_exec(cursor, q.query, ts_tree_root_node(tree));

  std::vector<Capture> captures;
  TSQueryMatch match;
  while (ts_query_cursor_next_match(cursor, &match)) {
    if (!predicates_hold(q.predicates[match.pattern_index], match, text)) continue;
    for (uint16_t i = 0; i < match.capture_count; ++i) {
      const TSQueryCapture& c = match.captures[i];
      uint32_t b = ts_node_start_byte(c.node), e = ts_node_end_byte(c.node);
      if (e > b) captures.push_back({b, e, match.pattern_index, q.capture_kinds[c.index]});
    }
  }
  ts_query_cursor_delete(cursor);
  ts_tree_delete(tree);
  ts_parser_delete(parser);

  // Paint outer before inner, and for one node earlier patterns before later ones: the last
  // painter wins, which gives "innermost node, then last matching pattern". A capture without a
  // color (@variable) never hides a colored capture of the same node: the C++ query lists
  // `(identifier) @variable` after its function patterns, and a plain name must not win there.
  std::stable_sort(captures.begin(), captures.end(), [](const Capture& a, const Capture& b) {
    uint32_t la = a.end - a.begin, lb = b.end - b.begin;
    if (la != lb) return la > lb;
    if (a.begin != b.begin) return a.begin < b.begin;
    bool pa = a.kind == TokenKind::Plain, pb = b.kind == TokenKind::Plain;
    if (pa != pb) return pa;
    return a.pattern < b.pattern;
  });
  std::vector<TokenKind> paint(text.size(), TokenKind::Plain);
  for (const Capture& c : captures) {
    std::fill(paint.begin() + std::min<size_t>(c.begin, text.size()), paint.begin() + std::min<size_t>(c.end, text.size()),
              c.kind);
  }
  size_t line = 0, line_start = 0;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '\n') {
      ++line;
      line_start = ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && text[j] != '\n' && paint[j] == paint[i]) ++j;
    if (paint[i] != TokenKind::Plain) {
      lines[line].push_back({static_cast<uint32_t>(i - line_start), static_cast<uint32_t>(j - line_start), paint[i]});
    }
    i = j;
  }
  return lines;
}

}  // namespace tt::viewer
