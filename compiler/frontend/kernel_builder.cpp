// Statement-level lowering of a @T.prim_func body. Statement spans are their headers (`for k in
// T.Pipelined(...)`, `with T.Kernel(...) as (bx, by)`), so a printed line maps to one source line.
// Names bound to symbolic values (`row = by * block_M`) are inlined where used, not emitted as lets.
#include "compiler/frontend/kernel_builder.h"

#include <cstdint>
#include <map>
#include <set>

#include "compiler/frontend/builtin_calls.h"
#include "compiler/frontend/frontend_error.h"
#include "compiler/frontend/linear_form.h"
#include "compiler/frontend/python_arith.h"
#include "compiler/frontend/tile_op_lowering.h"
#include "compiler/frontend/tile_ops.h"
#include "compiler/ir/grid_trip_count.h"
#include "compiler/ir/printer.h"

namespace tt::frontend {

namespace {

constexpr int64_t kDefaultThreads = 128;  // TileLang's T.Kernel default

class KernelBuilder {
 public:
  explicit KernelBuilder(Evaluator& ev) : ev_(ev) {}

  ir::PrimFunc build_eager(const FunctionValue& fn, const std::vector<KeywordArg>& args, EagerOrigin origin) {
    const Node& def = fn.def;
    name_ = function_name(def);
    eager_ = true;
    origin_ = origin;
    ir::PrimFunc f;
    f.name = name_;
    f.span = span_between(def, def.field("parameters"));
    params_ = &f.params;
    Scope* scope = ev_.new_scope(fn.closure);
    std::set<std::string> param_names;
    for (const ParamInfo& p : function_params(def)) param_names.insert(p.name);
    for (const KeywordArg& a : args) {
      if (param_names.count(a.name)) {
        scope->set(a.name, a.value);
      } else {
        consts_[a.name] = a;
        const_origin_[a.name] = a.name + "=" + repr(a.value);
      }
    }
    for (const ParamInfo& p : function_params(def)) {
      if (scope->find_local(p.name)) continue;
      if (p.kind == ParamKind::VarPositional) {
        scope->set(p.name, Value::sequence({}, false, p.node.span()));
      } else if (p.kind == ParamKind::VarKeyword) {
        scope->set(p.name, Value{Dict{}, p.node.span()});
      } else {
        // A tensor parameter is declared by its annotation in the body; any other use is unbound.
        Diagnostic d{Severity::Error,
                     p.node.span(),
                     "parameter '" + p.name + "' of '" + name_ + "' has no value: " +
                         (origin.autotuned ? "@autotune chooses it when the program runs; give it"
                                           : "pass it to " + name_ + ".compile(" + p.name + "=...) or give it") +
                         " with -D " + p.name + "=<value>",
                     {},
                     {}};
        d.category =
            origin.autotuned || !origin.called ? DiagnosticCategory::Unsupported : DiagnosticCategory::Frontend;
        scope->set(p.name, Value{Poison{std::make_shared<Diagnostic>(std::move(d))}, p.node.span()});
      }
    }
    bind_consts_from_tensors(def.field("body"), scope);

    std::vector<ir::Stmt> body;
    lower_block(def.field("body"), scope, body);
    if (kernels_ == 0) fail(def.field("name").span(), "kernel '" + name_ + "' has no 'with T.Kernel(...)' block");
    f.body = body.size() == 1 ? body[0] : ir::seq(std::move(body), def.field("body").span());
    return f;
  }

  ir::PrimFunc build(const FunctionValue& fn) {
    const Node& def = fn.def;
    name_ = function_name(def);
    ir::PrimFunc f;
    f.name = name_;
    f.span = span_between(def, def.field("parameters"));
    Scope* scope = ev_.new_scope(fn.closure);
    for (const ParamInfo& p : function_params(def)) f.params.push_back(param_buffer(p, fn.closure, scope));

    std::vector<ir::Stmt> body;
    lower_block(def.field("body"), scope, body);
    if (kernels_ == 0) {
      fail(def.field("name").span(), "@T.prim_func '" + name_ + "' has no 'with T.Kernel(...)' block");
    }
    f.body = body.size() == 1 ? body[0] : ir::seq(std::move(body), def.field("body").span());
    return f;
  }

 private:
  ir::Buffer param_buffer(const ParamInfo& p, Scope* closure, Scope* scope) {
    SourceSpan span = p.node.span();
    if (scope->find_local(p.name)) fail(span, "duplicate argument '" + p.name + "' in function definition");
    if (p.default_value)
      fail(p.default_value.span(), "parameter '" + p.name + "' of a @T.prim_func cannot have a default");
    if (!p.annotation) {
      fail(span,
           "parameter '" + p.name + "' of @T.prim_func '" + name_ + "' needs a T.Tensor((shape), dtype) annotation");
    }
    auto [shape, dtype] = tensor_type(p.annotation, closure, "parameter '" + p.name + "'", p.name);
    ir::Buffer buffer = ir::make_buffer(p.name, std::move(shape), dtype, ir::MemScope::Global, span);
    scope->set(p.name, Value::buffer(buffer, span));
    return buffer;
  }

  void require_kernel(SourceSpan span, const std::string& what) {
    if (!in_kernel_) fail(span, what + " must be inside 'with T.Kernel(...)'");
  }

  std::string where() const { return (eager_ ? "kernel '" : "@T.prim_func '") + name_ + "'"; }

  void lower_block(const Node& block, Scope* scope, std::vector<ir::Stmt>& out) {
    for (const Node& stmt : block.children()) lower_statement(stmt, scope, out);
  }

  void lower_statement(const Node& stmt, Scope* scope, std::vector<ir::Stmt>& out) {
    Evaluator::Nesting guard(ev_, stmt, "statement");
    switch (stmt.kind()) {
      case Syntax::ExpressionStatement:
        for (const Node& e : stmt.children()) {
          if (e.is(Syntax::String) || e.is(Syntax::ConcatenatedString)) continue;  // docstring
          if (e.is(Syntax::Assignment)) {
            lower_assignment(e, scope, out);
          } else if (e.is(Syntax::AugmentedAssignment)) {
            lower_augmented(e, scope, out);
          } else if (e.is(Syntax::Call)) {
            lower_call(e, scope, out);
          } else {
            fail(e.span(),
                 "unsupported statement in " + where() + ": expected a T.* operation, an assignment or a loop");
          }
        }
        return;
      case Syntax::WithStatement:
        lower_with(stmt, scope, out);
        return;
      case Syntax::ForStatement:
        out.push_back(lower_for(stmt, scope));
        return;
      case Syntax::IfStatement:
        lower_if(stmt, scope, out);
        return;
      case Syntax::PassStatement:
        return;
      case Syntax::AssertStatement:
        check_assert(stmt, scope);
        return;
      case Syntax::ReturnStatement:
        lower_return(stmt, scope);
        return;
      case Syntax::ImportStatement:
      case Syntax::ImportFromStatement:
        ev_.bind_import(stmt, scope);
        return;
      default:
        break;
    }
    if (stmt.is(Syntax::WhileStatement) || stmt.is(Syntax::BreakStatement) || stmt.is(Syntax::ContinueStatement)) {
      fail(
          stmt.span(),
          "'" + construct_name(stmt) + "' in a kernel (data-dependent control flow) is not lowered for Tenstorrent yet",
          DiagnosticCategory::Unsupported);
    }
    fail(stmt.span(), "unsupported Python construct '" + construct_name(stmt) + "' in " + where());
  }

