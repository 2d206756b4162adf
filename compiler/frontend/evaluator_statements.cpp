// Definition-time code: calls of user functions (the kernel factory and its helpers) with
// Python's argument rules and a recursion bound, their statements, imports and assignments.
#include "compiler/frontend/evaluator.h"
#include "compiler/frontend/frontend_error.h"
#include "compiler/frontend/python_arith.h"
#include "compiler/frontend/tile_ops.h"

namespace tt::frontend {

namespace {

// RAII for the definition-time call stack, so an error unwinding through a call leaves it clean.
class CallFrame {
 public:
  CallFrame(std::vector<Node>& stack, const Node& def) : stack_(stack) { stack_.push_back(def); }
  ~CallFrame() { stack_.pop_back(); }
  CallFrame(const CallFrame&) = delete;
  CallFrame& operator=(const CallFrame&) = delete;

 private:
  std::vector<Node>& stack_;
};

}  // namespace

Value Evaluator::call_function(const FunctionValue& fn, const CallArgs& args, SourceSpan call_span) {
  std::string name = function_name(fn.def);
  if (call_stack_.size() >= kMaxCallDepth) {
    size_t last = call_stack_.size();  // the innermost active call of the same function, if any
    for (size_t i = 0; i < call_stack_.size(); ++i) {
      if (call_stack_[i] == fn.def) last = i;
    }
    const std::string depth = std::to_string(kMaxCallDepth) + " levels deep";
    if (last == call_stack_.size()) fail(call_span, "definition-time calls are nested more than " + depth);
    if (last + 1 == call_stack_.size()) fail(call_span, "recursion too deep: '" + name + "' calls itself more than " + depth);
    // Mutual recursion (cyclic definitions): name the cycle.
    std::string cycle;
    for (size_t i = last; i < call_stack_.size(); ++i) cycle += "'" + function_name(call_stack_[i]) + "' -> ";
    fail(call_span, "recursion too deep: the calls " + cycle + "'" + name + "' repeat more than " + depth);
  }
  CallFrame frame(call_stack_, fn.def);
  std::vector<ParamInfo> params = function_params(fn.def);
  Scope* local = new_scope(fn.closure);
  std::vector<bool> bound(params.size(), false);

  size_t positional = 0;
  for (const ParamInfo& p : params) positional += p.keyword_only ? 0 : 1;
  if (args.positional.size() > positional) {
    fail(call_span, name + "() takes " + std::to_string(positional) + " positional argument" +
                        (positional == 1 ? "" : "s") + " but " + std::to_string(args.positional.size()) +
                        (args.positional.size() == 1 ? " was" : " were") + " given");
  }
  for (size_t i = 0; i < args.positional.size(); ++i) {
    local->set(params[i].name, args.positional[i]);
    bound[i] = true;
  }
  for (const KeywordArg& kw : args.keywords) {
    size_t i = 0;
    while (i < params.size() && params[i].name != kw.name) ++i;
    if (i == params.size()) fail(kw.span, name + "() got an unexpected keyword argument '" + kw.name + "'");
    if (bound[i]) fail(kw.span, name + "() got multiple values for argument '" + kw.name + "'");
    local->set(params[i].name, kw.value);
    bound[i] = true;
  }
  std::string missing;
  for (size_t i = 0; i < params.size(); ++i) {
    if (bound[i]) continue;
    if (params[i].default_value) {
      local->set(params[i].name, eval(params[i].default_value, fn.closure));
    } else {
      missing += (missing.empty() ? "'" : ", '") + params[i].name + "'";
    }
  }
  if (!missing.empty()) fail(call_span, name + "() missing required argument(s): " + missing);

  Flow flow = exec_block(fn.def.field("body"), local, "'" + name + "'");
  return flow.returned ? flow.value : Value::none(call_span);
}

Evaluator::Flow Evaluator::exec_block(const Node& block, Scope* scope, const std::string& where) {
  for (const Node& stmt : block.children()) {
    Flow flow = exec_statement(stmt, scope, where);
    if (flow.returned) return flow;
  }
  return {};
}

Evaluator::Flow Evaluator::exec_statement(const Node& stmt, Scope* scope, const std::string& where) {
  Nesting guard(*this, stmt, "statement");
  SourceSpan span = stmt.span();
  switch (stmt.kind()) {
    case Syntax::ExpressionStatement:
      for (const Node& e : stmt.children()) {
        if (e.is(Syntax::String) || e.is(Syntax::ConcatenatedString)) continue;  // docstring
        if (e.is(Syntax::Assignment)) {
          Node right = e.field("right");
          if (!right) continue;  // a bare annotation `x: int`
          std::vector<Node> targets{e.field("left")};
          while (right.is(Syntax::Assignment)) {
            targets.push_back(right.field("left"));
            right = right.field("right");
          }
          Value v = eval(right, scope);
          for (const Node& t : targets) assign(t, v, scope);
        } else if (e.is(Syntax::AugmentedAssignment)) {
          Node left = e.field("left");
          if (!left.is(Syntax::Identifier))
            fail(left.span(), "cannot assign to '" + std::string(left.text()) + "' at definition time");
          std::string op_text(e.field("operator").text());
          std::optional<PyOp> op = parse_py_op(op_text.substr(0, op_text.size() - 1));
          if (!op) fail(e.span(), "unsupported operator '" + op_text + "'");
          Value v = apply_binary(*op, lookup(left.text(), scope, left.span()), eval(e.field("right"), scope), e.span());
          scope->set(std::string(left.text()), v);
        } else {
          eval(e, scope);
        }
      }
      return {};
    case Syntax::ReturnStatement: {
      std::vector<Node> kids = stmt.children();
      if (kids.empty()) return Flow{true, Value::none(span)};
      return Flow{true, eval(kids[0], scope)};
    }
    case Syntax::PassStatement:
    case Syntax::FutureImportStatement:
      return {};
    case Syntax::ImportStatement:
    case Syntax::ImportFromStatement:
      bind_import(stmt, scope);
      return {};
    case Syntax::FunctionDefinition:
    case Syntax::DecoratedDefinition:
      if (stmt.is(Syntax::DecoratedDefinition) && stmt.field("definition").is(Syntax::ClassDefinition)) break;
      define_function(stmt, scope);
      return {};
    case Syntax::IfStatement: {
      Node cond = stmt.field("condition");
      std::optional<bool> t = truthiness(eval(cond, scope));
      if (!t) fail(cond.span(), "this condition must be known at definition time");
      if (*t) return exec_block(stmt.field("consequence"), scope, where);
      for (const Node& alt : stmt.field_children("alternative")) {
        if (alt.is(Syntax::ElseClause)) return exec_block(alt.field("body"), scope, where);
        std::optional<bool> ta = truthiness(eval(alt.field("condition"), scope));
        if (!ta) fail(alt.field("condition").span(), "this condition must be known at definition time");
        if (*ta) return exec_block(alt.field("consequence"), scope, where);
      }
      return {};
    }
    case Syntax::AssertStatement: {
      std::vector<Node> kids = stmt.children();
      if (kids.empty()) return {};
      std::optional<bool> t = truthiness(eval(kids[0], scope));
      if (!t) fail(kids[0].span(), "this assertion must be decidable at definition time");
      if (!*t) {
        std::string message = "assertion failed: " + std::string(kids[0].text());
        if (kids.size() > 1) {
          Value m = eval(kids[1], scope);
          message += " (" + (m.is<std::string>() ? m.get<std::string>() : repr(m)) + ")";
        }
        fail(span, message);
      }
      return {};
    }
    default:
      break;
  }
  fail(span, "unsupported Python construct '" + construct_name(stmt) + "' in " + where);
}

void Evaluator::define_function(const Node& node, Scope* scope, Scope* closure) {
  Node def = node;
  bool prim = false;
  if (node.is(Syntax::DecoratedDefinition)) {
    for (const Node& child : node.children()) {
      if (child.is(Syntax::Decorator) && is_prim_func_decorator(child, scope)) prim = true;
    }
    def = node.field("definition");
  }
  if (!def.is(Syntax::FunctionDefinition))
    fail(def.span(), "unsupported Python construct '" + construct_name(def) + "'");
  scope->set(function_name(def), Value{FunctionValue{def, closure ? closure : scope, prim}, def.span()});
}

bool Evaluator::is_prim_func_decorator(const Node& decorator, Scope* scope) {
  std::vector<Node> kids = decorator.children();
  if (kids.empty()) return false;
  Node expr = kids[0].is(Syntax::Call) ? kids[0].field("function") : kids[0];
  std::optional<std::string> path = callee_path(expr, scope);
  return path && tile_op_of(*path) == TileOp::PrimFunc;
}

void Evaluator::bind_import(const Node& node, Scope* scope) {
  SourceSpan span = node.span();
  if (node.is(Syntax::ImportStatement)) {
    for (const Node& name : node.field_children("name")) {
      if (name.is(Syntax::AliasedImport)) {
        scope->set(std::string(name.field("alias").text()), Value::name_path(dotted_name(name.field("name")), span));
      } else {
        // `import a.b.c` binds `a`.
        std::vector<Node> parts = name.children();
        std::string first(parts.empty() ? name.text() : parts[0].text());
        scope->set(first, Value::name_path(first, span));
      }
    }
    return;
  }
  Node module = node.field("module_name");
  if (!module || module.is(Syntax::RelativeImport)) return;  // relative imports name nothing we know
  std::string base = dotted_name(module);
  for (const Node& name : node.field_children("name")) {
    if (name.is(Syntax::AliasedImport)) {
      scope->set(std::string(name.field("alias").text()),
                 Value::name_path(base + "." + dotted_name(name.field("name")), span));
    } else {
      scope->set(dotted_name(name), Value::name_path(base + "." + dotted_name(name), span));
    }
  }
}

namespace {
bool is_target_list(const Node& t) {
  return t.is(Syntax::PatternList) || t.is(Syntax::TuplePattern) || t.is(Syntax::ListPattern) || t.is(Syntax::Tuple) ||
         t.is(Syntax::List) || t.is(Syntax::ExpressionList);
}

const std::vector<Value>& unpack_items(const Node& target, const Value& value, size_t expected) {
  if (!value.is<Sequence>()) fail(target.span(), "cannot unpack non-sequence " + type_name(value) + " " + repr(value));
  const std::vector<Value>& items = value.get<Sequence>().items;
  if (items.size() > expected)
    fail(target.span(), "too many values to unpack (expected " + std::to_string(expected) + ")");
  if (items.size() < expected) {
    fail(target.span(), "not enough values to unpack (expected " + std::to_string(expected) + ", got " +
                            std::to_string(items.size()) + ")");
  }
  return items;
}
}  // namespace

void Evaluator::assign(const Node& target, const Value& value, Scope* scope) {
  Nesting guard(*this, target, "assignment target");
  if (target.is(Syntax::Identifier)) {
    scope->set(std::string(target.text()), value);
    return;
  }
  if (target.is(Syntax::ParenthesizedExpression) && target.children().size() == 1) {
    assign(target.children()[0], value, scope);
    return;
  }
  if (is_target_list(target)) {
    std::vector<Node> parts = target.children();
    const std::vector<Value>& items = unpack_items(target, value, parts.size());
    for (size_t i = 0; i < parts.size(); ++i) assign(parts[i], items[i], scope);
    return;
  }
  fail(target.span(), "cannot assign to '" + std::string(target.text()) + "' at definition time");
}

std::optional<Value> Evaluator::unpack_for(const Node& target, const Value& value, std::string_view name) {
  Nesting guard(*this, target, "assignment target");
  if (target.is(Syntax::Identifier)) {
    if (target.text() == name) return value;
    return std::nullopt;
  }
  if (target.is(Syntax::ParenthesizedExpression) && target.children().size() == 1) {
    return unpack_for(target.children()[0], value, name);
  }
  if (is_target_list(target)) {
    std::vector<Node> parts = target.children();
    const std::vector<Value>& items = unpack_items(target, value, parts.size());
    std::optional<Value> found;
    for (size_t i = 0; i < parts.size(); ++i) {
      if (std::optional<Value> v = unpack_for(parts[i], items[i], name)) found = v;
    }
    return found;
  }
  return std::nullopt;
}

}  // namespace tt::frontend
