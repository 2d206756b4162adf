// Expression evaluation: literals, names (forcing lazy bindings), operators, attributes of the
// TileLang namespace and of buffers, subscripts (buffer accesses), and calls.
#include "compiler/frontend/evaluator.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <optional>

#include "compiler/frontend/builtin_calls.h"
#include "compiler/frontend/frontend_error.h"
#include "compiler/frontend/library_calls.h"
#include "compiler/frontend/literals.h"
#include "compiler/frontend/python_arith.h"
#include "compiler/frontend/tile_math_lowering.h"
#include "compiler/frontend/tile_ops.h"
#include "compiler/ir/suggest.h"

namespace tt::frontend {

Evaluator::Nesting::Nesting(Evaluator& ev, const Node& node, const char* what) : ev_(ev) {
  if (++ev_.depth_ > kMaxNesting) {
    --ev_.depth_;
    fail(node.span(),
         std::string(what) + " is nested too deeply (more than " + std::to_string(kMaxNesting) + " levels)");
  }
}

Evaluator::Evaluator(const ParsedFile& file) : file_(file), builtins_(arena_.make(nullptr)) {
  builtins_->set("T", Value::name_path(std::string(kTileLang)));
  builtins_->set("tilelang", Value::name_path("tilelang"));
  // Module attributes: the file is read as the program's main module.
  builtins_->set("__name__", Value::string("__main__"));
  builtins_->set("__file__", Value::string(file.source().path()));
  builtins_->set("__doc__", Value::none());
  for (std::string_view name : kBuiltinNames) {
    builtins_->set(std::string(name), Value::name_path(std::string(kBuiltinPrefix) + std::string(name)));
  }
}

Value Evaluator::eval(const Node& node, Scope* scope) {
  Nesting guard(*this, node, "expression");
  SourceSpan span = node.span();
  switch (node.kind()) {
    case Syntax::Identifier:
      return eval_identifier(node, scope);
    case Syntax::Integer:
      return Value::integer(parse_int_literal(node.text(), span), span);
    case Syntax::Float:
      return Value::floating(parse_float_literal(node.text(), span), span);
    case Syntax::TrueLiteral:
      return Value::boolean(true, span);
    case Syntax::FalseLiteral:
      return Value::boolean(false, span);
    case Syntax::NoneLiteral:
      return Value::none(span);
    case Syntax::String:
      return eval_string(node, scope);
    case Syntax::ConcatenatedString: {
      std::string out;
      for (const Node& part : node.children()) out += eval_string(part, scope).get<std::string>();
      return Value::string(std::move(out), span);
    }
    case Syntax::ParenthesizedExpression: {
      std::vector<Node> inner = node.children();
      if (inner.size() != 1) fail(span, "invalid syntax");
      return eval(inner[0], scope);
    }
    case Syntax::Tuple:
    case Syntax::ExpressionList:
      return eval_sequence(node, scope, false);
    case Syntax::List:
      return eval_sequence(node, scope, true);
    case Syntax::ListSplat: {
      // tree-sitter reads `*k.shape` as attribute(object: list_splat(k), shape): the star
      // belongs to the whole primary, which eval_sequence splats; here `*k` is just `k`.
      Node parent = node.parent();
      std::vector<Node> inner = node.children();
      bool in_primary = parent.is(Syntax::Attribute) || parent.is(Syntax::Subscript) || parent.is(Syntax::Call);
      if (in_primary && !inner.empty()) return eval(inner[0], scope);
      break;
    }
    case Syntax::Set: {
      Value v = eval_sequence(node, scope, true);
      Sequence set{true, {}, true};
      for (const Value& item : v.get<Sequence>().items) {
        bool seen = false;
        for (const Value& have : set.items)
          seen |= truthiness(apply_binary(PyOp::Eq, have, item, span)).value_or(false);
        if (!seen) set.items.push_back(item);
      }
      return Value{std::move(set), span};
    }
    case Syntax::Dictionary:
      return eval_dict(node, scope);
    case Syntax::ListComprehension:
    case Syntax::SetComprehension:
    case Syntax::DictionaryComprehension:
    case Syntax::GeneratorExpression:
      return eval_comprehension(node, scope);
    case Syntax::Lambda: {
      // The body is evaluated only when called; its nesting is bounded now, as for any expression.
      int depth = depth_;
      for (Node body = node.field("body"); body.is(Syntax::Lambda); body = body.field("body")) {
        if (++depth > kMaxNesting)
          fail(body.span(), "expression is nested too deeply (more than " + std::to_string(kMaxNesting) + " levels)");
      }
      return Value{FunctionValue{node, scope, false}, span};
    }
    case Syntax::Ellipsis:
      return Value::name_path("builtins.Ellipsis", span);
    case Syntax::BinaryOperator: {
      Value a = eval(node.field("left"), scope);
      Value b = eval(node.field("right"), scope);
      std::optional<PyOp> op = parse_py_op(node.field("operator").text());
      if (!op) fail(span, "unsupported operator '" + std::string(node.field("operator").text()) + "'");
      return apply_binary(*op, a, b, span);
    }
    case Syntax::UnaryOperator:
      return apply_unary(node.field("operator").text(), eval(node.field("argument"), scope), span);
    case Syntax::NotOperator: {
      Value a = eval(node.field("argument"), scope);
      if (a.is<RunTimeValue>()) return a;
      if (std::optional<bool> t = truthiness(a)) return Value::boolean(!*t, span);
      return from_expr(ir::binary(ir::BinaryOp::Eq, to_expr(a, "operand of 'not'"), ir::int_imm(0, span), span), span);
    }
    case Syntax::BooleanOperator:
      return eval_boolean(node, scope);
    case Syntax::ComparisonOperator:
      return eval_comparison(node, scope);
    case Syntax::ConditionalExpression: {
      std::vector<Node> parts = node.children();
      if (parts.size() != 3) fail(span, "invalid syntax");
      Value cond = eval(parts[1], scope);
      if (cond.is<RunTimeValue>()) return cond;  // which branch is a run-time choice
      std::optional<bool> t = truthiness(cond);
      if (!t && is_symbolic(cond)) {
        // `a if c else b` on kernel values is TVMScript's select: T.if_then_else(c, a, b).
        CallArgs args;
        args.positional = {cond, eval(parts[0], scope), eval(parts[2], scope)};
        return lower_math_call(TileOp::IfThenElse, "if_then_else", args, span);
      }
      if (!t) fail(parts[1].span(), "the condition of a conditional expression must be known at definition time");
      return eval(*t ? parts[0] : parts[2], scope);
    }
    case Syntax::Attribute:
      return eval_attribute(node, scope);
    case Syntax::Subscript:
      return eval_subscript(node, scope);
    case Syntax::Call:
      return eval_call(node, scope);
    default:
      break;
  }
  fail(span, "unsupported Python construct '" + construct_name(node) + "'");
}

Value Evaluator::eval_identifier(const Node& node, Scope* scope) { return lookup(node.text(), scope, node.span()); }

Value Evaluator::lookup(std::string_view name, Scope* scope, SourceSpan use) {
  Value* slot = scope->find(name);
  if (!slot && has_wildcard_import_) return Value::run_time(std::string(name) + " (from an 'import *')", use);
  if (!slot) {
    // As Python 3.10 does: the closest name in scope, if any is a plausible typo of this one.
    std::vector<std::string> visible;
    for (Scope* s = scope; s; s = s->parent()) {
      for (const auto& entry : s->vars()) visible.push_back(entry.first);
    }
    std::string message = "name '" + std::string(name) + "' is not defined";
    if (auto match = closest_match(name, visible)) message += "; did you mean '" + *match + "'?";
    fail(use, message);
  }
  Value v = force(*slot, use);
  v.span = use;
  return v;
}

void Evaluator::note_hint(const std::string& key, SourceSpan span, std::string message) {
  if (!noted_.insert(key).second) return;
  Diagnostic note{Severity::Note, span, std::move(message), {}, {}};
  note.category = DiagnosticCategory::Unsupported;
  hint_notes_.push_back(std::move(note));
}

bool Evaluator::is_classified_member(const std::string& path) {
  std::string_view member = tile_member(path);
  return !member.empty() && classify_tile_member(member).has_value();
}

void Evaluator::use_classified_member(const std::string& path, SourceSpan span) {
  std::string_view member = tile_member(path);
  std::optional<TileMemberClass> c = classify_tile_member(member);
  if (!c)
    fail(span, "internal error: '" + path + "' is not a classified TileLang member", DiagnosticCategory::Internal);
  if (c->support == TileSupport::Hint) {
    note_hint(path, span, unsupported_member_message(member, *c));
    return;
  }
  fail(span, unsupported_member_message(member, *c), DiagnosticCategory::Unsupported);
}

Value Evaluator::force(Value& slot, SourceSpan use) {
  if (slot.is<Poison>()) throw FrontendError{*slot.get<Poison>().error};
  if (!slot.is<Thunk>()) return slot;
  Thunk thunk = slot.get<Thunk>();
  // While evaluating, the binding refers to itself only through a cycle: report it, never loop.
  slot = Value{Poison{std::make_shared<Diagnostic>(Diagnostic{
                   Severity::Error, use, "name '" + thunk.name + "' is defined in terms of itself", {}, {}})},
               use};
  try {
    Value v;
    SourceSpan span = thunk.stmt.span();
    if (thunk.is_expression) {
      v = eval(thunk.stmt, thunk.scope);
    } else if (thunk.stmt.is(Syntax::DefaultParameter) || thunk.stmt.is(Syntax::TypedDefaultParameter)) {
      v = eval(thunk.stmt.field("value"), thunk.scope);
    } else if (thunk.stmt.is(Syntax::AugmentedAssignment)) {
      std::string op_text(thunk.stmt.field("operator").text());
      std::optional<PyOp> op = parse_py_op(op_text.substr(0, op_text.size() - 1));
      if (!op) fail(span, "unsupported operator '" + op_text + "'");
      Value before = lookup(thunk.name, thunk.scope, thunk.stmt.field("left").span());
      v = apply_binary(*op, before, eval(thunk.stmt.field("right"), thunk.scope), span);
    } else {
      std::vector<Node> targets{thunk.stmt.field("left")};
      Node right = thunk.stmt.field("right");
      while (right.is(Syntax::Assignment)) {
        targets.push_back(right.field("left"));
        right = right.field("right");
      }
      Value rhs = eval(right, thunk.scope);
      std::optional<Value> found;
      for (const Node& t : targets) {
        if (std::optional<Value> part = unpack_for(t, rhs, thunk.name)) found = part;
      }
      if (!found) fail(span, "name '" + thunk.name + "' is not assigned here");
      v = *found;
    }
    slot = v;
    return v;
  } catch (const FrontendError& e) {
    slot = Value{Poison{std::make_shared<Diagnostic>(e.diagnostic)}, use};
    throw;
  }
}

Value Evaluator::eval_string(const Node& node, Scope* scope) {
  SourceSpan span = node.span();
  std::vector<Node> parts = node.children();
  if (parts.size() < 2 || !parts.front().is(Syntax::StringStart) || !parts.back().is(Syntax::StringEnd)) {
    fail(span, "invalid string literal");
  }
  std::string_view start = parts.front().text();
  std::string prefix;
  for (char c : start) {
    if (c == '"' || c == '\'') break;
    prefix += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (prefix.find('b') != std::string::npos) fail(span, "bytes literals are not supported");
  const std::string& text = file_.source().text();
  uint32_t begin = parts.front().end_byte();
  uint32_t end = parts.back().start_byte();
  std::string_view body = end > begin ? std::string_view(text).substr(begin, end - begin) : std::string_view();
  bool raw = prefix.find('r') != std::string::npos;
  if (prefix.find('f') == std::string::npos) return Value::string(raw ? std::string(body) : unescape_string(body), span);
  // f-string: the literal runs ({{ and }} halved) between the replacement fields, each field formatted.
  std::string out;
  auto literal = [&](uint32_t from, uint32_t to) {
    std::string_view run = to > from ? std::string_view(text).substr(from, to - from) : std::string_view();
    std::string halved;
    for (size_t i = 0; i < run.size(); ++i) {
      halved += run[i];
      if ((run[i] == '{' || run[i] == '}') && i + 1 < run.size() && run[i + 1] == run[i]) ++i;
    }
    out += raw ? halved : unescape_string(halved);
  };
  uint32_t at = begin;
  for (const Node& part : parts) {
    if (!part.is(Syntax::Interpolation)) continue;
    literal(at, part.start_byte());
    out += format_replacement_field(part, scope);
    at = part.end_byte();
  }
  literal(at, end);
  return Value::string(std::move(out), span);
}

namespace {
// Python's format() for the specs messages use: [[fill]align][sign][width][,][.precision][type] with type
// d, f, e, g, x, s or none; anything else (or a non-number with a numeric type) gives `shown` unchanged.
std::string apply_format_spec(const Value& v, std::string_view spec, std::string shown) {
  std::string_view rest = spec;
  char align = 0;
  if (rest.size() >= 1 && (rest[0] == '<' || rest[0] == '>' || rest[0] == '^')) {
    align = rest[0];
    rest.remove_prefix(1);
  }
  size_t width = 0;
  while (!rest.empty() && std::isdigit(static_cast<unsigned char>(rest[0]))) {
    width = width * 10 + static_cast<size_t>(rest[0] - '0');
    rest.remove_prefix(1);
  }
  int precision = -1;
  if (!rest.empty() && rest[0] == '.') {
    rest.remove_prefix(1);
    precision = 0;
    while (!rest.empty() && std::isdigit(static_cast<unsigned char>(rest[0]))) {
      precision = precision * 10 + (rest[0] - '0');
      rest.remove_prefix(1);
    }
  }
  char type = rest.empty() ? 0 : rest[0];
  if (rest.size() > 1) return shown;
  std::optional<double> number;
  if (v.is<double>()) number = v.get<double>();
  if (v.is<int64_t>()) number = static_cast<double>(v.get<int64_t>());
  char buf[64];
  if (type == 'f' || type == 'e' || type == 'g') {
    if (!number) return shown;
    const char format[] = {'%', '.', '*', type, 0};
    std::snprintf(buf, sizeof buf, format, precision < 0 ? 6 : precision, *number);
    shown = buf;
  } else if (type == 'x' || type == 'd') {
    if (!v.is<int64_t>()) return shown;
    std::snprintf(buf, sizeof buf, type == 'x' ? "%llx" : "%lld", static_cast<long long>(v.get<int64_t>()));
    shown = buf;
  } else if (type == 0 && precision >= 0 && number && v.is<double>()) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, *number);
    shown = buf;
  } else if (type != 0 && type != 's') {
    return shown;
  }
  if (shown.size() < width) {
    size_t pad = width - shown.size();
    if (align == 0) align = number ? '>' : '<';
    size_t left = align == '>' ? pad : align == '^' ? pad / 2 : 0;
    shown = std::string(left, ' ') + shown + std::string(pad - left, ' ');
  }
  return shown;
}
}  // namespace