  std::optional<TileOp> callee_op(const Node& call, Scope* scope) {
    Node function = call.field("function");
    // `x.astype(dtype)` is a method of a kernel value (evaluated with the call), never a T.* op.
    if (function.is(Syntax::Attribute) && function.field("attribute").text() == "astype") return std::nullopt;
    Value callee = ev_.eval(function, scope);
    if (callee.is<Namespace>()) return tile_op_of(callee.get<Namespace>().path);
    return std::nullopt;
  }

  void lower_call(const Node& call, Scope* scope, std::vector<ir::Stmt>& out) {
    SourceSpan span = call.span();
    std::string shown(call.field("function").text());
    std::optional<TileOp> op = callee_op(call, scope);
    if (op && reduce_kind_of(*op)) {
      require_kernel(span, shown);
      out.push_back(lower_reduce(*op, ev_.eval_arguments(call, scope), span));
      return;
    }
    if (op == TileOp::Cumsum || op == TileOp::Cummax) {
      require_kernel(span, shown);
      reject_scan(*op, ev_.eval_arguments(call, scope), span);
    }
    if (op == TileOp::Copy || op == TileOp::Gemm || op == TileOp::Fill || op == TileOp::Clear) {
      require_kernel(span, shown);
      CallArgs args = ev_.eval_arguments(call, scope);
      if (op == TileOp::Gemm) drop_gemm_policy(args);
      if (op == TileOp::Copy) drop_copy_hints(args);
      if (op == TileOp::Copy) out.push_back(lower_copy(args, span));
      if (op == TileOp::Gemm) out.push_back(lower_gemm(args, span));
      if (op == TileOp::Fill || op == TileOp::Clear) out.push_back(lower_fill(*op, args, span));
      return;
    }
    std::optional<std::string> path = ev_.callee_path(call.field("function"), scope);
    if (path && Evaluator::is_classified_member(*path)) {
      ev_.use_classified_member(*path, span);  // returns for a GPU hint, which is dropped
      return;
    }
    Value callee = ev_.eval(call.field("function"), scope);
    if (callee.is<FunctionValue>() && !callee.get<FunctionValue>().is_prim_func &&
        (callee.get<FunctionValue>().is_macro || !callee.get<FunctionValue>().is_eager_kernel)) {
      // A @T.macro (or any helper) called as a statement is inlined, as TileLang does.
      const FunctionValue& fn = callee.get<FunctionValue>();
      CallArgs args = ev_.eval_arguments(call, scope);
      Scope* local = ev_.new_scope(fn.closure);
      ev_.bind_parameters(fn, args, span, local);
      if (fn.def.is(Syntax::Lambda)) {
        ev_.eval(fn.def.field("body"), local);
        return;
      }
      lower_block(fn.def.field("body"), local, out);
      return;
    }
    if (callee.is<RunTimeValue>() || (callee.is<Namespace>() && tile_member(callee.get<Namespace>().path).empty() &&
                                      callee.get<Namespace>().path.rfind(kBuiltinPrefix, 0) != 0)) {
      fail(span,
           "'" + shown +
               "(...)' is not a TileLang operation: calls into Python objects and other libraries "
               "inside a kernel are not lowered for Tenstorrent",
           DiagnosticCategory::Unsupported);
    }
    // Anything else as a statement is an error; evaluating it first gives the specific message
    // (unknown T.* member, "T.Kernel can only be used as 'with ...'", undefined name, ...).
    ev_.eval(call, scope);
    fail(span, "unsupported call '" + shown + "(...)' in " + where() + ": only T.* operations can be statements");
  }

  void lower_assignment(const Node& a, Scope* scope, std::vector<ir::Stmt>& out) {
    SourceSpan span = a.span();
    Node left = a.field("left");
    Node right = a.field("right");
    if (a.field("type") && !right && eager_) {
      lower_tensor_declaration(a, scope);
      return;
    }
    if (a.field("type") && !right) fail(span, "unsupported Python construct 'annotated assignment' in " + where());
    if (!right) fail(span, "invalid syntax");
    if (std::optional<TileOp> op = call_op(right, scope)) {
      if ((*op == TileOp::Const || *op == TileOp::Dynamic) && eager_) return lower_symbols(*op, left, right, scope);
      if (*op == TileOp::Empty) return lower_empty(left, right, scope);
    }
    if (right.is(Syntax::Assignment)) {  // `a = b = value`: one value, every target
      std::vector<Node> targets{left};
      while (right.is(Syntax::Assignment)) {
        targets.push_back(right.field("left"));
        right = right.field("right");
      }
      Value value = ev_.eval(right, scope);
      for (const Node& t : targets) {
        if (t.is(Syntax::Subscript)) {
          out.push_back(lower_store(t, value, std::nullopt, span, scope));
        } else {
          ev_.assign(t, value, scope);
        }
      }
      return;
    }
    if (right.is(Syntax::Call)) {
      std::optional<TileOp> op = callee_op(right, scope);
      if (op == TileOp::AllocVar) {
        if (!left.is(Syntax::Identifier)) fail(left.span(), "'T.alloc_var' must be assigned to a single name");
        require_kernel(span, "T.alloc_var");
        ir::Buffer buffer;
        ir::Expr init;
        std::string name(left.text());
        out.push_back(lower_alloc_var(name, ev_.eval_arguments(right, scope), span, buffer, init));
        if (init) out.push_back(ir::make_store(buffer, {ir::int_imm(0, span)}, init, span));
        IndexItem element{false, ir::int_imm(0, left.span()), nullptr, left.span()};
        scope->set(name, Value{BufferAccess{buffer, {element}, true}, left.span()});
        return;
      }
      if (op == TileOp::AllocShared || op == TileOp::AllocFragment || op == TileOp::AllocLocal) {
        std::string shown(right.field("function").text());
        if (!left.is(Syntax::Identifier)) fail(left.span(), "'" + shown + "' must be assigned to a single name");
        require_kernel(span, shown);
        ir::Buffer buffer;
        out.push_back(lower_alloc(*op, std::string(left.text()), ev_.eval_arguments(right, scope), span, buffer));
        scope->set(std::string(left.text()), Value::buffer(buffer, left.span()));
        return;
      }
    }
    Value value = ev_.eval(right, scope);
    if (left.is(Syntax::Subscript)) {
      out.push_back(lower_store(left, value, std::nullopt, span, scope));
      return;
    }
    if (const BufferAccess* var = var_binding(left, scope)) {
      out.push_back(ir::make_store(var->buffer, {ir::int_imm(0, span)}, to_expr(value, "the value assigned"), span));
      return;
    }
    ev_.assign(left, value, scope);
  }

  void lower_augmented(const Node& a, Scope* scope, std::vector<ir::Stmt>& out) {
    SourceSpan span = a.span();
    Node left = a.field("left");
    std::string op_text(a.field("operator").text());
    std::optional<PyOp> op = parse_py_op(op_text.substr(0, op_text.size() - 1));
    if (!op) fail(span, "unsupported operator '" + op_text + "'");
    Value rhs = ev_.eval(a.field("right"), scope);
    if (left.is(Syntax::Subscript)) {
      out.push_back(lower_store(left, rhs, op, span, scope));
      return;
    }
    if (!left.is(Syntax::Identifier)) fail(left.span(), "cannot assign to '" + std::string(left.text()) + "'");
    Value current = ev_.lookup(left.text(), scope, left.span());
    if (const BufferAccess* var = var_binding(left, scope)) {
      Value updated = apply_binary(*op, current, rhs, span);
      out.push_back(ir::make_store(var->buffer, {ir::int_imm(0, span)}, to_expr(updated, "the value assigned"), span));
      return;
    }
    scope->set(std::string(left.text()), apply_binary(*op, current, rhs, span));
  }

