// Tree-sitter parser setup (with the grammar ABI check), the node-kind table and node accessors.
#include "compiler/frontend/python_parser.h"

#include <algorithm>
#include <string>
#include <utility>

#include "compiler/frontend/frontend.h"

extern "C" const TSLanguage* tree_sitter_python();

namespace tt::frontend {

namespace {

constexpr std::pair<Syntax, std::string_view> kSyntaxNames[] = {
    {Syntax::Module, "module"},
    {Syntax::Block, "block"},
    {Syntax::Comment, "comment"},
    {Syntax::ExpressionStatement, "expression_statement"},
    {Syntax::Assignment, "assignment"},
    {Syntax::AugmentedAssignment, "augmented_assignment"},
    {Syntax::ReturnStatement, "return_statement"},
    {Syntax::PassStatement, "pass_statement"},
    {Syntax::ImportStatement, "import_statement"},
    {Syntax::ImportFromStatement, "import_from_statement"},
    {Syntax::FutureImportStatement, "future_import_statement"},
    {Syntax::FunctionDefinition, "function_definition"},
    {Syntax::DecoratedDefinition, "decorated_definition"},
    {Syntax::Decorator, "decorator"},
    {Syntax::ClassDefinition, "class_definition"},
    {Syntax::WithStatement, "with_statement"},
    {Syntax::WithClause, "with_clause"},
    {Syntax::WithItem, "with_item"},
    {Syntax::ForStatement, "for_statement"},
    {Syntax::WhileStatement, "while_statement"},
    {Syntax::IfStatement, "if_statement"},
    {Syntax::ElifClause, "elif_clause"},
    {Syntax::ElseClause, "else_clause"},
    {Syntax::TryStatement, "try_statement"},
    {Syntax::ExceptClause, "except_clause"},
    {Syntax::FinallyClause, "finally_clause"},
    {Syntax::AssertStatement, "assert_statement"},
    {Syntax::RaiseStatement, "raise_statement"},
    {Syntax::GlobalStatement, "global_statement"},
    {Syntax::NonlocalStatement, "nonlocal_statement"},
    {Syntax::DeleteStatement, "delete_statement"},
    {Syntax::BreakStatement, "break_statement"},
    {Syntax::ContinueStatement, "continue_statement"},
    {Syntax::MatchStatement, "match_statement"},
    {Syntax::PrintStatement, "print_statement"},
    {Syntax::ExecStatement, "exec_statement"},
    {Syntax::TypeAliasStatement, "type_alias_statement"},
    {Syntax::Parameters, "parameters"},
    {Syntax::TypedParameter, "typed_parameter"},
    {Syntax::DefaultParameter, "default_parameter"},
    {Syntax::TypedDefaultParameter, "typed_default_parameter"},
    {Syntax::ListSplatPattern, "list_splat_pattern"},
    {Syntax::DictionarySplatPattern, "dictionary_splat_pattern"},
    {Syntax::KeywordSeparator, "keyword_separator"},
    {Syntax::PositionalSeparator, "positional_separator"},
    {Syntax::Type, "type"},
    {Syntax::Identifier, "identifier"},
    {Syntax::Call, "call"},
    {Syntax::ArgumentList, "argument_list"},
    {Syntax::KeywordArgument, "keyword_argument"},
    {Syntax::ListSplat, "list_splat"},
    {Syntax::DictionarySplat, "dictionary_splat"},
    {Syntax::Attribute, "attribute"},
    {Syntax::Subscript, "subscript"},
    {Syntax::Slice, "slice"},
    {Syntax::Tuple, "tuple"},
    {Syntax::List, "list"},
    {Syntax::ParenthesizedExpression, "parenthesized_expression"},
    {Syntax::BinaryOperator, "binary_operator"},
    {Syntax::UnaryOperator, "unary_operator"},
    {Syntax::BooleanOperator, "boolean_operator"},
    {Syntax::NotOperator, "not_operator"},
    {Syntax::ComparisonOperator, "comparison_operator"},
    {Syntax::ConditionalExpression, "conditional_expression"},
    {Syntax::Integer, "integer"},
    {Syntax::Float, "float"},
    {Syntax::String, "string"},
    {Syntax::ConcatenatedString, "concatenated_string"},
    {Syntax::StringStart, "string_start"},
    {Syntax::StringContent, "string_content"},
    {Syntax::StringEnd, "string_end"},
    {Syntax::Interpolation, "interpolation"},
    {Syntax::TrueLiteral, "true"},
    {Syntax::FalseLiteral, "false"},
    {Syntax::NoneLiteral, "none"},
    {Syntax::Lambda, "lambda"},
    {Syntax::ListComprehension, "list_comprehension"},
    {Syntax::DictionaryComprehension, "dictionary_comprehension"},
    {Syntax::SetComprehension, "set_comprehension"},
    {Syntax::GeneratorExpression, "generator_expression"},
    {Syntax::Dictionary, "dictionary"},
    {Syntax::Set, "set"},
    {Syntax::Await, "await"},
    {Syntax::Yield, "yield"},
    {Syntax::NamedExpression, "named_expression"},
    {Syntax::AsPattern, "as_pattern"},
    {Syntax::AsPatternTarget, "as_pattern_target"},
    {Syntax::PatternList, "pattern_list"},
    {Syntax::TuplePattern, "tuple_pattern"},
    {Syntax::ListPattern, "list_pattern"},
    {Syntax::ExpressionList, "expression_list"},
    {Syntax::Ellipsis, "ellipsis"},
    {Syntax::DottedName, "dotted_name"},
    {Syntax::AliasedImport, "aliased_import"},
    {Syntax::WildcardImport, "wildcard_import"},
    {Syntax::RelativeImport, "relative_import"},
    {Syntax::Pair, "pair"},
    {Syntax::ForInClause, "for_in_clause"},
    {Syntax::IfClause, "if_clause"},
};

// Symbol id -> Syntax, built once from the grammar's own symbol names (several symbol ids can
// share one name through aliases, so every symbol is looked at).
const std::vector<Syntax>& symbol_table() {
  static const std::vector<Syntax> table = [] {
    const TSLanguage* lang = tree_sitter_python();
    uint32_t count = ts_language_symbol_count(lang);
    std::vector<Syntax> t(count, Syntax::Other);
    for (uint32_t s = 0; s < count; ++s) {
      auto symbol = static_cast<TSSymbol>(s);
      if (ts_language_symbol_type(lang, symbol) != TSSymbolTypeRegular) continue;
      std::string_view name = ts_language_symbol_name(lang, symbol);
      for (const auto& [kind, spelling] : kSyntaxNames) {
        if (spelling == name) t[s] = kind;
      }
    }
    return t;
  }();
  return table;
}

constexpr TSSymbol kErrorSymbol = static_cast<TSSymbol>(-1);

struct ParserDeleter {
  void operator()(TSParser* parser) const { ts_parser_delete(parser); }
};

}  // namespace

Syntax Node::kind() const {
  if (null()) return Syntax::Other;
  TSSymbol symbol = ts_node_symbol(node_);
  if (symbol == kErrorSymbol) return Syntax::Error;
  if (!ts_node_is_named(node_)) return Syntax::Other;
  const std::vector<Syntax>& table = symbol_table();
  return symbol < table.size() ? table[symbol] : Syntax::Other;
}

std::string_view Node::type_name() const { return null() ? std::string_view() : ts_node_type(node_); }

Node Node::field(std::string_view name) const {
  if (null()) return {};
  TSNode child = ts_node_child_by_field_name(node_, name.data(), static_cast<uint32_t>(name.size()));
  if (ts_node_is_null(child)) return {};
  return Node(child, file_);
}

// Children are walked with a cursor: ts_node_named_child(i) / ts_node_child(i) start over from the
// first child on every call, which made a block of n statements cost O(n^2).
namespace {
template <typename Keep>
std::vector<Node> visible_children(TSNode node, const ParsedFile* file, Keep keep) {
  std::vector<Node> out;
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      TSNode child = ts_tree_cursor_current_node(&cursor);
      if (keep(child) && !ts_node_is_extra(child)) out.emplace_back(child, file);
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
  return out;
}
}  // namespace

std::vector<Node> Node::children() const {
  if (null()) return {};
  return visible_children(node_, file_, [](TSNode n) { return ts_node_is_named(n); });
}

std::vector<Node> Node::field_children(std::string_view name) const {
  std::vector<Node> out;
  if (null()) return out;
  // A cursor, not ts_node_field_name_for_child: in runtime 0.20 the latter misattributes fields
  // to the separators between repeated children (the ',' of `A[i, j]`).
  TSTreeCursor cursor = ts_tree_cursor_new(node_);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      const char* field = ts_tree_cursor_current_field_name(&cursor);
      if (field && name == field) out.emplace_back(ts_tree_cursor_current_node(&cursor), file_);
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
  return out;
}

std::vector<Node> Node::all_children() const {
  if (null()) return {};
  return visible_children(node_, file_, [](TSNode) { return true; });
}

Node Node::parent() const {
  if (null()) return {};
  TSNode p = ts_node_parent(node_);
  if (ts_node_is_null(p)) return {};
  return Node(p, file_);
}

std::string_view Node::text() const {
  if (null()) return {};
  const std::string& text = file_->source().text();
  uint32_t begin = std::min<uint32_t>(start_byte(), static_cast<uint32_t>(text.size()));
  uint32_t end = std::min<uint32_t>(end_byte(), static_cast<uint32_t>(text.size()));
  return std::string_view(text).substr(begin, end - begin);
}

SourceSpan Node::span() const { return null() ? SourceSpan{} : file_->span_of(node_); }

SourceSpan span_between(const Node& a, const Node& b) {
  SourceSpan first = a.span();
  SourceSpan last = b.span();
  return SourceSpan{first.begin, last.end};
}

SourceSpan ParsedFile::span_of(TSNode node) const {
  // Tree-sitter points are 0-based rows and 0-based byte columns; ours are 1-based.
  TSPoint begin = ts_node_start_point(node);
  TSPoint end = ts_node_end_point(node);
  return SourceSpan{SourceLoc{begin.row + 1, begin.column + 1, ts_node_start_byte(node)},
                    SourceLoc{end.row + 1, end.column + 1, ts_node_end_byte(node)}};
}

namespace {

// The Tree-sitter runtime Debian 12 ships (0.20.7) corrupts its heap when 65,536 or more comments
// follow each other with no other token between them (found by the 8 MiB file test). Such a file
// is refused before it reaches the parser. Blank lines do not end a run (they make no token).
std::optional<Diagnostic> check_comment_runs(const SourceFile& source) {
  constexpr size_t kMaxRun = 32767;
  const std::string& text = source.text();
  size_t run = 0, run_start = 0;
  for (size_t line = 0; line < text.size();) {
    size_t i = text.find_first_not_of(" \t\f\r", line);
    size_t newline = text.find('\n', line);
    bool blank = i == std::string::npos || text[i] == '\n';
    if (!blank && text[i] == '#') {
      if (run++ == 0) run_start = i;
      if (run > kMaxRun) {
        SourceLoc at = source.loc_at(static_cast<uint32_t>(run_start));
        return Diagnostic{Severity::Error, SourceSpan{at, source.loc_at(static_cast<uint32_t>(run_start + 1))},
                          "more than " + std::to_string(kMaxRun) +
                              " comment lines in a row start here: the parser cannot take that many",
                          {}, {}};
      }
    } else if (!blank) {
      run = 0;
    }
    if (newline == std::string::npos) break;
    line = newline + 1;
  }
  return std::nullopt;
}

}  // namespace

std::unique_ptr<ParsedFile> ParsedFile::parse(const SourceFile& source, DiagnosticList& diags) {
  const TSLanguage* lang = tree_sitter_python();
  // The runtime's pkg-config version string is unreliable; the ABI constant is what matters.
  uint32_t version = ts_language_version(lang);
  if (version > TREE_SITTER_LANGUAGE_VERSION || version < TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION) {
    diags.error({}, "the Python grammar has Tree-sitter ABI version " + std::to_string(version) +
                        " but this Tree-sitter runtime loads versions " +
                        std::to_string(TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION) + " to " +
                        std::to_string(TREE_SITTER_LANGUAGE_VERSION));
    return nullptr;
  }
  std::unique_ptr<TSParser, ParserDeleter> parser(ts_parser_new());
  if (!parser || !ts_parser_set_language(parser.get(), lang)) {
    diags.error({}, "cannot load the Tree-sitter Python grammar");
    return nullptr;
  }
  const std::string& text = source.text();
  if (text.size() > kMaxSourceBytes) {
    diags.error({}, source_too_large_message(text.size()));
    return nullptr;
  }
  if (std::optional<Diagnostic> run = check_comment_runs(source)) {
    diags.add(std::move(*run));
    return nullptr;
  }
  TSTree* tree = ts_parser_parse_string(parser.get(), nullptr, text.data(), static_cast<uint32_t>(text.size()));
  if (!tree) {
    diags.error({}, "the Tree-sitter parser failed on this file");
    return nullptr;
  }
  return std::unique_ptr<ParsedFile>(new ParsedFile(source, tree));
}

}  // namespace tt::frontend
