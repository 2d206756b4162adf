// Definition-time code: calls of user functions (the kernel factory and its helpers) with
// Python's argument rules and a recursion bound, their statements, imports and assignments.
#include "compiler/frontend/evaluator.h"
#include "compiler/frontend/frontend_error.h"
#include "compiler/frontend/python_arith.h"
#include "compiler/frontend/tile_ops.h"

namespace tt::frontend {

namespace {

// The truth of a definition-time condition; run-time and kernel values cannot decide it.
std::optional<bool> decide(const Value& cond, SourceSpan span) {
  if (cond.is<RunTimeValue>()) fail_run_time(cond, "this condition");
  std::optional<bool> t = truthiness(cond);
  if (!t) fail(span, "this condition must be known at definition time");
  return t;
}

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

Value Evaluator::call_function(const FunctionValue& fn, const CallArgs& args, SourceSpan call_span, Scope** locals) {
  std::string name = function_name(fn.def);
  if (call_stack_.size() >= kMaxCallDepth) {
    size_t last = call_stack_.size();  // the innermost active call of the same function, if any
    for (size_t i = 0; i < call_stack_.size(); ++i) {
      if (call_stack_[i] == fn.def) last = i;
    }
    const std::string depth = std::to_string(kMaxCallDepth) + " levels deep";
    if (last == call_stack_.size()) fail(call_span, "definition-time calls are nested more than " + depth);
    if (last + 1 == call_stack_.size())
      fail(call_span, "recursion too deep: '" + name + "' calls itself more than " + depth);
    // Mutual recursion (cyclic definitions): name the cycle.
    std::string cycle;
    for (size_t i = last; i < call_stack_.size(); ++i) cycle += "'" + function_name(call_stack_[i]) + "' -> ";
    fail(call_span, "recursion too deep: the calls " + cycle + "'" + name + "' repeat more than " + depth);
  }
  CallFrame frame(call_stack_, fn.def);
  Scope* local = new_scope(fn.closure);
  if (locals) *locals = local;
  bind_parameters(fn, args, call_span, local);
  if (fn.def.is(Syntax::Lambda)) return eval(fn.def.field("body"), local);
  Flow flow = exec_block(fn.def.field("body"), local, "'" + name + "'");
  return flow.returned ? flow.value : Value::none(call_span);
}

void Evaluator::bind_parameters(const FunctionValue& fn, const CallArgs& args, SourceSpan call_span, Scope* local) {
  std::string name = function_name(fn.def);
  std::vector<ParamInfo> params = function_params(fn.def);
  std::vector<bool> bound(params.size(), false);
  size_t positional = 0;
  const ParamInfo* var_positional = nullptr;
  const ParamInfo* var_keyword = nullptr;
  for (const ParamInfo& p : params) {
    if (p.kind == ParamKind::VarPositional) var_positional = &p;
    if (p.kind == ParamKind::VarKeyword) var_keyword = &p;
    positional += p.keyword_only || p.kind != ParamKind::Regular ? 0 : 1;
  }
  if (args.positional.size() > positional && !var_positional) {
    fail(call_span, name + "() takes " + std::to_string(positional) + " positional argument" +
                        (positional == 1 ? "" : "s") + " but " + std::to_string(args.positional.size()) +
                        (args.positional.size() == 1 ? " was" : " were") + " given");
  }
  std::vector<Value> extra;
  for (size_t i = 0, slot = 0; i < args.positional.size(); ++i) {
    while (slot < params.size() && (params[slot].keyword_only || params[slot].kind != ParamKind::Regular)) ++slot;
    if (slot >= params.size()) {
      extra.push_back(args.positional[i]);
      continue;
    }
    local->set(params[slot].name, args.positional[i]);
    bound[slot++] = true;
  }
  Dict extra_keywords;
  for (const KeywordArg& kw : args.keywords) {
    size_t i = 0;
    while (i < params.size() && (params[i].name != kw.name || params[i].kind != ParamKind::Regular)) ++i;
    if (i == params.size()) {
      if (!var_keyword) fail(kw.span, name + "() got an unexpected keyword argument '" + kw.name + "'");
      extra_keywords.keys.push_back(Value::string(kw.name, kw.span));
      extra_keywords.values.push_back(kw.value);
      continue;
    }
    if (bound[i]) fail(kw.span, name + "() got multiple values for argument '" + kw.name + "'");
    local->set(params[i].name, kw.value);
    bound[i] = true;
  }
  std::string missing;
  for (size_t i = 0; i < params.size(); ++i) {
    if (bound[i]) continue;
    if (params[i].kind == ParamKind::VarPositional) {
      local->set(params[i].name, Value::sequence(extra, false, call_span));
    } else if (params[i].kind == ParamKind::VarKeyword) {
      local->set(params[i].name, Value{extra_keywords, call_span});
    } else if (params[i].default_value) {
      local->set(params[i].name, eval(params[i].default_value, fn.closure));
    } else if (!args.run_time_splat.empty()) {
      local->set(params[i].name, Value::run_time(args.run_time_splat, call_span));
    } else {
      missing += (missing.empty() ? "'" : ", '") + params[i].name + "'";
    }
  }
  if (!missing.empty()) fail(call_span, name + "() missing required argument(s): " + missing);
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
    case Syntax::GlobalStatement:
    case Syntax::NonlocalStatement:
    case Syntax::DeleteStatement:
    case Syntax::ClassDefinition:
      return {};
    case Syntax::WithStatement:  // `with torch.no_grad():` and the like: the body runs
      return exec_block(stmt.field("body"), scope, where);
    case Syntax::TryStatement:  // the body, as when nothing raises
      return exec_block(stmt.field("body"), scope, where);
    case Syntax::ForStatement: {
      Node right = stmt.field("right");
      Value items = eval(right, scope);
      if (items.is<RunTimeValue>()) fail_run_time(items, "the loop sequence");
      for (const Value& item : iterate(items, right.span())) {
        assign(stmt.field("left"), item, scope);
        Flow flow = exec_block(stmt.field("body"), scope, where);
        if (flow.returned) return flow;
      }
      return {};
    }
    case Syntax::RaiseStatement:
      fail(span, "the definition-time code raises an exception here: " + std::string(stmt.text()));
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
      std::optional<bool> t = decide(eval(cond, scope), cond.span());
      if (*t) return exec_block(stmt.field("consequence"), scope, where);
      for (const Node& alt : stmt.field_children("alternative")) {
        if (alt.is(Syntax::ElseClause)) return exec_block(alt.field("body"), scope, where);
        std::optional<bool> ta = decide(eval(alt.field("condition"), scope), alt.field("condition").span());
        if (*ta) return exec_block(alt.field("consequence"), scope, where);
      }
      return {};
    }
    case Syntax::AssertStatement: {
      std::vector<Node> kids = stmt.children();
      if (kids.empty()) return {};
      std::optional<bool> t = truthiness(eval(kids[0], scope));
      if (t && !*t) {  // undecidable: a check on run-time values, made when the program runs
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
  bool prim = false, macro = false;
  if (node.is(Syntax::DecoratedDefinition)) {
    for (const Node& child : node.children()) {
      if (!child.is(Syntax::Decorator)) continue;
      if (is_prim_func_decorator(child, scope)) prim = true;
      std::vector<Node> kids = child.children();
      std::optional<std::string> path =
          kids.empty() ? std::nullopt
                       : callee_path(kids[0].is(Syntax::Call) ? kids[0].field("function") : kids[0], scope);
      macro |= path && *path == std::string(kTileLang) + ".macro";
    }
    def = node.field("definition");
  }
  if (!def.is(Syntax::FunctionDefinition))
    fail(def.span(), "unsupported Python construct '" + construct_name(def) + "'");
  FunctionValue fn{def, closure ? closure : scope, prim};
  fn.is_macro = macro;
  fn.is_eager_kernel = !prim && !macro && has_kernel_block(def, scope);
  scope->set(function_name(def), Value{fn, def.span()});
}

bool Evaluator::has_kernel_block(const Node& def, Scope* scope) {
  bool found = false;
  walk_preorder(def.field("body"), [&](const Node& n) {
    if (found || n.is(Syntax::FunctionDefinition) || n.is(Syntax::DecoratedDefinition) ||
        n.is(Syntax::ClassDefinition) || n.is(Syntax::Lambda)) {
      return false;
    }
    if (!n.is(Syntax::WithItem)) return true;
    Node value = n.field("value");
    if (value.is(Syntax::AsPattern) && !value.children().empty()) value = value.children()[0];
    if (value.is(Syntax::Call)) {
      std::optional<std::string> path = callee_path(value.field("function"), scope);
      found = path && tile_op_of(*path) == TileOp::Kernel;
    }
    return false;
  });
  return found;
}

bool Evaluator::is_prim_func_decorator(const Node& decorator, Scope* scope) {
  std::vector<Node> kids = decorator.children();
  if (kids.empty()) return false;
  Node expr = kids[0].is(Syntax::Call) ? kids[0].field("function") : kids[0];
  std::optional<std::string> path = callee_path(expr, scope);
  return path && tile_op_of(*path) == TileOp::PrimFunc;
}

namespace {
// TileLang's module under its older name (`import tvm.tl.language as T`, 2024 files).
std::string canonical_module(std::string path) {
  if (path == "tvm.tl.language") return std::string(kTileLang);
  if (path.rfind("tvm.tl.language.", 0) == 0) return std::string(kTileLang) + path.substr(15);
  return path;
}
}  // namespace

void Evaluator::bind_import(const Node& node, Scope* scope) {
  SourceSpan span = node.span();
  for (const Node& child : node.children()) {
    // `from helpers import *`: names it brings are unknown here; they become run-time values.
    if (child.is(Syntax::WildcardImport)) has_wildcard_import_ = true;
  }
  if (node.is(Syntax::ImportStatement)) {
    for (const Node& name : node.field_children("name")) {
      if (name.is(Syntax::AliasedImport)) {
        scope->set(std::string(name.field("alias").text()),
                   Value::name_path(canonical_module(dotted_name(name.field("name"))), span));
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
                 Value::name_path(canonical_module(base + "." + dotted_name(name.field("name"))), span));
    } else {
      scope->set(dotted_name(name), Value::name_path(canonical_module(base + "." + dotted_name(name)), span));
    }
  }
}

namespace {
bool is_target_list(const Node& t) {
  return t.is(Syntax::PatternList) || t.is(Syntax::TuplePattern) || t.is(Syntax::ListPattern) || t.is(Syntax::Tuple) ||
         t.is(Syntax::List) || t.is(Syntax::ExpressionList);
}

std::vector<Value> unpack_items(const Node& target, const Value& value, size_t expected) {
  if (value.is<RunTimeValue>()) {  // `cap_major, cap_minor = torch.cuda.get_device_capability()`
    std::vector<Value> parts;
    for (size_t i = 0; i < expected; ++i) {
      parts.push_back(Value::run_time(value.get<RunTimeValue>().origin + "[" + std::to_string(i) + "]", value.span));
    }
    return parts;
  }
  if (value.is<AbstractTensor>() || value.is<Dict>()) {
    std::optional<std::vector<Value>> items = value.is<Dict>() ? std::optional(value.get<Dict>().keys) : std::nullopt;
    if (!items) {  // `B, S, H = q.shape` is the common form; a tensor itself unpacks its rows
      std::vector<Value> parts;
      for (size_t i = 0; i < expected; ++i)
        parts.push_back(Value::run_time(repr(value) + "[" + std::to_string(i) + "]", value.span));
      return parts;
    }
    return unpack_items(target, Value::sequence(*items, true, value.span), expected);
  }
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
    std::vector<Value> items = unpack_items(target, value, parts.size());
    for (size_t i = 0; i < parts.size(); ++i) assign(parts[i], items[i], scope);
    return;
  }
  if (target.is(Syntax::Attribute)) return;  // object state is run-time (self.x = ...)
  if (target.is(Syntax::Subscript) && target.field("value").is(Syntax::Identifier)) {
    // `config["block_M"] = 64` on a dict bound to a name: rebind the updated copy.
    Node base = target.field("value");
    Value* slot = scope->find(base.text());
    std::vector<Node> keys = target.field_children("subscript");
    if (slot && slot->is<Dict>() && keys.size() == 1) {
      Dict d = slot->get<Dict>();
      Value key = eval(keys[0], scope);
      bool found = false;
      for (size_t i = 0; i < d.keys.size() && !found; ++i) {
        if (truthiness(apply_binary(PyOp::Eq, d.keys[i], key, target.span())).value_or(false)) {
          d.values[i] = value;
          found = true;
        }
      }
      if (!found) {
        d.keys.push_back(key);
        d.values.push_back(value);
      }
      scope->set(std::string(base.text()), Value{std::move(d), slot->span});
      return;
    }
    return;  // element stores into run-time data
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
    std::vector<Value> items = unpack_items(target, value, parts.size());
    std::optional<Value> found;
    for (size_t i = 0; i < parts.size(); ++i) {
      if (std::optional<Value> v = unpack_for(parts[i], items[i], name)) found = v;
    }
    return found;
  }
  return std::nullopt;
}

}  // namespace tt::frontend