  // The T.alloc_var buffer a plain name stands for (assigning to the name stores into it), or null.
  static const BufferAccess* var_binding(const Node& target, Scope* scope) {
    if (!target.is(Syntax::Identifier)) return nullptr;
    const Value* v = scope->find(target.text());
    if (!v || !v->is<BufferAccess>() || !v->get<BufferAccess>().is_var) return nullptr;
    return &v->get<BufferAccess>();
  }

  // `buf[i, j] = value` or `buf[i, j] op= value`.
  ir::Stmt lower_store(const Node& target, const Value& rhs, std::optional<PyOp> op, SourceSpan span, Scope* scope) {
    Value access = ev_.eval(target, scope);
    if (!access.is<BufferAccess>()) {
      fail(target.span(), "cannot assign to an element of a " + type_name(ev_.eval(target.field("value"), scope)));
    }
    require_kernel(span, "a buffer store");
    const BufferAccess& a = access.get<BufferAccess>();
    for (const IndexItem& idx : a.indices) {
      if (idx.is_slice) fail(idx.span, "slice assignment is not supported; use T.copy or T.fill for regions");
    }
    ir::Expr load = to_expr(access, "the store target");  // checks the index count
    Value value = op ? apply_binary(*op, Value::expr(load, target.span()), rhs, span) : rhs;
    return ir::make_store(a.buffer, ir::as<ir::BufferLoadNode>(load)->indices, to_expr(value, "the stored value"),
                          span);
  }

  static std::vector<Node> with_items(const Node& with) {
    for (const Node& c : with.children()) {
      if (c.is(Syntax::WithClause)) return c.children();
    }
    return {};
  }

  void lower_with(const Node& with, Scope* scope, std::vector<ir::Stmt>& out) {
    std::vector<Node> items = with_items(with);
    if (!items.empty() && raw_if_frame(items[0], scope)) {
      lower_frames(items, 0, with.field("body"), scope, out);
      return;
    }
    out.push_back(lower_kernel(with, scope));
  }

  // --- TVM script's raw TIR if -------------------------------------------------------------------
  // `with T.If(cond):` holding `with T.Then():` and optionally `with T.Else():` builds, in TVM's
  // IRBuilder (src/script/ir_builder/tir/frame.cc), the IfThenElse a Python `if cond: ... else:`
  // builds; so it lowers to the same IfNode here, folded like `if` when the condition is known at
  // definition time. TVM's rules, each a located error: T.Then/T.Else only directly inside T.If,
  // T.Else after T.Then, each at most once, a T.Then required, nothing else inside T.If.
  // `with A, B:` is `with A: with B:`, so `with T.If(c), T.Then():` is an if without else.

  struct FrameItem {
    Node call, alias;
  };
  static FrameItem frame_item(const Node& item) {
    Node value = item.field("value");
    if (value.is(Syntax::AsPattern)) {
      return {value.children().empty() ? Node() : value.children()[0], value.field("alias")};
    }
    return {value, Node()};
  }

  // T.If, T.Then or T.Else when the `with` item opens one of them.
  std::optional<TileOp> raw_if_frame(const Node& item, Scope* scope) {
    Node call = frame_item(item).call;
    if (!call.is(Syntax::Call)) return std::nullopt;
    std::optional<std::string> path = ev_.callee_path(call.field("function"), scope);  // never throws
    std::optional<TileOp> op = path ? tile_op_of(*path) : std::nullopt;
    if (op == TileOp::If || op == TileOp::Then || op == TileOp::Else) return op;
    return std::nullopt;
  }

  [[noreturn]] void fail_with_note(SourceSpan span, std::string message, SourceSpan note_span, std::string note) {
    Diagnostic d{Severity::Error, span, std::move(message), {}, {}};
    d.notes.push_back(Diagnostic{Severity::Note, note_span, std::move(note), {}, {}});
    throw FrontendError{std::move(d)};
  }

  // Lowers items[i], items[i+1], ... (each nested in the one before) around `body`.
  void lower_frames(const std::vector<Node>& items, size_t i, const Node& body, Scope* scope,
                    std::vector<ir::Stmt>& out) {
    if (i == items.size()) {
      lower_block(body, scope, out);
      return;
    }
    Node call = frame_item(items[i]).call;
    std::optional<TileOp> op = raw_if_frame(items[i], scope);
    if (!op) {
      fail(items[i].span(), "'with " + std::string(items[i].text()) +
                                "' cannot follow a T.If / T.Then / T.Else in the same 'with': only T.If(cond), "
                                "T.Then() and T.Else() nest this way");
    }
    if (*op != TileOp::If) {
      std::string shown(call.field("function").text());
      fail(call.span(), "'with " + shown + "()' must be directly inside 'with T.If(cond):' (" +
                            (*op == TileOp::Then ? "T.Then() is its true branch" : "T.Else() is its false branch") +
                            ")");
    }
    lower_raw_if(items, i, body, scope, out);
  }

  struct RawBranch {
    bool present = false;
    SourceSpan at;    // the `T.Then()` / `T.Else()` call
    SourceSpan body;  // what the branch holds
    std::vector<ir::Stmt> stmts;
  };

  // items[j] is `T.Then()` or `T.Else()`: check it and lower what it holds into `branch`.
  void lower_raw_branch(const std::vector<Node>& items, size_t j, const Node& body, Scope* scope, RawBranch& branch) {
    auto [call, alias] = frame_item(items[j]);
    std::optional<TileOp> op = raw_if_frame(items[j], scope);
    std::string shown(call.field("function").text());
    if (alias)
      fail(alias.span(), "'with " + shown + "()' binds no name: remove 'as " + std::string(alias.text()) + "'");
    bind_arguments(tile_op_signature(*op), ev_.eval_arguments(call, scope));
    branch.present = true;
    branch.at = call.span();
    branch.body = j + 1 < items.size() ? items[j + 1].span() : body.span();
    // Names a branch binds stay in it, as TVM's frames scope them (a Python if's would leak).
    lower_frames(items, j + 1, body, ev_.new_scope(scope), branch.stmts);
  }