std::string Evaluator::format_replacement_field(const Node& interpolation, Scope* scope) {
  Node expression = interpolation.field("expression");
  if (expression.null()) return std::string(interpolation.text());
  // A field this evaluator cannot compute (a library call in a message printed at run time) stays as written:
  // formatting a message must never be what fails a compile.
  Value v;
  try {
    v = eval(expression, scope);
  } catch (const FrontendError&) {
    return std::string(interpolation.text());
  }
  Node conversion = interpolation.field("type_conversion");
  bool as_repr = !conversion.null() && conversion.text() != "!s";
  std::string shown = v.is<std::string>() && !as_repr ? v.get<std::string>() : repr(v);
  Node spec = interpolation.field("format_specifier");
  if (spec.null()) return shown;
  std::string_view spec_text = spec.text();
  if (!spec_text.empty() && spec_text[0] == ':') spec_text.remove_prefix(1);
  return apply_format_spec(v, spec_text, std::move(shown));
}

namespace {
// Whether a primary expression starts with the grammar's misplaced star (`*k.shape`).
bool starts_with_splat(Node n) {
  while (n.is(Syntax::Attribute) || n.is(Syntax::Subscript) || n.is(Syntax::Call)) {
    n = n.is(Syntax::Attribute) ? n.field("object") : n.is(Syntax::Subscript) ? n.field("value") : n.field("function");
  }
  return n.is(Syntax::ListSplat);
}
}  // namespace

