// Parameter lists, names and construct names from tree-sitter-python nodes.
#include "compiler/frontend/python_syntax.h"

#include "compiler/frontend/frontend_error.h"

namespace tt::frontend {

std::string dotted_name(const Node& node) {
  if (!node.is(Syntax::DottedName)) return std::string(node.text());
  std::string out;
  for (const Node& part : node.children()) {
    if (!out.empty()) out += '.';
    out += part.text();
  }
  return out;
}

std::string construct_name(const Node& node) {
  switch (node.kind()) {
    case Syntax::WhileStatement:
      return "while";
    case Syntax::TryStatement:
      return "try";
    case Syntax::Lambda:
      return "lambda";
    case Syntax::ClassDefinition:
      return "class";
    case Syntax::RaiseStatement:
      return "raise";
    case Syntax::GlobalStatement:
      return "global";
    case Syntax::NonlocalStatement:
      return "nonlocal";
    case Syntax::DeleteStatement:
      return "del";
    case Syntax::BreakStatement:
      return "break";
    case Syntax::ContinueStatement:
      return "continue";
    case Syntax::MatchStatement:
      return "match";
    case Syntax::Yield:
      return "yield";
    case Syntax::Await:
      return "await";
    case Syntax::ListComprehension:
      return "list comprehension";
    case Syntax::DictionaryComprehension:
      return "dict comprehension";
    case Syntax::SetComprehension:
      return "set comprehension";
    case Syntax::GeneratorExpression:
      return "generator expression";
    case Syntax::Dictionary:
      return "dict";
    case Syntax::Set:
      return "set";
    case Syntax::NamedExpression:
      return ":=";
    case Syntax::Ellipsis:
      return "...";
    case Syntax::FunctionDefinition:
    case Syntax::DecoratedDefinition:
      return "def";
    case Syntax::AssertStatement:
      return "assert";
    case Syntax::ListSplat:
    case Syntax::ListSplatPattern:
      return "*";
    case Syntax::DictionarySplat:
    case Syntax::DictionarySplatPattern:
      return "**";
    case Syntax::PrintStatement:
      return "print";
    case Syntax::ExecStatement:
      return "exec";
    case Syntax::TypeAliasStatement:
      return "type";
    case Syntax::WithStatement:
      return "with";
    case Syntax::ForStatement:
      return "for";
    case Syntax::IfStatement:
      return "if";
    case Syntax::ReturnStatement:
      return "return";
    case Syntax::ImportStatement:
    case Syntax::ImportFromStatement:
      return "import";
    case Syntax::Interpolation:
      return "f-string";
    case Syntax::ConditionalExpression:
      return "conditional expression";
    case Syntax::Slice:
      return "slice";
    default:
      break;
  }
  std::string name(node.type_name());
  for (char& c : name) {
    if (c == '_') c = ' ';
  }
  return name;
}

std::string function_name(const Node& def) {
  return def.is(Syntax::Lambda) ? "<lambda>" : std::string(def.field("name").text());
}

std::vector<ParamInfo> function_params(const Node& def) {
  std::vector<ParamInfo> out;
  bool keyword_only = false;
  auto annotation_of = [](const Node& p) {
    Node type = p.field("type");
    std::vector<Node> inner = type.children();
    return inner.empty() ? Node() : inner[0];
  };
  Node list = def.field("parameters");
  if (!list) return out;  // `lambda: x`
  for (const Node& p : list.children()) {
    ParamInfo info;
    info.node = p;
    switch (p.kind()) {
      case Syntax::Identifier:
        info.name = p.text();
        break;
      case Syntax::DefaultParameter:
        if (!p.field("name").is(Syntax::Identifier)) fail(p.span(), "unsupported Python construct 'tuple parameter'");
        info.name = p.field("name").text();
        info.default_value = p.field("value");
        break;
      case Syntax::ListSplatPattern:
      case Syntax::DictionarySplatPattern: {
        std::vector<Node> kids = p.children();
        if (kids.empty() || !kids[0].is(Syntax::Identifier)) fail(p.span(), "invalid syntax");
        info.name = kids[0].text();
        info.kind = p.is(Syntax::ListSplatPattern) ? ParamKind::VarPositional : ParamKind::VarKeyword;
        break;
      }
      case Syntax::TypedParameter: {
        std::vector<Node> kids = p.children();
        if (!kids.empty() && (kids[0].is(Syntax::ListSplatPattern) || kids[0].is(Syntax::DictionarySplatPattern))) {
          std::vector<Node> inner = kids[0].children();
          if (inner.empty() || !inner[0].is(Syntax::Identifier)) fail(p.span(), "invalid syntax");
          info.name = inner[0].text();
          info.kind = kids[0].is(Syntax::ListSplatPattern) ? ParamKind::VarPositional : ParamKind::VarKeyword;
          info.annotation = annotation_of(p);
          break;
        }
        if (kids.empty() || !kids[0].is(Syntax::Identifier)) {
          fail(p.span(), "unsupported Python construct '" +
                             (kids.empty() ? std::string("parameter") : construct_name(kids[0])) +
                             "' in a parameter list");
        }
        info.name = kids[0].text();
        info.annotation = annotation_of(p);
        break;
      }
      case Syntax::TypedDefaultParameter:
        info.name = p.field("name").text();
        info.annotation = annotation_of(p);
        info.default_value = p.field("value");
        break;
      case Syntax::KeywordSeparator:
        keyword_only = true;
        continue;
      case Syntax::PositionalSeparator:
        continue;
      default:
        fail(p.span(), "unsupported Python construct '" + construct_name(p) + "' in a parameter list");
    }
    info.keyword_only = keyword_only;
    if (info.kind == ParamKind::VarPositional) keyword_only = true;
    out.push_back(std::move(info));
  }
  return out;
}

}  // namespace tt::frontend