  void lower_raw_if(const std::vector<Node>& items, size_t i, const Node& body, Scope* scope,
                    std::vector<ir::Stmt>& out) {
    auto [call, alias] = frame_item(items[i]);
    // The statement's header, `with T.If(cond)`, like `if cond` of a Python if.
    SourceSpan header = i == 0 ? span_between(items[i].parent().parent(), call) : call.span();
    std::string shown(call.field("function").text());
    require_kernel(header, shown);
    if (alias)
      fail(alias.span(), "'with " + shown + "(...)' binds no name: remove 'as " + std::string(alias.text()) + "'");
    auto bound = bind_arguments(tile_op_signature(TileOp::If), ev_.eval_arguments(call, scope));
    const Value& cond = *bound[0];
    if (cond.is<RunTimeValue>()) fail_run_time(cond, "this condition");

    RawBranch then_branch, else_branch;
    auto outside = [&](SourceSpan at) {
      fail_with_note(at,
                     "a statement directly inside 'with " + shown +
                         "(...)' must be in its 'with T.Then():' or 'with T.Else():' branch",
                     call.span(), "the T.If is here");
    };
    auto branch_of = [&](TileOp op, SourceSpan at) -> RawBranch& {
      if (op == TileOp::Then) {
        if (then_branch.present)
          fail_with_note(at, "a second 'with T.Then():' in the same T.If", then_branch.at, "the first T.Then is here");
        return then_branch;
      }
      if (!then_branch.present)
        fail_with_note(at, "'with T.Else():' must follow the 'with T.Then():' of its T.If", call.span(),
                       "the T.If is here");
      if (else_branch.present)
        fail_with_note(at, "a second 'with T.Else():' in the same T.If", else_branch.at, "the first T.Else is here");
      return else_branch;
    };
    if (i + 1 < items.size()) {
      std::optional<TileOp> op = raw_if_frame(items[i + 1], scope);
      if (!op || *op == TileOp::If) outside(items[i + 1].span());
      lower_raw_branch(items, i + 1, body, scope, branch_of(*op, frame_item(items[i + 1]).call.span()));
    } else {
      for (const Node& stmt : body.children()) {
        if (stmt.is(Syntax::PassStatement)) continue;
        std::vector<Node> inner = stmt.is(Syntax::WithStatement) ? with_items(stmt) : std::vector<Node>{};
        std::optional<TileOp> op = inner.empty() ? std::nullopt : raw_if_frame(inner[0], scope);
        if (!op || *op == TileOp::If) outside(inner.empty() ? stmt.span() : span_between(stmt, inner.back()));
        lower_raw_branch(inner, 0, stmt.field("body"), scope, branch_of(*op, frame_item(inner[0]).call.span()));
      }
    }
    if (!then_branch.present) {
      fail(header, "'with " + shown + "(...)' has no 'with T.Then():' branch (TVM requires one; T.Else() is optional)");
    }

    if (std::optional<bool> t = truthiness(cond)) {  // decided at definition time, like a Python if
      std::vector<ir::Stmt>& taken = *t ? then_branch.stmts : else_branch.stmts;
      for (ir::Stmt& s : taken) out.push_back(std::move(s));
      return;
    }
    ir::Stmt else_body = else_branch.stmts.empty() ? nullptr : ir::seq(std::move(else_branch.stmts), else_branch.body);
    out.push_back(ir::make_if(to_expr(cond, "the condition"), ir::seq(std::move(then_branch.stmts), then_branch.body),
                              else_body, header));
  }

  ir::Stmt lower_kernel(const Node& with, Scope* scope) {
    Node clause;
    for (const Node& c : with.children()) {
      if (c.is(Syntax::WithClause)) clause = c;
    }
    SourceSpan header = span_between(with, clause);
    std::vector<Node> items = clause.children();
    // `with T.Kernel(...) as bx, other(...)`: the extra items are other libraries' regions.
    for (size_t i = 1; i < items.size(); ++i) {
      if (raw_if_frame(items[i], scope)) continue;  // `with T.Kernel(...) as bx, T.If(c), T.Then():`
      Node extra = items[i].field("value");
      if (extra.is(Syntax::AsPattern) && !extra.children().empty()) extra = extra.children()[0];
      fail(extra.span(),
           "'with " + std::string(extra.text()) +
               "' is not a TileLang construct: other libraries' "
               "regions inside a kernel are not lowered for Tenstorrent",
           DiagnosticCategory::Unsupported);
    }
    Node value = items.empty() ? Node() : items[0].field("value");
    Node call = value, alias;
    if (value.is(Syntax::AsPattern)) {
      call = value.children().empty() ? Node() : value.children()[0];
      alias = value.field("alias");
    }
    std::optional<TileOp> op;
    if (call.is(Syntax::Call)) op = callee_op(call, scope);
    if (op != TileOp::Kernel && call.is(Syntax::Call)) {
      std::optional<std::string> path = ev_.callee_path(call.field("function"), scope);
      if (path && Evaluator::is_classified_member(*path)) ev_.use_classified_member(*path, header);
      if (path && tile_member(*path).empty() && path->rfind(kBuiltinPrefix, 0) != 0) {
        fail(header,
             "'with " + std::string(call.text()) +
                 "' is not a TileLang construct: other libraries' regions "
                 "inside a kernel are not lowered for Tenstorrent",
             DiagnosticCategory::Unsupported);
      }
    }
    if (op != TileOp::Kernel) {
      fail(header, "unsupported 'with' statement in " + where() + ": only 'with T.Kernel(...) as ...' is supported");
    }
    if (in_kernel_) fail(header, "nested T.Kernel is not supported");
    if (kernels_ > 0) fail(header, "only one T.Kernel per @T.prim_func is supported", DiagnosticCategory::Unsupported);

    CallArgs args = ev_.eval_arguments(call, scope);
    if (args.positional.empty() || args.positional.size() > 3) {
      fail(call.span(), "T.Kernel expects 1 to 3 grid dimensions, got " + std::to_string(args.positional.size()));
    }
    std::vector<int64_t> grid;
    for (size_t d = 0; d < args.positional.size(); ++d) {
      grid.push_back(positive_constant(args.positional[d], "T.Kernel grid dimension " + std::to_string(d)));
    }
    int64_t threads = kDefaultThreads;
    for (const KeywordArg& kw : args.keywords) {
      if (kw.name == "threads") {
        threads = 1;  // `threads=(32, 4)`: a 2-D thread block
        for (const Value& t : kw.value.is<Sequence>() ? kw.value.get<Sequence>().items : std::vector<Value>{kw.value})
          threads *= positive_constant(t, "T.Kernel threads");
        ev_.note_hint(
            "threads", kw.span,
            "T.Kernel(threads=" + std::to_string(threads) + ") is a GPU thread-block size: ignored on Tenstorrent");
      } else if (kw.name == "is_cpu" && kw.value.is<bool>() && !kw.value.get<bool>()) {
      } else if (kw.name == "prelude" && kw.value.is<NoneValue>()) {
      } else if (kw.name == "prelude" && kw.value.is<std::string>()) {
        ev_.note_hint("T.Kernel.prelude", kw.span, "T.Kernel(prelude=...) is CUDA source code: ignored on Tenstorrent");
      } else if (kw.name == "is_cpu" || kw.name == "prelude") {
        fail(kw.span, "unsupported T.Kernel argument " + kw.name + "=" + repr(kw.value));
      } else {
        fail(kw.span, "T.Kernel got an unexpected keyword argument '" + kw.name + "'");
      }
    }

    std::vector<Node> names;
    if (alias) names = target_names(alias.children().empty() ? alias : alias.children()[0], "T.Kernel");
    if (alias && names.size() != grid.size()) {
      fail(alias.span(), "T.Kernel has " + std::to_string(grid.size()) + " grid dimension" +
                             (grid.size() == 1 ? "" : "s") + " but 'as' binds " + std::to_string(names.size()) +
                             " name" + (names.size() == 1 ? "" : "s"));
    }
    static const char* kDefaultNames[] = {"bx", "by", "bz"};
    std::vector<ir::Var> vars;
    for (size_t d = 0; d < grid.size(); ++d) {
      if (alias) {
        vars.push_back(ir::make_var(std::string(names[d].text()), names[d].span()));
        scope->set(std::string(names[d].text()), Value::expr(vars.back(), names[d].span()));
      } else {
        vars.push_back(ir::make_var(kDefaultNames[d], header));
      }
    }
    in_kernel_ = true;
    ++kernels_;
    for (size_t d = 0; d < grid.size(); ++d) grid_dims_.push_back(ir::GridDim{vars[d].get(), grid[d]});
    std::vector<ir::Stmt> body;
    lower_frames(items, 1, with.field("body"), scope, body);  // the body, inside any T.If items after T.Kernel
    in_kernel_ = false;
    grid_dims_.clear();
    return ir::make_kernel(std::move(grid), std::move(vars), threads,
                           ir::seq(std::move(body), with.field("body").span()), header);
  }