Value Evaluator::eval_sequence(const Node& node, Scope* scope, bool is_list) {
  std::vector<Value> items;
  for (const Node& child : node.children()) {
    if (starts_with_splat(child) && !child.is(Syntax::ListSplat)) {
      Value splat = eval(child, scope);
      if (splat.is<RunTimeValue>()) return Value::run_time(std::string(node.text()), node.span());
      for (Value& v : iterate(splat, child.span())) items.push_back(std::move(v));
      continue;
    }
    if (child.is(Syntax::ListSplat)) {
      std::vector<Node> inner = child.children();
      if (inner.empty()) fail(child.span(), "invalid syntax");
      Value splat = eval(inner[0], scope);
      if (splat.is<RunTimeValue>()) return Value::run_time(std::string(node.text()), node.span());
      for (Value& v : iterate(splat, child.span())) items.push_back(std::move(v));
      continue;
    }
    items.push_back(eval(child, scope));
  }
  return Value::sequence(std::move(items), is_list, node.span());
}

Value Evaluator::eval_boolean(const Node& node, Scope* scope) {
  SourceSpan span = node.span();
  bool is_and = node.field("operator").text() == "and";
  Value a = eval(node.field("left"), scope);
  if (a.is<RunTimeValue>()) return a;
  std::optional<bool> t = truthiness(a);
  if (t) {
    if (is_and != *t) return a;  // `False and x` -> False, `True or x` -> True
    return eval(node.field("right"), scope);
  }
  Value b = eval(node.field("right"), scope);
  const char* what = is_and ? "operand of 'and'" : "operand of 'or'";
  return from_expr(ir::binary(is_and ? ir::BinaryOp::And : ir::BinaryOp::Or, to_expr(a, what), to_expr(b, what), span),
                   span);
}

