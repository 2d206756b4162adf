// Tree-sitter Python parsing for the front end: RAII ownership of the tree, a typed view of syntax
// nodes (a kind enum instead of type strings, fields, text) and tree-sitter points -> SourceSpan.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "compiler/ir/diagnostics.h"
#include "compiler/ir/source.h"

namespace tt::frontend {

// The node kinds of tree-sitter-python the front end looks at; everything else is Other.
enum class Syntax : uint8_t {
  Other,
  Error,
  Module,
  Block,
  Comment,
  // statements
  ExpressionStatement,
  Assignment,
  AugmentedAssignment,
  ReturnStatement,
  PassStatement,
  ImportStatement,
  ImportFromStatement,
  FutureImportStatement,
  FunctionDefinition,
  DecoratedDefinition,
  Decorator,
  ClassDefinition,
  WithStatement,
  WithClause,
  WithItem,
  ForStatement,
  WhileStatement,
  IfStatement,
  ElifClause,
  ElseClause,
  TryStatement,
  ExceptClause,
  FinallyClause,
  AssertStatement,
  RaiseStatement,
  GlobalStatement,
  NonlocalStatement,
  DeleteStatement,
  BreakStatement,
  ContinueStatement,
  MatchStatement,
  PrintStatement,
  ExecStatement,
  TypeAliasStatement,
  // parameters
  Parameters,
  TypedParameter,
  DefaultParameter,
  TypedDefaultParameter,
  ListSplatPattern,
  DictionarySplatPattern,
  KeywordSeparator,
  PositionalSeparator,
  Type,
  // expressions
  Identifier,
  Call,
  ArgumentList,
  KeywordArgument,
  ListSplat,
  DictionarySplat,
  Attribute,
  Subscript,
  Slice,
  Tuple,
  List,
  ParenthesizedExpression,
  BinaryOperator,
  UnaryOperator,
  BooleanOperator,
  NotOperator,
  ComparisonOperator,
  ConditionalExpression,
  Integer,
  Float,
  String,
  ConcatenatedString,
  StringStart,
  StringContent,
  StringEnd,
  Interpolation,
  TrueLiteral,
  FalseLiteral,
  NoneLiteral,
  Lambda,
  ListComprehension,
  DictionaryComprehension,
  SetComprehension,
  GeneratorExpression,
  Dictionary,
  Set,
  Await,
  Yield,
  NamedExpression,
  AsPattern,
  AsPatternTarget,
  PatternList,
  TuplePattern,
  ListPattern,
  ExpressionList,
  Ellipsis,
  DottedName,
  AliasedImport,
  WildcardImport,
  RelativeImport,
  Pair,         // `key: value` in a dict literal
  ForInClause,  // `for x in xs` of a comprehension
  IfClause,     // `if cond` of a comprehension
};

class ParsedFile;

// A syntax node of one ParsedFile (a value: cheap to copy, valid while the file lives).
class Node {
 public:
  Node() = default;
  Node(TSNode node, const ParsedFile* file) : node_(node), file_(file) {}

  bool null() const { return file_ == nullptr || ts_node_is_null(node_); }
  explicit operator bool() const { return !null(); }
  Syntax kind() const;
  bool is(Syntax k) const { return !null() && kind() == k; }
  bool is_missing() const { return !null() && ts_node_is_missing(node_); }
  bool is_named() const { return !null() && ts_node_is_named(node_); }
  // tree-sitter's name of the node type ("while_statement", ")"): for messages only.
  std::string_view type_name() const;

  Node field(std::string_view name) const;
  // Named children, without comments (tree-sitter "extras" may sit between any two children).
  std::vector<Node> children() const;
  // Every child (named or not) stored under a field name, e.g. a subscript's indices.
  std::vector<Node> field_children(std::string_view name) const;
  // All children including anonymous tokens (e.g. the operator of a binary expression).
  std::vector<Node> all_children() const;
  Node parent() const;

  std::string_view text() const;
  SourceSpan span() const;
  uint32_t start_byte() const { return ts_node_start_byte(node_); }
  uint32_t end_byte() const { return ts_node_end_byte(node_); }
  TSNode raw() const { return node_; }
  const ParsedFile* file() const { return file_; }
  friend bool operator==(const Node& a, const Node& b) { return a.file_ == b.file_ && ts_node_eq(a.node_, b.node_); }

 private:
  TSNode node_{};
  const ParsedFile* file_ = nullptr;
};

// Span from `a`'s start to `b`'s end (e.g. a statement header: `for k in T.Pipelined(...)`).
SourceSpan span_between(const Node& a, const Node& b);

// A parsed Python file. Owns the tree; the SourceFile must outlive it.
class ParsedFile {
 public:
  // Parses `source`. Returns null (with a diagnostic) only when the grammar cannot be loaded.
  static std::unique_ptr<ParsedFile> parse(const SourceFile& source, DiagnosticList& diags);

  Node root() const { return Node(ts_tree_root_node(tree_.get()), this); }
  const SourceFile& source() const { return source_; }
  SourceSpan span_of(TSNode node) const;

 private:
  struct TreeDeleter {
    void operator()(TSTree* tree) const { ts_tree_delete(tree); }
  };
  ParsedFile(const SourceFile& source, TSTree* tree) : source_(source), tree_(tree) {}

  const SourceFile& source_;
  std::unique_ptr<TSTree, TreeDeleter> tree_;
};

// Visits every node below `root` (inclusive) in document order without recursion, so any nesting
// depth is safe. `fn` returns false to skip a node's children.
template <typename Fn>
void walk_preorder(const Node& root, Fn&& fn) {
  if (root.null()) return;
  TSTreeCursor cursor = ts_tree_cursor_new(root.raw());
  for (;;) {
    Node node(ts_tree_cursor_current_node(&cursor), root.file());
    if (fn(node) && ts_tree_cursor_goto_first_child(&cursor)) continue;
    bool moved = false;
    while (!moved) {
      if (ts_node_eq(ts_tree_cursor_current_node(&cursor), root.raw())) {
        ts_tree_cursor_delete(&cursor);
        return;
      }
      if (ts_tree_cursor_goto_next_sibling(&cursor)) {
        moved = true;
      } else if (!ts_tree_cursor_goto_parent(&cursor)) {
        ts_tree_cursor_delete(&cursor);
        return;
      }
    }
  }
}

}  // namespace tt::frontend