  int64_t positive_constant(const Value& v, const std::string& what) {
    if (v.is<RunTimeValue>()) fail_run_time(v, what);
    std::optional<int64_t> c = v.is<bool>() || v.is<double>() ? std::nullopt : as_integer(v);
    if (!c && (v.is<ir::Expr>() || v.is<BufferAccess>())) {
      fail(v.span, what + " must be constant after substituting the factory parameters, got '" + repr(v) + "'");
    }
    if (!c) fail(v.span, what + " must be an integer, got " + type_name(v) + " " + repr(v));
    if (*c <= 0) fail(v.span, what + " must be positive, got " + std::to_string(*c));
    return *c;
  }

  // Loop / kernel targets: `k`, `i, j`, `(i, j)`.
  std::vector<Node> target_names(const Node& target, const std::string& what) {
    std::vector<Node> names;
    if (target.is(Syntax::Identifier)) return {target};
    bool list = target.is(Syntax::PatternList) || target.is(Syntax::TuplePattern) || target.is(Syntax::Tuple) ||
                target.is(Syntax::ListPattern) || target.is(Syntax::List) || target.is(Syntax::ParenthesizedExpression);
    if (list) {
      for (const Node& n : target.children()) {
        if (!n.is(Syntax::Identifier))
          fail(n.span(), what + " variables must be plain names, got '" + std::string(n.text()) + "'");
        names.push_back(n);
      }
      return names;
    }
    fail(target.span(), what + " variables must be plain names, got '" + std::string(target.text()) + "'");
  }

  ir::Stmt lower_for(const Node& loop, Scope* scope) {
    Node left = loop.field("left");
    Node right = loop.field("right");
    SourceSpan header = span_between(loop, right);
    if (loop.field("alternative")) fail(header, "unsupported Python construct 'for ... else' in " + where());
    require_kernel(header, "a loop");
    const std::string expected = "expected T.Pipelined, T.Parallel, T.serial, T.unroll or range";
    if (!right.is(Syntax::Call))
      fail(right.span(), "unsupported loop iterator '" + std::string(right.text()) + "': " + expected);
    std::string shown(right.field("function").text());
    Value callee = ev_.eval(right.field("function"), scope);
    std::string path = callee.is<Namespace>() ? callee.get<Namespace>().path : "";
    if (Evaluator::is_classified_member(path)) ev_.use_classified_member(path, right.span());
    std::optional<TileOp> op = tile_op_of(path);
    bool is_range = path == "builtins.range";
    if (!is_range && op != TileOp::Pipelined && op != TileOp::Serial && op != TileOp::Parallel &&
        op != TileOp::Unroll) {
      fail(right.span(), "unsupported loop iterator '" + shown + "(...)': " + expected);
    }
    CallArgs args = ev_.eval_arguments(right, scope);
    std::vector<Node> names = target_names(left, "loop");

    std::vector<Bounds> dims;
    ir::ForKind kind = ir::ForKind::Serial;
    int stages = 0;
    if (op == TileOp::Parallel) {
      kind = ir::ForKind::Parallel;
      if (!args.keywords.empty())
        fail(args.keywords[0].span, "T.Parallel got an unexpected keyword argument '" + args.keywords[0].name + "'");
      if (args.positional.empty()) fail(right.span(), "T.Parallel expects at least 1 extent, got 0");
      for (const Value& e : args.positional) {
        dims.push_back(bounds(ir::int_imm(0, e.span), &e, right));
        if (!ir::as_int(dims.back().extent)) {
          fail(e.span,
               "a T.Parallel extent must be constant, got '" + ir::print_expr(dims.back().extent) +
                   "': a T.Parallel map spans a whole on-chip block, whose shape is fixed",
               DiagnosticCategory::Unsupported);
        }
      }
      if (names.size() != dims.size()) {
        fail(left.span(), "T.Parallel has " + std::to_string(dims.size()) + " extent" + (dims.size() == 1 ? "" : "s") +
                              " but the loop binds " + std::to_string(names.size()) + " variable" +
                              (names.size() == 1 ? "" : "s"));
      }
    } else {
      std::optional<Value> start, stop, step;
      if (is_range) {
        if (!args.keywords.empty()) fail(args.keywords[0].span, "range() takes no keyword arguments");
        if (args.positional.empty() || args.positional.size() > 3) {
          fail(right.span(), "range " + expects_arguments(1, 3) + ", got " + std::to_string(args.positional.size()));
        }
        start = args.positional[0];
        if (args.positional.size() > 1) stop = args.positional[1];
        if (args.positional.size() > 2) step = args.positional[2];
      } else {
        auto bound = bind_arguments(tile_op_signature(*op), args);
        start = bound[0];
        stop = bound[1];
        if (op == TileOp::Pipelined) {
          kind = ir::ForKind::Pipelined;
          if (bound[2]) {
            std::optional<int64_t> s =
                bound[2]->is<int64_t>() ? std::optional<int64_t>(bound[2]->get<int64_t>()) : std::nullopt;
            if (!s || *s < 0 || *s > 64)
              fail(bound[2]->span, "num_stages must be an integer from 0 to 64, got " + repr(*bound[2]));
            stages = static_cast<int>(*s);
          }
          const char* unsupported[] = {"order", "stage", "sync", "group"};
          for (size_t i = 0; i < 4; ++i) {
            if (bound[3 + i] && !bound[3 + i]->is<NoneValue>()) {
              ev_.note_hint(std::string("T.Pipelined.") + unsupported[i], bound[3 + i]->span,
                            std::string("T.Pipelined(") + unsupported[i] +
                                "=...) is a GPU warp-specialization schedule: ignored on Tenstorrent");
            }
          }
        } else {
          kind = op == TileOp::Unroll ? ir::ForKind::Unrolled : ir::ForKind::Serial;
          step = bound[2];
        }
      }
      if (step && !(step->is<int64_t>() && step->get<int64_t>() == 1)) {
        fail(step->span, "unsupported loop step " + repr(*step) + ": only a step of 1 is supported");
      }
      if (names.size() != 1) fail(left.span(), shown + " binds one loop variable, got " + std::to_string(names.size()));
      if (stop) {
        dims.push_back(bounds(to_expr(integer(*start, "loop start"), "loop start"), &*stop, right));
      } else {
        dims.push_back(bounds(ir::int_imm(0, start->span), &*start, right));
      }
    }

    std::vector<ir::Var> vars;
    for (const Node& n : names) {
      vars.push_back(ir::make_var(std::string(n.text()), n.span()));
      scope->set(std::string(n.text()), Value::expr(vars.back(), n.span()));
    }
    std::vector<ir::Stmt> stmts;
    lower_block(loop.field("body"), scope, stmts);
    ir::Stmt body = ir::seq(std::move(stmts), loop.field("body").span());
    for (size_t i = vars.size(); i-- > 0;) {
      body = ir::make_for(vars[i], dims[i].min, dims[i].extent, kind, stages, body, header);
    }
    return body;
  }

  const Value& integer(const Value& v, const std::string& what) {
    if (v.is<RunTimeValue>()) fail_run_time(v, what);
    bool ok = v.is<int64_t>() || v.is<ir::Expr>() || v.is<BufferAccess>();
    if (!ok) fail(v.span, what + " must be an integer, got " + type_name(v) + " " + repr(v));
    return v;
  }