Value Evaluator::eval_comparison(const Node& node, Scope* scope) {
  SourceSpan span = node.span();
  std::vector<Node> operands = node.children();
  std::vector<Node> operators = node.field_children("operators");
  if (operands.size() != operators.size() + 1) fail(span, "invalid syntax");
  Value left = eval(operands[0], scope);
  std::optional<ir::Expr> symbolic;
  for (size_t i = 0; i < operators.size(); ++i) {
    Value right = eval(operands[i + 1], scope);
    std::string_view text = operators[i].text();
    bool negate = false;
    Value result;
    if (text.substr(0, 3) == "not" || text == "in") {  // `in`, `not in`
      negate = text != "in";
      bool found = false;
      // A run-time operand (a parameter only the caller's tensors give) makes the membership run-time too.
      if (right.is<RunTimeValue>() || left.is<RunTimeValue>()) return right.is<RunTimeValue>() ? right : left;
      if (right.is<Sequence>()) {
        for (const Value& item : right.get<Sequence>().items) {
          std::optional<bool> eq = truthiness(apply_binary(PyOp::Eq, left, item, span));
          found |= eq.value_or(false);
        }
      } else if (right.is<Dict>()) {
        for (const Value& key : right.get<Dict>().keys) {
          found |= truthiness(apply_binary(PyOp::Eq, left, key, span)).value_or(false);
        }
      } else if (right.is<std::string>() && left.is<std::string>()) {
        found = right.get<std::string>().find(left.get<std::string>()) != std::string::npos;
      } else {
        fail(span, "argument of type '" + type_name(right) + "' is not iterable");
      }
      result = Value::boolean(found != negate, span);
    } else if (text.substr(0, 2) == "is") {  // `is`, `is not`: identity on None/bools, equality otherwise
      result = apply_binary(text == "is" ? PyOp::Eq : PyOp::Ne, left, right, span);
    } else {
      std::optional<PyOp> op = parse_py_op(text);
      if (!op) fail(operators[i].span(), "unsupported comparison operator '" + std::string(text) + "'");
      result = apply_binary(*op, left, right, span);
    }
    if (result.is<RunTimeValue>()) return result;
    std::optional<bool> t = truthiness(result);
    if (t) {
      if (!*t) return Value::boolean(false, span);
    } else {
      ir::Expr e = to_expr(result, "comparison");
      symbolic = symbolic ? ir::binary(ir::BinaryOp::And, *symbolic, e, span) : e;
    }
    left = right;
  }
  if (symbolic) return from_expr(*symbolic, span);
  return Value::boolean(true, span);
}

