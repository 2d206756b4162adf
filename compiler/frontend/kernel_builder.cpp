// Statement-level lowering of a @T.prim_func body. Statement spans are their headers (`for k in
// T.Pipelined(...)`, `with T.Kernel(...) as (bx, by)`), so a printed line maps to one source line.
// Names bound to symbolic values (`row = by * block_M`) are inlined where used, not emitted as lets.
#include "compiler/frontend/kernel_builder.h"

#include <cstdint>

#include "compiler/frontend/frontend_error.h"
#include "compiler/frontend/linear_form.h"
#include "compiler/frontend/python_arith.h"
#include "compiler/frontend/tile_op_lowering.h"
#include "compiler/frontend/tile_ops.h"
#include "compiler/ir/printer.h"

namespace tt::frontend {

namespace {

constexpr int64_t kDefaultThreads = 128;  // TileLang's T.Kernel default

class KernelBuilder {
 public:
  explicit KernelBuilder(Evaluator& ev) : ev_(ev) {}

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
    std::optional<TileOp> op;
    if (p.annotation.is(Syntax::Call)) {
      Value callee = ev_.eval(p.annotation.field("function"), closure);
      if (callee.is<Namespace>()) op = tile_op_of(callee.get<Namespace>().path);
    }
    if (op != TileOp::Tensor && op != TileOp::Buffer) {
      fail(p.annotation.span(), "unsupported annotation '" + std::string(p.annotation.text()) + "' of parameter '" +
                                    p.name +
                                    "': expected T.Tensor((shape), dtype) (scalar parameters are not supported)");
    }
    CallArgs args = ev_.eval_arguments(p.annotation, closure);
    auto bound = bind_arguments(tile_op_signature(*op), args);
    std::vector<int64_t> shape = shape_of(*bound[0], p.name);
    DataType dtype = bound[1] ? dtype_of(*bound[1]) : DataType::Float32;  // TileLang's T.Tensor default
    ir::Buffer buffer = ir::make_buffer(p.name, std::move(shape), dtype, ir::MemScope::Global, span);
    scope->set(p.name, Value::buffer(buffer, span));
    return buffer;
  }

  void require_kernel(SourceSpan span, const std::string& what) {
    if (!in_kernel_) fail(span, what + " must be inside 'with T.Kernel(...)'");
  }

  std::string where() const { return "@T.prim_func '" + name_ + "'"; }

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
        out.push_back(lower_with(stmt, scope));
        return;
      case Syntax::ForStatement:
        out.push_back(lower_for(stmt, scope));
        return;
      case Syntax::IfStatement:
        lower_if(stmt, scope, out);
        return;
      case Syntax::PassStatement:
        return;
      case Syntax::ImportStatement:
      case Syntax::ImportFromStatement:
        ev_.bind_import(stmt, scope);
        return;
      default:
        break;
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
    if (op == TileOp::Copy || op == TileOp::Gemm || op == TileOp::Fill || op == TileOp::Clear) {
      require_kernel(span, shown);
      CallArgs args = ev_.eval_arguments(call, scope);
      if (op == TileOp::Copy) out.push_back(lower_copy(args, span));
      if (op == TileOp::Gemm) out.push_back(lower_gemm(args, span));
      if (op == TileOp::Fill || op == TileOp::Clear) out.push_back(lower_fill(*op, args, span));
      return;
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
    if (a.field("type")) fail(span, "unsupported Python construct 'annotated assignment' in " + where());
    if (!right) fail(span, "invalid syntax");
    if (right.is(Syntax::Assignment)) fail(span, "unsupported Python construct 'chained assignment' in " + where());
    if (right.is(Syntax::Call)) {
      std::optional<TileOp> op = callee_op(right, scope);
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
    scope->set(std::string(left.text()), apply_binary(*op, current, rhs, span));
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

  ir::Stmt lower_with(const Node& with, Scope* scope) {
    Node clause;
    for (const Node& c : with.children()) {
      if (c.is(Syntax::WithClause)) clause = c;
    }
    SourceSpan header = span_between(with, clause);
    std::vector<Node> items = clause.children();
    Node value = items.size() == 1 ? items[0].field("value") : Node();
    Node call = value, alias;
    if (value.is(Syntax::AsPattern)) {
      call = value.children().empty() ? Node() : value.children()[0];
      alias = value.field("alias");
    }
    std::optional<TileOp> op;
    if (call.is(Syntax::Call)) op = callee_op(call, scope);
    if (op != TileOp::Kernel) {
      fail(header, "unsupported 'with' statement in " + where() + ": only 'with T.Kernel(...) as ...' is supported");
    }
    if (in_kernel_) fail(header, "nested T.Kernel is not supported");
    if (kernels_ > 0) fail(header, "only one T.Kernel per @T.prim_func is supported");

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
        threads = positive_constant(kw.value, "T.Kernel threads");
      } else if (kw.name == "is_cpu" && kw.value.is<bool>() && !kw.value.get<bool>()) {
      } else if (kw.name == "prelude" && kw.value.is<NoneValue>()) {
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
    std::vector<ir::Stmt> body;
    lower_block(with.field("body"), scope, body);
    in_kernel_ = false;
    return ir::make_kernel(std::move(grid), std::move(vars), threads,
                           ir::seq(std::move(body), with.field("body").span()), header);
  }

  int64_t positive_constant(const Value& v, const std::string& what) {
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
      for (const Value& e : args.positional) dims.push_back(bounds(ir::int_imm(0, e.span), &e, right));
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
              fail(bound[3 + i]->span, std::string("unsupported T.Pipelined argument '") + unsupported[i] + "'");
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
      body = ir::make_for(vars[i], dims[i].min, ir::int_imm(dims[i].extent, right.span()), kind, stages, body, header);
    }
    return body;
  }

  const Value& integer(const Value& v, const std::string& what) {
    bool ok = v.is<int64_t>() || v.is<ir::Expr>() || v.is<BufferAccess>();
    if (!ok) fail(v.span, what + " must be an integer, got " + type_name(v) + " " + repr(v));
    return v;
  }

  // [min, stop) with a constant, positive trip count.
  struct Bounds {
    ir::Expr min;
    int64_t extent;
  };
  Bounds bounds(ir::Expr min, const Value* stop, const Node& iterator) {
    ir::Expr hi = to_expr(integer(*stop, "a loop bound"), "a loop bound");
    std::optional<int64_t> extent = constant_difference(hi, min);
    if (!extent) {
      fail(iterator.span(),
           "the trip count of this loop must be constant after substituting the factory parameters, got '" +
               ir::print_expr(ir::sub(hi, min)) + "'");
    }
    if (*extent <= 0)
      fail(iterator.span(), "this loop has no iterations: its trip count is " + std::to_string(*extent));
    // Device kernels count loops in uint32_t (codegen), so a longer loop would never end there.
    if (*extent > int64_t{UINT32_MAX}) {
      fail(iterator.span(), "this loop has " + std::to_string(*extent) +
                                " iterations: more than the 4294967295 a 32-bit device loop counter can run");
    }
    return Bounds{min, *extent};
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

  Evaluator& ev_;
  std::string name_;
  bool in_kernel_ = false;
  int kernels_ = 0;
};

}  // namespace

ir::PrimFunc build_prim_func(Evaluator& ev, const FunctionValue& prim_func) {
  return KernelBuilder(ev).build(prim_func);
}

}  // namespace tt::frontend