  // [min, stop) with a positive trip count: a constant, or an integer expression of the T.Kernel's
  // block indices (causal attention's KV loop runs T.min(n, T.ceildiv((bx + 1) * block_M, block_N))
  // times). Such a count is checked at every block: the device kernels compute it per block, and
  // passes that need one number use its largest value (ir/grid_trip_count.h).
  struct Bounds {
    ir::Expr min;
    ir::Expr extent;
  };
  Bounds bounds(ir::Expr min, const Value* stop, const Node& iterator) {
    ir::Expr hi = to_expr(integer(*stop, "a loop bound"), "a loop bound");
    if (std::optional<int64_t> extent = constant_difference(hi, min)) {
      check_trip_count(*extent, *extent, iterator, "");
      return Bounds{min, ir::int_imm(*extent, iterator.span())};
    }
    ir::Expr extent = ir::sub(hi, min, iterator.span());
    std::string why;
    std::optional<ir::TripRange> range = ir::trip_range_over_grid(extent, grid_dims_, why);
    if (!range) {
      Diagnostic d{Severity::Error,
                   iterator.span(),
                   "the trip count of this loop must be constant after substituting the factory parameters, got '" +
                       ir::print_expr(extent) + "' (loops with a data-dependent trip count are not lowered yet)",
                   {},
                   {}};
      d.category = DiagnosticCategory::Unsupported;
      d.notes.push_back(Diagnostic{Severity::Note,
                                   iterator.span(),
                                   "a trip count may be an integer expression of the T.Kernel block indices and "
                                   "constants, but " +
                                       why,
                                   {},
                                   {}});
      throw FrontendError{std::move(d)};
    }
    check_trip_count(range->min, range->max, iterator, " at some block");
    return Bounds{min, extent};
  }

  // Every block's count is positive (a loop some block skips would leave its accumulator's pack and the
  // writer's wait unmatched) and fits the device's 32-bit loop counter.
  void check_trip_count(int64_t least, int64_t most, const Node& iterator, const std::string& where) {
    if (least <= 0) {
      fail(iterator.span(), "this loop has no iterations" + where + ": its trip count is " + std::to_string(least),
           where.empty() ? DiagnosticCategory::Frontend : DiagnosticCategory::Unsupported);
    }
    // Device kernels count loops in uint32_t (codegen), so a longer loop would never end there.
    if (most > int64_t{UINT32_MAX}) {
      fail(iterator.span(),
           "this loop has " + std::to_string(most) + " iterations" + where +
               ": more than the 4294967295 a 32-bit device loop counter can run",
           DiagnosticCategory::Target);
    }
  }

  void lower_if(const Node& stmt, Scope* scope, std::vector<ir::Stmt>& out) {
    struct Branch {
      Node cond, body;
      SourceSpan header;
    };
    std::vector<Branch> chain{
        {stmt.field("condition"), stmt.field("consequence"), span_between(stmt, stmt.field("condition"))}};
    for (const Node& alt : stmt.field_children("alternative")) {
      if (alt.is(Syntax::ElseClause)) {
        chain.push_back({Node(), alt.field("body"), alt.span()});
      } else {
        chain.push_back({alt.field("condition"), alt.field("consequence"), span_between(alt, alt.field("condition"))});
      }
    }
    lower_chain(chain, 0, scope, out);
  }

  template <typename Branches>
  void lower_chain(const Branches& chain, size_t i, Scope* scope, std::vector<ir::Stmt>& out) {
    if (i == chain.size()) return;
    if (!chain[i].cond) {
      lower_block(chain[i].body, scope, out);
      return;
    }
    Value cond = ev_.eval(chain[i].cond, scope);
    if (cond.is<RunTimeValue>()) fail_run_time(cond, "this condition");
    if (std::optional<bool> t = truthiness(cond)) {  // decided at definition time, like Python
      if (*t) {
        lower_block(chain[i].body, scope, out);
      } else {
        lower_chain(chain, i + 1, scope, out);
      }
      return;
    }
    require_kernel(chain[i].header, "a condition on kernel values");
    std::vector<ir::Stmt> then_stmts, else_stmts;
    lower_block(chain[i].body, scope, then_stmts);
    lower_chain(chain, i + 1, scope, else_stmts);
    ir::Stmt else_body = else_stmts.empty() ? nullptr : ir::seq(std::move(else_stmts), chain[i + 1].body.span());
    out.push_back(ir::make_if(to_expr(cond, "the condition"), ir::seq(std::move(then_stmts), chain[i].body.span()),
                              else_body, chain[i].header));
  }

  // `policy=T.GemmWarpPolicy.X` only partitions the GEMM over GPU warps: noted and dropped.
  void drop_gemm_policy(CallArgs& args) {
    auto is_policy = [](const Value& v) {
      return v.is<Namespace>() && v.get<Namespace>().path.rfind(std::string(kTileLang) + ".GemmWarpPolicy.", 0) == 0;
    };
    for (auto it = args.keywords.begin(); it != args.keywords.end(); ++it) {
      if (it->name == "policy" && is_policy(it->value)) {
        ev_.note_hint("T.gemm.policy", it->span, "T.gemm(policy=...) is a GPU warp partition: ignored on Tenstorrent");
        args.keywords.erase(it);
        return;
      }
    }
    if (args.positional.size() > 5 && is_policy(args.positional[5])) {
      ev_.note_hint("T.gemm.policy", args.positional[5].span,
                    "T.gemm(policy=...) is a GPU warp partition: ignored on Tenstorrent");
      args.positional[5] = Value::name_path(std::string(kDefaultGemmPolicy), args.positional[5].span);
    }
  }

  // `assert cond, msg`: checked when decidable at definition time; a condition on kernel or
  // run-time values is the program's own run-time check.
  void check_assert(const Node& stmt, Scope* scope) {
    std::vector<Node> kids = stmt.children();
    if (kids.empty()) return;
    std::optional<bool> t = truthiness(ev_.eval(kids[0], scope));
    if (!t || *t) return;
    std::string message = "assertion failed: " + std::string(kids[0].text());
    if (kids.size() > 1) {
      Value m = ev_.eval(kids[1], scope);
      message += " (" + (m.is<std::string>() ? m.get<std::string>() : repr(m)) + ")";
    }
    fail(stmt.span(), message);
  }

  // T.copy's `disable_tma`, `eviction_policy` and `coalesced_width` steer GPU memory
  // instructions only: noted and dropped.
  void drop_copy_hints(CallArgs& args) {
    for (auto it = args.keywords.begin(); it != args.keywords.end();) {
      if (it->name == "disable_tma" || it->name == "eviction_policy" || it->name == "coalesced_width") {
        ev_.note_hint("T.copy." + it->name, it->span,
                      "T.copy(" + it->name + "=...) is a GPU memory-instruction hint: ignored on Tenstorrent");
        it = args.keywords.erase(it);
      } else {
        ++it;
      }
    }
  }

  // --- eager syntax

  // The T.const/T.dynamic symbols declared by `names = T.const("...")`: every string argument,
  // split at commas and spaces.
  std::vector<std::pair<std::string, SourceSpan>> declared_symbols(const Node& call, Scope* scope) {
    std::vector<std::pair<std::string, SourceSpan>> names;
    CallArgs args = ev_.eval_arguments(call, scope);
    for (const Value& v : args.positional) {
      if (!v.is<std::string>()) {
        fail(v.span, std::string(call.field("function").text()) + " expects the symbol names as a string, got " +
                         type_name(v) + " " + repr(v));
      }
      for (std::string& name : symbol_names(v.get<std::string>())) names.emplace_back(std::move(name), v.span);
    }
    if (names.empty()) fail(call.span(), std::string(call.field("function").text()) + " declares no symbol");
    return names;
  }

  std::optional<TileOp> call_op(const Node& n, Scope* scope) {
    if (!n.is(Syntax::Call)) return std::nullopt;
    std::optional<std::string> path = ev_.callee_path(n.field("function"), scope);
    return path ? tile_op_of(*path) : std::nullopt;
  }