Value Evaluator::eval_attribute(const Node& node, Scope* scope) {
  SourceSpan span = node.span();
  Value object = eval(node.field("object"), scope);
  std::string attr(node.field("attribute").text());
  if (object.is<Namespace>()) {
    const std::string& base = object.get<Namespace>().path;
    if (base == kTileLang) {
      if (!is_known_tile_member(attr)) fail(span, unknown_tile_member_message(attr, node.text()));
      if (std::optional<DataType> dtype = parse_dtype(attr)) return Value::dtype(*dtype, span);
    }
    if (std::optional<Value> constant = library_attribute(base + "." + attr, span)) return *constant;
    return Value::name_path(base + "." + attr, span);
  }
  if (object.is<ir::Buffer>()) {
    const ir::Buffer& b = object.get<ir::Buffer>();
    if (attr == "shape") {
      std::vector<Value> dims;
      for (int64_t d : b->shape) dims.push_back(Value::integer(d, span));
      return Value::sequence(std::move(dims), false, span);
    }
    if (attr == "dtype") return Value::dtype(b->dtype, span);
    fail(span, "buffer attribute '." + attr + "' (raw buffer access) is not lowered for Tenstorrent yet",
         DiagnosticCategory::Unsupported);
  }
  if (object.is<BufferAccess>() && attr == "dtype") return Value::dtype(object.get<BufferAccess>().buffer->dtype, span);
  if (object.is<AbstractTensor>()) {
    static const char* kAttributes[] = {"shape", "ndim", "dtype", "T", "mT", "device"};
    for (const char* a : kAttributes) {
      if (attr == a) return tensor_attribute(object.get<AbstractTensor>(), attr, node);
    }
  }
  if (object.is<RunTimeValue>()) return Value::run_time(std::string(node.text()), span);
  if ((object.is<ir::Expr>() || object.is<BufferAccess>()) && attr == "astype") {
    fail(span, "'.astype' (element-wise cast) is not lowered for Tenstorrent yet", DiagnosticCategory::Unsupported);
  }
  if (object.is<ArgParser>() && object.get<ArgParser>().parsed) return parsed_argument(attr, span);
  if (object.is<DataType>() && attr == "itemsize") return Value::integer(dtype_bits(object.get<DataType>()) / 8, span);
  if (object.is<DataType>() && attr == "bits") return Value::integer(dtype_bits(object.get<DataType>()), span);
  bool has_methods = object.is<std::string>() || object.is<Dict>() || object.is<Sequence>() || object.is<int64_t>() ||
                     object.is<AbstractTensor>() || object.is<ArgParser>() || object.is<FunctionValue>();
  if (has_methods) return Value{BoundMethod{std::make_shared<const Value>(object), attr}, span};
  fail(span, "'" + type_name(object) + "' object has no attribute '" + attr + "'");
}

