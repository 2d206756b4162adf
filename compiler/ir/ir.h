// The IR: a small TIR-like tree of immutable nodes (expressions, statements, buffers) owned by
// shared pointers, plus PrimFunc and Module. Every node carries the source span it came from.
// Tile-level ops (copy, gemm, fill) and TT-Metalium intrinsics are typed nodes, never strings.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ir/dtype.h"
#include "compiler/ir/source.h"

namespace tt::ir {

// ---------------------------------------------------------------------------------------------
// Buffers
// CircularBuffer: an on-chip buffer after memory_space_lower_tt, living in an L1 circular buffer.
enum class MemScope { Global, Shared, Fragment, Local, CircularBuffer };
const char* scope_name(MemScope scope);

struct BufferNode {
  std::string name;
  std::vector<int64_t> shape;  // shapes are constants: the front end evaluates them at definition time
  DataType dtype = DataType::Float32;
  MemScope scope = MemScope::Global;
  SourceSpan span;
  int64_t num_elements() const;
};
using Buffer = std::shared_ptr<const BufferNode>;
Buffer make_buffer(std::string name, std::vector<int64_t> shape, DataType dtype, MemScope scope, SourceSpan span = {});

// ---------------------------------------------------------------------------------------------
// Expressions
enum class ExprKind { IntImm, FloatImm, StringImm, Var, Binary, BufferLoad, RuntimeArg, CBRef, Unary, Cast, Select };
// Div is true division (`/` on floats); FloorDiv is Python's `//`.
enum class BinaryOp { Add, Sub, Mul, FloorDiv, FloorMod, Min, Max, Eq, Ne, Lt, Le, Gt, Ge, And, Or, Div };
const char* binary_op_symbol(BinaryOp op);
// Unary minus and the element-wise math of TileLang's `T.*` (TVM's tir math) that Tenstorrent's
// SFPU also has; one table (ir.cpp) gives each its `T.<name>` spelling for the printer and the
// front end.
enum class UnaryOp { Neg, Exp, Exp2, Exp10, Log, Log2, Log10, Sqrt, Rsqrt, Abs, Sigmoid, Tanh, Sin, Cos, Erf, Floor, Ceil };
// The TileLang name of a math op ("exp2" for T.exp2); "-" for Neg.
const char* unary_op_name(UnaryOp op);
// The math op `T.<name>` stands for; nullopt for other names (and for "-").
std::optional<UnaryOp> unary_op_of(std::string_view name);
// Tile reductions `T.reduce_<name>(src, dst, dim=, clear=)`.
enum class ReduceKind { Sum, Max, Min, AbsSum, AbsMax };
const char* reduce_kind_name(ReduceKind kind);  // "sum", "max", ...

struct ExprNode {
  ExprKind kind;
  SourceSpan span;
  ExprNode(ExprKind k, SourceSpan s) : kind(k), span(s) {}
  virtual ~ExprNode() = default;
};
using Expr = std::shared_ptr<const ExprNode>;

struct IntImmNode final : ExprNode {
  int64_t value;
  IntImmNode(int64_t v, SourceSpan s) : ExprNode(ExprKind::IntImm, s), value(v) {}
};
struct FloatImmNode final : ExprNode {
  double value;
  FloatImmNode(double v, SourceSpan s) : ExprNode(ExprKind::FloatImm, s), value(v) {}
};
struct StringImmNode final : ExprNode {
  std::string value;
  StringImmNode(std::string v, SourceSpan s) : ExprNode(ExprKind::StringImm, s), value(std::move(v)) {}
};
// A variable; identity is the node (pointer), the name is for printing.
struct VarNode final : ExprNode {
  std::string name;
  VarNode(std::string n, SourceSpan s) : ExprNode(ExprKind::Var, s), name(std::move(n)) {}
};
using Var = std::shared_ptr<const VarNode>;
struct BinaryNode final : ExprNode {
  BinaryOp op;
  Expr a, b;
  BinaryNode(BinaryOp o, Expr x, Expr y, SourceSpan s) : ExprNode(ExprKind::Binary, s), op(o), a(std::move(x)), b(std::move(y)) {}
};
struct BufferLoadNode final : ExprNode {
  Buffer buffer;
  std::vector<Expr> indices;
  BufferLoadNode(Buffer buf, std::vector<Expr> idx, SourceSpan s)
      : ExprNode(ExprKind::BufferLoad, s), buffer(std::move(buf)), indices(std::move(idx)) {}
};
// The value of per-core runtime argument `index` (named `name`) of the enclosing device kernel.
struct RuntimeArgNode final : ExprNode {
  std::string name;
  int index;
  RuntimeArgNode(std::string n, int i, SourceSpan s) : ExprNode(ExprKind::RuntimeArg, s), name(std::move(n)), index(i) {}
};
// A circular buffer, by the name of the L1 buffer it holds and its CB index from `tt.cb.<name>`.
struct CBRefNode final : ExprNode {
  std::string name;
  int index;
  CBRefNode(std::string n, int i, SourceSpan s) : ExprNode(ExprKind::CBRef, s), name(std::move(n)), index(i) {}
};

// `-x`, `T.exp2(x)`, ...
struct UnaryNode final : ExprNode {
  UnaryOp op;
  Expr a;
  UnaryNode(UnaryOp o, Expr x, SourceSpan s) : ExprNode(ExprKind::Unary, s), op(o), a(std::move(x)) {}
};
// `T.Cast(dtype, x)`, `T.cast(x, dtype)`, `x.astype(dtype)`: the value converted to `dtype`.
struct CastNode final : ExprNode {
  DataType dtype;
  Expr value;
  CastNode(DataType d, Expr v, SourceSpan s) : ExprNode(ExprKind::Cast, s), dtype(d), value(std::move(v)) {}
};
// `T.if_then_else(cond, a, b)`: a where cond holds, else b (element-wise select, both evaluated).
struct SelectNode final : ExprNode {
  Expr cond, true_value, false_value;
  SelectNode(Expr c, Expr t, Expr f, SourceSpan s)
      : ExprNode(ExprKind::Select, s), cond(std::move(c)), true_value(std::move(t)), false_value(std::move(f)) {}
};

Expr int_imm(int64_t value, SourceSpan span = {});
Expr float_imm(double value, SourceSpan span = {});
Expr string_imm(std::string value, SourceSpan span = {});
Var make_var(std::string name, SourceSpan span = {});
Expr runtime_arg(std::string name, int index, SourceSpan span = {});
Expr cb_ref(std::string name, int index, SourceSpan span = {});
Expr buffer_load(Buffer buffer, std::vector<Expr> indices, SourceSpan span = {});
// Builds a binary node, folding constants and the identities x+0, x*1, x*0, x//1 (so that the
// IR after constant substitution reads like the source with numbers in it).
Expr binary(BinaryOp op, Expr a, Expr b, SourceSpan span = {});
Expr add(Expr a, Expr b, SourceSpan span = {});
Expr sub(Expr a, Expr b, SourceSpan span = {});
Expr mul(Expr a, Expr b, SourceSpan span = {});
Expr floordiv(Expr a, Expr b, SourceSpan span = {});
Expr floormod(Expr a, Expr b, SourceSpan span = {});
// Builds a unary node; the negation of a constant is folded to a constant.
Expr unary(UnaryOp op, Expr a, SourceSpan span = {});
Expr cast(DataType dtype, Expr value, SourceSpan span = {});
Expr select(Expr cond, Expr true_value, Expr false_value, SourceSpan span = {});
// The constant value of an expression, if it is an IntImm.
const int64_t* as_int(const Expr& e);

template <typename T>
const T* as(const Expr& e) {
  return static_cast<const T*>(e.get());
}

// A rectangular region of a buffer: constant extents, possibly symbolic starts.
struct Region {
  Buffer buffer;
  std::vector<Expr> starts;
  std::vector<int64_t> extents;
  SourceSpan span;
};
Region full_region(const Buffer& buffer, SourceSpan span = {});

// ---------------------------------------------------------------------------------------------
// TT-Metalium intrinsics (compute and dataflow API calls) as typed operations, one enumerator per
// line of tt_intrinsics.def; tt_intrinsics.h describes each (operands in the IR's order, role,
// header). Codegen maps the IR operands onto the real API call.
enum class TTIntrinsic {
#define TT_INTRINSIC(id, ...) id,
#include "compiler/ir/tt_intrinsics.def"
#undef TT_INTRINSIC
};
// The API spelling and operand count, from the table (tt_intrinsics.h has the rest).
const char* intrinsic_name(TTIntrinsic op);
int intrinsic_arity(TTIntrinsic op);

// ---------------------------------------------------------------------------------------------
// Statements
enum class StmtKind { Seq, For, Kernel, Allocate, Let, If, Copy, Gemm, Fill, Store, TTCall, Reduce };
enum class ForKind { Serial, Pipelined, Parallel, Persistent, Unrolled };
const char* for_kind_name(ForKind kind);

struct StmtNode {
  StmtKind kind;
  SourceSpan span;
  StmtNode(StmtKind k, SourceSpan s) : kind(k), span(s) {}
  virtual ~StmtNode() = default;
};
using Stmt = std::shared_ptr<const StmtNode>;

template <typename T>
const T* as(const Stmt& s) {
  return static_cast<const T*>(s.get());
}

struct SeqNode final : StmtNode {
  std::vector<Stmt> stmts;
  SeqNode(std::vector<Stmt> v, SourceSpan s) : StmtNode(StmtKind::Seq, s), stmts(std::move(v)) {}
};
struct ForNode final : StmtNode {
  Var var;
  Expr min, extent;
  ForKind for_kind;
  int num_stages;  // T.Pipelined(num_stages=); 0 when the loop is not pipelined
  Stmt body;
  ForNode(Var v, Expr mn, Expr ext, ForKind k, int stages, Stmt b, SourceSpan s)
      : StmtNode(StmtKind::For, s), var(std::move(v)), min(std::move(mn)), extent(std::move(ext)), for_kind(k),
        num_stages(stages), body(std::move(b)) {}
};
// `with T.Kernel(g0, g1, threads=t) as (bx, by)`: the launch grid (constant extents).
struct KernelNode final : StmtNode {
  std::vector<int64_t> grid;
  std::vector<Var> block_vars;
  int64_t threads;
  Stmt body;
  KernelNode(std::vector<int64_t> g, std::vector<Var> vars, int64_t t, Stmt b, SourceSpan s)
      : StmtNode(StmtKind::Kernel, s), grid(std::move(g)), block_vars(std::move(vars)), threads(t), body(std::move(b)) {}
};
// Declares an on-chip buffer for the rest of the enclosing sequence. For a buffer in scope
// CircularBuffer, cb_index/cb_num_pages/cb_page_size are copied from its `tt.cb.<name>` entry.
struct AllocateNode final : StmtNode {
  Buffer buffer;
  int cb_index = -1;
  int64_t cb_num_pages = 0;
  int64_t cb_page_size = 0;
  AllocateNode(Buffer b, SourceSpan s) : StmtNode(StmtKind::Allocate, s), buffer(std::move(b)) {}
};
// Binds a variable for the rest of the enclosing sequence.
struct LetNode final : StmtNode {
  Var var;
  Expr value;
  LetNode(Var v, Expr e, SourceSpan s) : StmtNode(StmtKind::Let, s), var(std::move(v)), value(std::move(e)) {}
};
struct IfNode final : StmtNode {
  Expr cond;
  Stmt then_body, else_body;  // else_body may be null
  IfNode(Expr c, Stmt t, Stmt e, SourceSpan s)
      : StmtNode(StmtKind::If, s), cond(std::move(c)), then_body(std::move(t)), else_body(std::move(e)) {}
};
// T.copy(src, dst): a tile-level copy between regions of equal element count.
struct CopyNode final : StmtNode {
  Region src, dst;
  CopyNode(Region a, Region b, SourceSpan s) : StmtNode(StmtKind::Copy, s), src(std::move(a)), dst(std::move(b)) {}
};
// T.gemm(A, B, C, transpose_A, transpose_B): C += op(A) @ op(B) on whole on-chip buffers.
struct GemmNode final : StmtNode {
  Region a, b, c;
  bool transpose_a, transpose_b, clear_accum;
  GemmNode(Region x, Region y, Region z, bool ta, bool tb, bool clear, SourceSpan s)
      : StmtNode(StmtKind::Gemm, s), a(std::move(x)), b(std::move(y)), c(std::move(z)), transpose_a(ta),
        transpose_b(tb), clear_accum(clear) {}
};
// T.fill(buf, value) / T.clear(buf) (is_clear keeps the user's spelling for printing).
struct FillNode final : StmtNode {
  Region dst;
  Expr value;
  bool is_clear;
  FillNode(Region d, Expr v, bool clear, SourceSpan s)
      : StmtNode(StmtKind::Fill, s), dst(std::move(d)), value(std::move(v)), is_clear(clear) {}
};
// buf[i, j] = value (element-wise code in T.Parallel loops).
struct StoreNode final : StmtNode {
  Buffer buffer;
  std::vector<Expr> indices;
  Expr value;
  StoreNode(Buffer b, std::vector<Expr> i, Expr v, SourceSpan s)
      : StmtNode(StmtKind::Store, s), buffer(std::move(b)), indices(std::move(i)), value(std::move(v)) {}
};
// T.reduce_<kind>(src, dst, dim=, clear=): dst = reduce of src along `dim` (already made
// non-negative); dst has src's shape without `dim`, or with it as 1. With clear=False the old
// contents of dst take part (dst += sum, dst = max(dst, max), ...).
struct ReduceNode final : StmtNode {
  ReduceKind reduce_kind;
  Region src, dst;
  int dim;
  bool clear;
  ReduceNode(ReduceKind k, Region a, Region b, int d, bool c, SourceSpan s)
      : StmtNode(StmtKind::Reduce, s), reduce_kind(k), src(std::move(a)), dst(std::move(b)), dim(d), clear(c) {}
};
struct TTCallNode final : StmtNode {
  TTIntrinsic op;
  std::vector<Expr> args;
  TTCallNode(TTIntrinsic o, std::vector<Expr> a, SourceSpan s) : StmtNode(StmtKind::TTCall, s), op(o), args(std::move(a)) {}
};

Stmt seq(std::vector<Stmt> stmts, SourceSpan span = {});
Stmt make_for(Var var, Expr min, Expr extent, ForKind kind, int num_stages, Stmt body, SourceSpan span = {});
Stmt make_kernel(std::vector<int64_t> grid, std::vector<Var> vars, int64_t threads, Stmt body, SourceSpan span = {});
Stmt make_allocate(Buffer buffer, SourceSpan span = {});
Stmt make_cb_allocate(Buffer buffer, int cb_index, int64_t num_pages, int64_t page_size, SourceSpan span = {});
Stmt make_let(Var var, Expr value, SourceSpan span = {});
Stmt make_if(Expr cond, Stmt then_body, Stmt else_body, SourceSpan span = {});
Stmt make_copy(Region src, Region dst, SourceSpan span = {});
Stmt make_gemm(Region a, Region b, Region c, bool transpose_a, bool transpose_b, bool clear_accum, SourceSpan span = {});
Stmt make_fill(Region dst, Expr value, bool is_clear, SourceSpan span = {});
Stmt make_store(Buffer buffer, std::vector<Expr> indices, Expr value, SourceSpan span = {});
Stmt tt_call(TTIntrinsic op, std::vector<Expr> args, SourceSpan span = {});
Stmt make_reduce(ReduceKind kind, Region src, Region dst, int dim, bool clear, SourceSpan span = {});

// ---------------------------------------------------------------------------------------------
// Functions and modules. Attributes are JSON values keyed by name (`tt.buffer.A`, `tt.cb.A_shared`,
// `tt.core_ranges`, ...); typed views live in compiler/ir/tt_metadata.h.
using Attrs = std::map<std::string, nlohmann::json>;

enum class KernelRole { None, Reader, Compute, Writer };
const char* kernel_role_name(KernelRole role);

struct PrimFunc {
  std::string name;
  std::vector<Buffer> params;
  Stmt body;
  Attrs attrs;
  KernelRole role = KernelRole::None;  // set by split_device_kernels
  SourceSpan span;
};

// One compilation unit: one instantiated TileLang kernel (program). Program-level metadata
// (layouts, CBs, partition, runtime args) lives in the module's attrs; before
// split_device_kernels there is one PrimFunc, after it one per device kernel.
struct Module {
  std::string name;
  SourceSpan instantiated_at;  // the call that instantiates this kernel (its definition when none does)
  Attrs attrs;
  std::vector<PrimFunc> funcs;
};

}  // namespace tt::ir