  // Call-site tensors bind the T.const symbols their annotations name: `A: T.Tensor((M, K), ...)`
  // with A of shape (1024, 512) gives M = 1024, K = 512. A discovery pass runs the statements
  // before `with T.Kernel` with each symbol standing for a placeholder variable, so shapes built
  // any way (`shape = [b, s]`, `(K, M) if trans_A else (M, K)`) are matched dimension by
  // dimension; it is best effort (the real pass reports errors) and binds nothing else.
  void bind_consts_from_tensors(const Node& body, Scope* scope) {
    Scope* probe = ev_.new_scope(scope);
    std::map<const ir::VarNode*, std::string> placeholders;
    std::optional<FrontendError> conflict;
    try {
      for (const Node& stmt : body.children()) {
        if (stmt.is(Syntax::WithStatement)) break;
        if (!stmt.is(Syntax::ExpressionStatement)) continue;
        for (const Node& e : stmt.children()) {
          if (!e.is(Syntax::Assignment)) continue;
          Node left = e.field("left"), right = e.field("right");
          std::optional<TileOp> op = call_op(right, probe);
          if (op == TileOp::Const || op == TileOp::Dynamic) {
            std::vector<Value> vars;
            for (const auto& [name, span] : declared_symbols(right, probe)) {
              ir::Var v = ir::make_var(name, span);
              placeholders[v.get()] = name;
              vars.push_back(Value::expr(v, span));
            }
            ev_.assign(left, vars.size() == 1 && left.is(Syntax::Identifier) ? vars[0] : Value::sequence(vars, false),
                       probe);
          } else if (e.field("type") && !right && left.is(Syntax::Identifier)) {
            try {
              unify_tensor(e, left, probe, placeholders);
            } catch (const FrontendError& mismatch) {
              conflict = mismatch;  // a real error: the binding itself is contradictory
              break;
            }
          } else if (right && op != TileOp::Empty) {
            try {  // a statement the probe cannot evaluate only leaves its names unbound
              ev_.assign(left, ev_.eval(right, probe), probe);
            } catch (const FrontendError&) {
            }
          }
        }
        if (conflict) break;
      }
    } catch (const FrontendError&) {
    }
    if (conflict) throw *conflict;
  }

  // One annotated tensor against the value its parameter was given (see bind_consts_from_tensors).
  void unify_tensor(const Node& decl, const Node& left, Scope* probe,
                    const std::map<const ir::VarNode*, std::string>& placeholders) {
    std::string name(left.text());
    Value* given = probe->find(name);
    if (!given || !(given->is<AbstractTensor>() || given->is<RunTimeValue>())) return;
    Node annotation = decl.field("type").children().empty() ? Node() : decl.field("type").children()[0];
    Node shape_node = tensor_shape_node(annotation);
    if (!shape_node) return;
    Value shape = ev_.eval(shape_node, probe);
    std::vector<Value> dims = shape.is<Sequence>() ? shape.get<Sequence>().items : std::vector<Value>{shape};
    auto symbol_of = [&](const Value& d) -> const std::string* {
      const ir::VarNode* v = d.is<ir::Expr>() ? ir::as<ir::VarNode>(d.get<ir::Expr>()) : nullptr;
      auto it = v ? placeholders.find(v) : placeholders.end();
      return it == placeholders.end() ? nullptr : &it->second;
    };
    if (given->is<RunTimeValue>()) {  // a tensor known only when the program runs
      for (const Value& d : dims) {
        if (const std::string* sym = symbol_of(d)) {
          run_time_consts_.emplace(*sym,
                                   "the shape of '" + name + "', given '" + given->get<RunTimeValue>().origin + "'");
        }
      }
      return;
    }
    const AbstractTensor& tensor = given->get<AbstractTensor>();
    if (dims.size() != tensor.shape.size()) {
      fail(decl.span(), "'" + name + "' is passed a tensor of " + std::to_string(tensor.shape.size()) +
                            " dimensions but is declared with " + std::to_string(dims.size()));
    }
    for (size_t d = 0; d < dims.size(); ++d) {
      const std::string* sym = symbol_of(dims[d]);
      if (!sym) continue;
      std::string origin = "the shape of '" + name + "' (dimension " + std::to_string(d) + ")";
      auto it = consts_.find(*sym);
      if (it != consts_.end()) {
        std::optional<int64_t> have = as_integer(it->second.value);
        if (have && *have != tensor.shape[d]) {
          fail(decl.span(), "conflicting values for T.const '" + *sym + "': " + std::to_string(*have) + " from " +
                                binding_origin(it->second) + ", " + std::to_string(tensor.shape[d]) + " from " +
                                origin);
        }
        continue;
      }
      consts_[*sym] = KeywordArg{*sym, Value::integer(tensor.shape[d], decl.span()), decl.span()};
      const_origin_[*sym] = origin;
    }
  }

  std::string binding_origin(const KeywordArg& a) {
    auto it = const_origin_.find(a.name);
    return it != const_origin_.end() ? it->second : "its binding";
  }

  // The shape expression of `T.Tensor(shape, dtype)` / `T.Tensor[shape, dtype]` (null otherwise).
  static Node tensor_shape_node(const Node& annotation) {
    if (annotation.is(Syntax::Call)) {
      std::vector<Node> args = annotation.field("arguments").children();
      return args.empty() || args[0].is(Syntax::KeywordArgument) ? Node() : args[0];
    }
    if (annotation.is(Syntax::Subscript)) {
      std::vector<Node> items = annotation.field_children("subscript");
      return items.empty() ? Node() : items[0];
    }
    return Node();
  }

  // `names = T.const("...")` / `T.dynamic(...)`: the symbols' bound values.
  void lower_symbols(TileOp op, const Node& left, const Node& call, Scope* scope) {
    std::vector<Value> values;
    for (const auto& [sym, span] : declared_symbols(call, scope)) {
      auto it = consts_.find(sym);
      if (it == consts_.end()) {
        auto run_time = run_time_consts_.find(sym);
        if (run_time != run_time_consts_.end()) {
          Value v = Value::run_time(run_time->second, span);
          std::get<RunTimeValue>(v.data).name = sym;
          fail_run_time(v, "T.const");
        }
        if (origin_.autotuned || !origin_.called) {
          fail(span,
               "T.const '" + sym + "' of '" + name_ + "' has no value: no call in this file instantiates '" + name_ +
                   "'" + (origin_.autotuned ? " (it is autotuned at run time)" : "") + "; give it a value with -D " +
                   sym + "=<value>",
               DiagnosticCategory::Unsupported);
        }
        if (op == TileOp::Dynamic) {
          fail(span,
               "T.dynamic size '" + sym + "' of '" + name_ +
                   "' is only known when the program runs: give it a value with -D " + sym + "=<value>",
               DiagnosticCategory::Unsupported);
        }
        fail(span, "T.const '" + sym + "' of '" + name_ + "' has no value: pass it to " + name_ + ".compile(" + sym +
                       "=...), call " + name_ + " with tensors whose shapes give it, or use -D " + sym + "=<value>");
      }
      Value v = it->second.value;
      if (v.is<RunTimeValue>()) {
        RunTimeValue r = v.get<RunTimeValue>();
        r.name = sym;
        fail_run_time(Value{r, span}, "T.const");
      }
      if (!(v.is<int64_t>() || v.is<bool>())) {
        fail(span, "T.const '" + sym + "' must be an integer, got " + type_name(v) + " " + repr(v));
      }
      v.span = span;
      values.push_back(v);
    }
    Value result = values.size() == 1 && !left.is(Syntax::PatternList) && !left.is(Syntax::TuplePattern) &&
                           !left.is(Syntax::Tuple) && !left.is(Syntax::List) && !left.is(Syntax::ListPattern)
                       ? values[0]
                       : Value::sequence(values, false, call.span());
    ev_.assign(left, result, scope);
  }