Value Evaluator::eval_subscript(const Node& node, Scope* scope) {
  SourceSpan span = node.span();
  Value base = eval(node.field("value"), scope);
  // `x[0]` on a T.alloc_var name indexes its one-element buffer.
  if (base.is<BufferAccess>() && base.get<BufferAccess>().is_var)
    base = Value::buffer(base.get<BufferAccess>().buffer, base.span);
  std::vector<Node> subscripts = node.field_children("subscript");
  if (base.is<ir::Buffer>()) {
    BufferAccess access{base.get<ir::Buffer>(), {}};
    auto index_expr = [&](const Node& n) -> ir::Expr {
      Value v = eval(n, scope);
      if (v.is<double>()) fail(n.span(), "a buffer index must be an integer, got float " + repr(v));
      if (!(v.is<int64_t>() || v.is<bool>() || is_symbolic(v))) {
        fail(n.span(), "a buffer index must be an integer, got " + type_name(v) + " " + repr(v));
      }
      return to_expr(v, "a buffer index");
    };
    for (const Node& s : subscripts) {
      IndexItem item;
      item.span = s.span();
      if (s.is(Syntax::Slice)) {
        item.is_slice = true;
        int colons = 0;
        for (const Node& part : s.all_children()) {
          if (!part.is_named()) {
            colons += part.text() == ":" ? 1 : 0;
            continue;
          }
          if (colons == 0)
            item.start = index_expr(part);
          else if (colons == 1)
            item.stop = index_expr(part);
          else
            fail(part.span(), "slice steps are not supported in buffer regions");
        }
      } else {
        item.start = index_expr(s);
      }
      access.indices.push_back(std::move(item));
    }
    return Value{std::move(access), span};
  }
  if (base.is<BufferAccess>()) fail(span, "index a buffer once with all indices, e.g. A[i, j] (not A[i][j])");
  if (base.is<RunTimeValue>()) return Value::run_time(std::string(node.text()), span);
  if (base.is<Dict>() && subscripts.size() == 1) {
    Value key = eval(subscripts[0], scope);
    if (key.is<RunTimeValue>()) return Value::run_time(std::string(node.text()), span);
    const Dict& d = base.get<Dict>();
    for (size_t i = 0; i < d.keys.size(); ++i) {
      if (truthiness(apply_binary(PyOp::Eq, d.keys[i], key, span)).value_or(false)) {
        Value v = d.values[i];
        v.span = span;
        return v;
      }
    }
    fail(span, "KeyError: " + repr(key));
  }
  if (base.is<AbstractTensor>()) return Value::run_time(std::string(node.text()), span);  // tensor data
  if ((base.is<Sequence>() || base.is<std::string>()) && subscripts.size() == 1 && subscripts[0].is(Syntax::Slice)) {
    std::vector<Value> items = iterate(base, span);
    int64_t n = static_cast<int64_t>(items.size());
    std::optional<int64_t> bounds[3];
    int part = 0;
    for (const Node& p : subscripts[0].all_children()) {
      if (!p.is_named()) {
        part += p.text() == ":" ? 1 : 0;
        continue;
      }
      Value v = eval(p, scope);
      if (!v.is<NoneValue>()) {
        std::optional<int64_t> i = v.is<ir::Expr>() ? std::nullopt : as_integer(v);
        if (!i) fail(p.span(), "slice indices must be integers");
        bounds[std::min(part, 2)] = *i;
      }
    }
    int64_t step = bounds[2].value_or(1);
    if (step == 0) fail(span, "slice step cannot be zero");
    auto clamp = [&](std::optional<int64_t> i, int64_t fallback) {
      if (!i) return fallback;
      int64_t x = *i < 0 ? *i + n : *i;
      return std::clamp<int64_t>(x, step > 0 ? 0 : -1, step > 0 ? n : n - 1);
    };
    int64_t start = clamp(bounds[0], step > 0 ? 0 : n - 1), stop = clamp(bounds[1], step > 0 ? n : -1);
    std::vector<Value> out;
    for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) out.push_back(items[static_cast<size_t>(i)]);
    if (base.is<std::string>()) {
      std::string str;
      for (const Value& c : out) str += c.get<std::string>();
      return Value::string(str, span);
    }
    return Value::sequence(std::move(out), base.get<Sequence>().is_list, span);
  }
  if ((base.is<Sequence>() || base.is<std::string>()) && subscripts.size() == 1 && !subscripts[0].is(Syntax::Slice)) {
    Value index = eval(subscripts[0], scope);
    if (!(index.is<int64_t>() || index.is<bool>()))
      fail(index.span, "indices must be integers, not " + type_name(index));
    int64_t i = *as_integer(index);
    int64_t n = base.is<Sequence>() ? static_cast<int64_t>(base.get<Sequence>().items.size())
                                    : static_cast<int64_t>(base.get<std::string>().size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) fail(span, type_name(base) + " index out of range");
    if (base.is<Sequence>()) {
      Value item = base.get<Sequence>().items[static_cast<size_t>(i)];
      item.span = span;
      return item;
    }
    return Value::string(std::string(1, base.get<std::string>()[static_cast<size_t>(i)]), span);
  }
  if (base.is<Namespace>()) {
    // `T.Tensor[(M, K), dtype]` (the subscript spelling of an annotation) and typing generics
    // (`List[int]`, `Optional[...]`): types, evaluated to what they name.
    std::optional<TileOp> op = tile_op_of(base.get<Namespace>().path);
    if (op == TileOp::Tensor || op == TileOp::Buffer) {
      fail(span, "'" + std::string(node.text()) + "' can only annotate a tensor of a kernel");
    }
    return base;
  }
  fail(span, "'" + type_name(base) + "' object is not subscriptable");
}

