// Node constructors, constant folding in the expression builders, and enum names.
#include "compiler/ir/ir.h"

#include <algorithm>

namespace tt::ir {

const char* scope_name(MemScope scope) {
  switch (scope) {
    case MemScope::Global: return "global";
    case MemScope::Shared: return "shared";
    case MemScope::Fragment: return "local.fragment";
    case MemScope::Local: return "local";
    case MemScope::CircularBuffer: return "tt.cb";
  }
  return "?";
}

int64_t BufferNode::num_elements() const {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

Buffer make_buffer(std::string name, std::vector<int64_t> shape, DataType dtype, MemScope scope, SourceSpan span) {
  auto b = std::make_shared<BufferNode>();
  b->name = std::move(name);
  b->shape = std::move(shape);
  b->dtype = dtype;
  b->scope = scope;
  b->span = span;
  return b;
}

const char* binary_op_symbol(BinaryOp op) {
  switch (op) {
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Mul: return "*";
    case BinaryOp::FloorDiv: return "//";
    case BinaryOp::FloorMod: return "%";
    case BinaryOp::Min: return "min";
    case BinaryOp::Max: return "max";
    case BinaryOp::Eq: return "==";
    case BinaryOp::Ne: return "!=";
    case BinaryOp::Lt: return "<";
    case BinaryOp::Le: return "<=";
    case BinaryOp::Gt: return ">";
    case BinaryOp::Ge: return ">=";
    case BinaryOp::And: return "and";
    case BinaryOp::Or: return "or";
    case BinaryOp::Div: return "/";
  }
  return "?";
}

namespace {
constexpr struct {
  UnaryOp op;
  const char* name;
} kUnaryOps[] = {
    {UnaryOp::Neg, "-"},         {UnaryOp::Exp, "exp"},   {UnaryOp::Exp2, "exp2"},   {UnaryOp::Exp10, "exp10"},
    {UnaryOp::Log, "log"},       {UnaryOp::Log2, "log2"}, {UnaryOp::Log10, "log10"}, {UnaryOp::Sqrt, "sqrt"},
    {UnaryOp::Rsqrt, "rsqrt"},   {UnaryOp::Abs, "abs"},   {UnaryOp::Sigmoid, "sigmoid"}, {UnaryOp::Tanh, "tanh"},
    {UnaryOp::Sin, "sin"},       {UnaryOp::Cos, "cos"},   {UnaryOp::Erf, "erf"},     {UnaryOp::Floor, "floor"},
    {UnaryOp::Ceil, "ceil"},
};
}  // namespace

const char* unary_op_name(UnaryOp op) {
  for (const auto& entry : kUnaryOps) {
    if (entry.op == op) return entry.name;
  }
  return "?";
}

std::optional<UnaryOp> unary_op_of(std::string_view name) {
  for (const auto& entry : kUnaryOps) {
    if (entry.op != UnaryOp::Neg && name == entry.name) return entry.op;
  }
  return std::nullopt;
}

const char* reduce_kind_name(ReduceKind kind) {
  switch (kind) {
    case ReduceKind::Sum: return "sum";
    case ReduceKind::Max: return "max";
    case ReduceKind::Min: return "min";
    case ReduceKind::AbsSum: return "abssum";
    case ReduceKind::AbsMax: return "absmax";
  }
  return "?";
}

Expr int_imm(int64_t value, SourceSpan span) { return std::make_shared<IntImmNode>(value, span); }
Expr float_imm(double value, SourceSpan span) { return std::make_shared<FloatImmNode>(value, span); }
Expr string_imm(std::string value, SourceSpan span) { return std::make_shared<StringImmNode>(std::move(value), span); }
Var make_var(std::string name, SourceSpan span) { return std::make_shared<VarNode>(std::move(name), span); }
Expr runtime_arg(std::string name, int index, SourceSpan span) {
  return std::make_shared<RuntimeArgNode>(std::move(name), index, span);
}
Expr cb_ref(std::string name, int index, SourceSpan span) { return std::make_shared<CBRefNode>(std::move(name), index, span); }
Expr buffer_load(Buffer buffer, std::vector<Expr> indices, SourceSpan span) {
  return std::make_shared<BufferLoadNode>(std::move(buffer), std::move(indices), span);
}

const int64_t* as_int(const Expr& e) {
  if (e && e->kind == ExprKind::IntImm) return &as<IntImmNode>(e)->value;
  return nullptr;
}

namespace {
int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
int64_t floor_mod(int64_t a, int64_t b) { return a - floor_div(a, b) * b; }

bool fold(BinaryOp op, int64_t x, int64_t y, int64_t& out) {
  switch (op) {
    case BinaryOp::Add: return !__builtin_add_overflow(x, y, &out);
    case BinaryOp::Sub: return !__builtin_sub_overflow(x, y, &out);
    case BinaryOp::Mul: return !__builtin_mul_overflow(x, y, &out);
    case BinaryOp::FloorDiv: if (y == 0) return false; out = floor_div(x, y); return true;
    case BinaryOp::FloorMod: if (y == 0) return false; out = floor_mod(x, y); return true;
    case BinaryOp::Min: out = std::min(x, y); return true;
    case BinaryOp::Max: out = std::max(x, y); return true;
    case BinaryOp::Eq: out = x == y; return true;
    case BinaryOp::Ne: out = x != y; return true;
    case BinaryOp::Lt: out = x < y; return true;
    case BinaryOp::Le: out = x <= y; return true;
    case BinaryOp::Gt: out = x > y; return true;
    case BinaryOp::Ge: out = x >= y; return true;
    case BinaryOp::And: out = x && y; return true;
    case BinaryOp::Or: out = x || y; return true;
    case BinaryOp::Div: return false;  // true division of integers is a float: never folded to an int
  }
  return false;
}
}  // namespace

Expr binary(BinaryOp op, Expr a, Expr b, SourceSpan span) {
  const int64_t* x = as_int(a);
  const int64_t* y = as_int(b);
  int64_t folded = 0;
  if (x && y && fold(op, *x, *y, folded)) return int_imm(folded, span);
  switch (op) {
    case BinaryOp::Add:
      if (y && *y == 0) return a;
      if (x && *x == 0) return b;
      break;
    case BinaryOp::Sub:
      if (y && *y == 0) return a;
      break;
    case BinaryOp::Mul:
      if (y && *y == 1) return a;
      if (x && *x == 1) return b;
      if ((x && *x == 0) || (y && *y == 0)) return int_imm(0, span);
      break;
    case BinaryOp::FloorDiv:
      if (y && *y == 1) return a;
      break;
    case BinaryOp::FloorMod:
      if (y && *y == 1) return int_imm(0, span);
      break;
    default: break;
  }
  return std::make_shared<BinaryNode>(op, std::move(a), std::move(b), span);
}
Expr add(Expr a, Expr b, SourceSpan span) { return binary(BinaryOp::Add, std::move(a), std::move(b), span); }
Expr sub(Expr a, Expr b, SourceSpan span) { return binary(BinaryOp::Sub, std::move(a), std::move(b), span); }
Expr mul(Expr a, Expr b, SourceSpan span) { return binary(BinaryOp::Mul, std::move(a), std::move(b), span); }
Expr floordiv(Expr a, Expr b, SourceSpan span) { return binary(BinaryOp::FloorDiv, std::move(a), std::move(b), span); }
Expr floormod(Expr a, Expr b, SourceSpan span) { return binary(BinaryOp::FloorMod, std::move(a), std::move(b), span); }

Expr unary(UnaryOp op, Expr a, SourceSpan span) {
  if (op == UnaryOp::Neg) {
    const int64_t* x = as_int(a);
    if (x && *x != INT64_MIN) return int_imm(-*x, span);
    if (a && a->kind == ExprKind::FloatImm) return float_imm(-as<FloatImmNode>(a)->value, span);
  }
  return std::make_shared<UnaryNode>(op, std::move(a), span);
}
Expr cast(DataType dtype, Expr value, SourceSpan span) {
  return std::make_shared<CastNode>(dtype, std::move(value), span);
}
Expr select(Expr cond, Expr true_value, Expr false_value, SourceSpan span) {
  return std::make_shared<SelectNode>(std::move(cond), std::move(true_value), std::move(false_value), span);
}

Region full_region(const Buffer& buffer, SourceSpan span) {
  Region r;
  r.buffer = buffer;
  r.span = span;
  for (int64_t d : buffer->shape) {
    r.starts.push_back(int_imm(0));
    r.extents.push_back(d);
  }
  return r;
}

const char* for_kind_name(ForKind kind) {
  switch (kind) {
    case ForKind::Serial: return "serial";
    case ForKind::Pipelined: return "Pipelined";
    case ForKind::Parallel: return "Parallel";
    case ForKind::Persistent: return "persistent";
    case ForKind::Unrolled: return "unroll";
  }
  return "?";
}

const char* kernel_role_name(KernelRole role) {
  switch (role) {
    case KernelRole::None: return "none";
    case KernelRole::Reader: return "reader";
    case KernelRole::Compute: return "compute";
    case KernelRole::Writer: return "writer";
  }
  return "?";
}

Stmt seq(std::vector<Stmt> stmts, SourceSpan span) { return std::make_shared<SeqNode>(std::move(stmts), span); }
Stmt make_for(Var var, Expr min, Expr extent, ForKind kind, int num_stages, Stmt body, SourceSpan span) {
  return std::make_shared<ForNode>(std::move(var), std::move(min), std::move(extent), kind, num_stages, std::move(body), span);
}
Stmt make_kernel(std::vector<int64_t> grid, std::vector<Var> vars, int64_t threads, Stmt body, SourceSpan span) {
  return std::make_shared<KernelNode>(std::move(grid), std::move(vars), threads, std::move(body), span);
}
Stmt make_allocate(Buffer buffer, SourceSpan span) { return std::make_shared<AllocateNode>(std::move(buffer), span); }
Stmt make_cb_allocate(Buffer buffer, int cb_index, int64_t num_pages, int64_t page_size, SourceSpan span) {
  auto node = std::make_shared<AllocateNode>(std::move(buffer), span);
  node->cb_index = cb_index;
  node->cb_num_pages = num_pages;
  node->cb_page_size = page_size;
  return node;
}
Stmt make_let(Var var, Expr value, SourceSpan span) { return std::make_shared<LetNode>(std::move(var), std::move(value), span); }
Stmt make_if(Expr cond, Stmt then_body, Stmt else_body, SourceSpan span) {
  return std::make_shared<IfNode>(std::move(cond), std::move(then_body), std::move(else_body), span);
}
Stmt make_copy(Region src, Region dst, SourceSpan span) { return std::make_shared<CopyNode>(std::move(src), std::move(dst), span); }
Stmt make_gemm(Region a, Region b, Region c, bool transpose_a, bool transpose_b, bool clear_accum, SourceSpan span) {
  return std::make_shared<GemmNode>(std::move(a), std::move(b), std::move(c), transpose_a, transpose_b, clear_accum, span);
}
Stmt make_fill(Region dst, Expr value, bool is_clear, SourceSpan span) {
  return std::make_shared<FillNode>(std::move(dst), std::move(value), is_clear, span);
}
Stmt make_store(Buffer buffer, std::vector<Expr> indices, Expr value, SourceSpan span) {
  return std::make_shared<StoreNode>(std::move(buffer), std::move(indices), std::move(value), span);
}
Stmt tt_call(TTIntrinsic op, std::vector<Expr> args, SourceSpan span) {
  return std::make_shared<TTCallNode>(op, std::move(args), span);
}
Stmt make_reduce(ReduceKind kind, Region src, Region dst, int dim, bool clear, SourceSpan span) {
  return std::make_shared<ReduceNode>(kind, std::move(src), std::move(dst), dim, clear, span);
}

}  // namespace tt::ir