  // `A: T.Tensor(shape, dtype)` in an eager kernel declares the input A.
  void lower_tensor_declaration(const Node& a, Scope* scope) {
    Node left = a.field("left");
    Node annotation = a.field("type").children().empty() ? Node() : a.field("type").children()[0];
    std::string name(left.text());
    if (!left.is(Syntax::Identifier)) fail(left.span(), "a tensor declaration must name one tensor");
    if (in_kernel_) fail(a.span(), "tensor '" + name + "' must be declared before 'with T.Kernel(...)'");
    auto [shape, dtype] = tensor_type(annotation, scope, "'" + name + "'", name);
    Value* given = scope->find_local(name);
    if (given && given->is<AbstractTensor>()) {
      const AbstractTensor& t = given->get<AbstractTensor>();
      if (t.shape != shape) {
        fail(a.span(), "'" + name + "' is passed a tensor of shape " + shape_text(t.shape) + " but is declared " +
                           shape_text(shape));
      }
      if (t.dtype && *t.dtype != dtype) {
        fail(a.span(),
             "'" + name + "' is passed a " + dtype_name(*t.dtype) + " tensor but is declared " + dtype_name(dtype));
      }
    }
    declare_global(name, std::move(shape), dtype, a.span(), left.span(), scope);
  }

  void declare_global(const std::string& name, std::vector<int64_t> shape, DataType dtype, SourceSpan span,
                      SourceSpan name_span, Scope* scope) {
    for (const ir::Buffer& b : *params_) {
      if (b->name == name) fail(name_span, "tensor '" + name + "' is declared twice");
    }
    ir::Buffer buffer = ir::make_buffer(name, std::move(shape), dtype, ir::MemScope::Global, span);
    params_->push_back(buffer);
    scope->set(name, Value::buffer(buffer, name_span));
  }

  // Shape and dtype of a `T.Tensor(...)`/`T.Buffer(...)` annotation, call or subscript form.
  std::pair<std::vector<int64_t>, DataType> tensor_type(const Node& annotation, Scope* scope, const std::string& what,
                                                        const std::string& name) {
    std::optional<TileOp> op;
    Node callee = annotation.is(Syntax::Call)        ? annotation.field("function")
                  : annotation.is(Syntax::Subscript) ? annotation.field("value")
                                                     : Node();
    if (callee) {
      std::optional<std::string> path = ev_.callee_path(callee, scope);
      if (path) op = tile_op_of(*path);
    }
    if (op != TileOp::Tensor && op != TileOp::Buffer) {
      bool scalar = false;  // `alpha: T.float32`: valid TileLang, not lowered here
      if (callee.null() && annotation) {
        try {
          Value v = ev_.eval(annotation, scope);
          scalar = v.is<DataType>() || (v.is<Namespace>() && Evaluator::is_classified_member(v.get<Namespace>().path));
        } catch (const FrontendError&) {
        }
      }
      fail(annotation ? annotation.span() : SourceSpan{},
           "unsupported annotation '" + std::string(annotation.text()) + "' of " + what +
               ": expected T.Tensor((shape), dtype) (scalar parameters are not supported)",
           scalar ? DiagnosticCategory::Unsupported : DiagnosticCategory::Frontend);
    }
    CallArgs args;
    if (annotation.is(Syntax::Call)) {
      args = ev_.eval_arguments(annotation, scope);
    } else {
      args.span = annotation.span();
      std::vector<Node> items = annotation.field_children("subscript");
      for (const Node& item : items) args.positional.push_back(ev_.eval(item, scope));
    }
    auto bound = bind_arguments(tile_op_signature(*op), args);
    std::vector<int64_t> shape = shape_of(*bound[0], name);
    DataType dtype = bound[1] ? dtype_of(*bound[1]) : DataType::Float32;  // TileLang's T.Tensor default
    return {std::move(shape), dtype};
  }

  // `C = T.empty(shape, dtype)` declares the output C.
  void lower_empty(const Node& left, const Node& call, Scope* scope) {
    std::string shown(call.field("function").text());
    if (!eager_)
      fail(call.span(), "'" + shown +
                            "' declares an output of a @tilelang.jit kernel; in a @T.prim_func "
                            "outputs are T.Tensor parameters");
    if (!left.is(Syntax::Identifier)) fail(left.span(), "'" + shown + "' must be assigned to a single name");
    if (in_kernel_)
      fail(call.span(), "output '" + std::string(left.text()) + "' must be declared before 'with T.Kernel(...)'");
    CallArgs args = ev_.eval_arguments(call, scope);
    if (args.positional.empty() || args.positional.size() > 2) {
      fail(call.span(),
           shown + " expects (shape, dtype), got " + std::to_string(args.positional.size()) + " arguments");
    }
    std::string name(left.text());
    std::vector<int64_t> shape = shape_of(args.positional[0], name);
    DataType dtype = args.positional.size() > 1 ? dtype_of(args.positional[1]) : DataType::Float32;
    for (const KeywordArg& kw : args.keywords) {
      if (kw.name == "dtype") {
        dtype = dtype_of(kw.value);
      } else {
        fail(kw.span, shown + " got an unexpected keyword argument '" + kw.name + "'");
      }
    }
    declare_global(name, std::move(shape), dtype, call.span(), left.span(), scope);
    outputs_.insert(name);
  }

  // `return C` / `return C, D` of an eager kernel: the outputs, each declared by T.empty.
  void lower_return(const Node& stmt, Scope* scope) {
    if (!eager_) fail(stmt.span(), "unsupported Python construct 'return' in " + where());
    if (in_kernel_) fail(stmt.span(), "'return' must come after the 'with T.Kernel(...)' block");
    returned_ = true;
    std::vector<Node> kids = stmt.children();
    if (kids.empty()) return;
    std::vector<Node> values =
        kids[0].is(Syntax::Tuple) || kids[0].is(Syntax::ExpressionList) || kids[0].is(Syntax::List)
            ? kids[0].children()
            : std::vector<Node>{kids[0]};
    for (const Node& v : values) {
      if (!v.is(Syntax::Identifier) || !outputs_.count(std::string(v.text()))) {
        Value value = ev_.eval(v, scope);
        if (value.is<NoneValue>()) continue;
        fail(v.span(), "kernel '" + name_ + "' must return tensors declared with T.empty, but '" +
                           std::string(v.text()) + "' is " +
                           (value.is<ir::Buffer>() ? "an input or on-chip buffer" : type_name(value)));
      }
    }
  }

  Evaluator& ev_;
  std::string name_;
  bool in_kernel_ = false;
  std::vector<ir::GridDim> grid_dims_;  // inside the T.Kernel: its block variables and their extents
  int kernels_ = 0;
  bool eager_ = false;
  bool returned_ = false;
  std::vector<ir::Buffer>* params_ = nullptr;  // eager: the PrimFunc's parameters, in declaration order
  std::map<std::string, KeywordArg> consts_;   // eager: T.const values by symbol
  std::map<std::string, std::string> const_origin_;
  std::map<std::string, std::string> run_time_consts_;  // eager: symbols sized by run-time tensors
  EagerOrigin origin_;
  std::set<std::string> outputs_;  // eager: tensors declared with T.empty
};

}  // namespace

ir::PrimFunc build_prim_func(Evaluator& ev, const FunctionValue& prim_func) {
  return KernelBuilder(ev).build(prim_func);
}

ir::PrimFunc build_eager_kernel(Evaluator& ev, const FunctionValue& kernel, const std::vector<KeywordArg>& args,
                                EagerOrigin origin) {
  return KernelBuilder(ev).build_eager(kernel, args, origin);
}

}  // namespace tt::frontend
