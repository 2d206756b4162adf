// Tree-sitter syntax highlighting with the grammars' own highlights.scm queries: per-line colored
// token runs. The 0.20 runtime leaves predicates (#match?, #eq?, ...) to us; the last matching
// pattern wins for a node (an uncolored @variable never hides a colored capture), inner over outer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tt::viewer {

enum class Language { Python, Cpp };
enum class HighlightQuery { Python, Cpp, C };
// The embedded query text (generated from the pinned grammars at configure time).
const char* highlight_query_source(HighlightQuery which);

enum class TokenKind : uint8_t {
  Plain, Keyword, String, Number, Comment, Function, Type, Constant, Property, Operator, Punctuation, Escape, Count
};
// Maps a capture name ("function.builtin", "keyword", ...) to a color class; unknown names are Plain.
TokenKind token_kind_for_capture(std::string_view capture);

// A colored byte range [begin, end) within one line.
struct TokenRun {
  uint32_t begin = 0, end = 0;
  TokenKind kind = TokenKind::Plain;
  friend bool operator==(const TokenRun&, const TokenRun&) = default;
};
using LineRuns = std::vector<std::vector<TokenRun>>;  // per 0-based line ('\n'-separated)

// Highlights `text`. Returns one entry per line; Plain bytes have no run. On a query error (which
// would be a grammar/runtime mismatch) every line is plain and `error` says why.
LineRuns highlight(Language language, std::string_view text, std::string* error = nullptr);

}  // namespace tt::viewer