CallArgs Evaluator::eval_arguments(const Node& call, Scope* scope) {
  CallArgs args;
  args.span = call.span();
  Node list = call.field("arguments");
  if (list.is(Syntax::GeneratorExpression)) {  // f(x for x in xs)
    args.positional.push_back(eval(list, scope));
    return args;
  }
  if (!list.is(Syntax::ArgumentList)) fail(list.span(), "unsupported Python construct '" + construct_name(list) + "'");
  for (const Node& a : list.children()) {
    if (a.is(Syntax::KeywordArgument)) {
      args.keywords.push_back(KeywordArg{std::string(a.field("name").text()), eval(a.field("value"), scope), a.span()});
      continue;
    }
    if (a.is(Syntax::ListSplat) || a.is(Syntax::DictionarySplat)) {
      std::vector<Node> inner = a.children();
      if (inner.empty()) fail(a.span(), "invalid syntax");
      Value v = eval(inner[0], scope);
      if (v.is<RunTimeValue>()) {  // f(*run_time) / f(**run_time): the arguments are unknown
        args.run_time_splat = std::string(a.text());
        continue;
      }
      if (a.is(Syntax::ListSplat)) {
        for (Value& item : iterate(v, a.span())) args.positional.push_back(std::move(item));
        continue;
      }
      if (!v.is<Dict>()) fail(a.span(), "argument after ** must be a mapping, not " + type_name(v));
      const Dict& d = v.get<Dict>();
      for (size_t i = 0; i < d.keys.size(); ++i) {
        if (!d.keys[i].is<std::string>()) fail(a.span(), "keywords must be strings");
        args.keywords.push_back(KeywordArg{d.keys[i].get<std::string>(), d.values[i], a.span()});
      }
      continue;
    }
    args.positional.push_back(eval(a, scope));
  }
  return args;
}

Value Evaluator::eval_call(const Node& node, Scope* scope) {
  SourceSpan span = node.span();
  Node function = node.field("function");
  if (function.is(Syntax::Attribute) && function.field("attribute").text() == "astype") {
    // `x.astype(dtype)` on a kernel value (TVM's PrimExpr.astype): a cast.
    Value object = eval(function.field("object"), scope);
    if (is_symbolic(object)) return lower_astype(object, eval_arguments(node, scope), span);
  }
  Value callee = eval(function, scope);
  if (callee.is<Namespace>() && is_classified_member(callee.get<Namespace>().path)) {
    use_classified_member(callee.get<Namespace>().path, span);  // returns for hints only
    return Value::none(span);
  }
  if (callee.is<RunTimeValue>()) return Value::run_time(std::string(node.text()), span);
  CallArgs args = eval_arguments(node, scope);
  if (callee.is<FunctionValue>()) {
    const FunctionValue& fn = callee.get<FunctionValue>();
    if (fn.is_prim_func) fail(span, "cannot call @T.prim_func '" + function_name(fn.def) + "' at definition time");
    // Calling an eager kernel runs it on the device: its outputs exist only at run time.
    if (fn.is_eager_kernel) return Value::run_time(std::string(node.text()), span);
    return call_function(fn, args, span);
  }
  if (callee.is<BoundMethod>()) return call_method(callee.get<BoundMethod>(), args, node);
  if (callee.is<Namespace>()) {
    const std::string& path = callee.get<Namespace>().path;
    if (tile_op_of(path) || path.rfind(kBuiltinPrefix, 0) == 0) return call_builtin(path, node, args, &dynamic_sizes_);
    if (!tile_member(path).empty())
      fail(span, unknown_tile_member_message(tile_member(path), node.field("function").text()));
    if (std::optional<Value> v = call_library(path, node, args)) return *v;
    return Value::run_time(std::string(node.text()), span);  // a library call we do not model
  }
  if (callee.is<DataType>()) {  // T.float32(0): a typed constant
    if (args.positional.size() != 1 || !args.keywords.empty()) {
      fail(span, std::string(node.field("function").text()) + " expects 1 argument");
    }
    const Value& v = args.positional[0];
    if (v.is<int64_t>() || v.is<bool>() || v.is<double>()) {
      double d = v.is<double>() ? v.get<double>() : static_cast<double>(*as_integer(v));
      if (dtype_is_float(callee.get<DataType>())) return Value::floating(d, span);
      if (!std::isfinite(d) || std::fabs(d) > 9.2e18)
        fail(span, "value out of range for " + std::string(dtype_name(callee.get<DataType>())));
      return Value::integer(static_cast<int64_t>(d), span);
    }
    fail(v.span, "casts of " + type_name(v) + " values are not supported");
  }
  if (callee.is<AbstractTensor>() || callee.is<ArgParser>()) return Value::run_time(std::string(node.text()), span);
  fail(span, "'" + type_name(callee) + "' object is not callable");
}

std::optional<std::string> Evaluator::callee_path(const Node& callee, Scope* scope) {
  try {
    Value v = eval(callee, scope);
    if (v.is<Namespace>()) return v.get<Namespace>().path;
  } catch (const FrontendError&) {
  }
  return std::nullopt;
}

}  // namespace tt::frontend
