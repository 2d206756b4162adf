// The oracle's interpreter: walks the front-end IR of one kernel, every block of its T.Kernel grid
// in turn, with on-chip allocations made fresh per block; expressions are evaluated in double.
#include "compiler/oracle/oracle.h"

#include <cmath>
#include <limits>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "compiler/ir/functor.h"
#include "compiler/ir/printer.h"
#include "compiler/oracle/machine.h"
#include "compiler/oracle/number_format.h"

namespace tt::oracle {

using namespace ir;
using detail::fail;
using detail::RegionRef;
using detail::shape_text;
using detail::Storage;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool is_integral(double v) { return std::isfinite(v) && v == std::trunc(v) && std::fabs(v) <= 9007199254740992.0; }

double floor_div(double a, double b, SourceSpan span) {
  if (is_integral(a) && is_integral(b)) {
    auto x = static_cast<int64_t>(a), y = static_cast<int64_t>(b);
    if (y == 0) fail(span, "integer division by zero");
    int64_t q = x / y;
    if (x % y != 0 && ((x < 0) != (y < 0))) --q;
    return static_cast<double>(q);
  }
  return std::floor(a / b);
}

double floor_mod(double a, double b, SourceSpan span) {
  if (is_integral(a) && is_integral(b)) return a - floor_div(a, b, span) * b;
  return a - std::floor(a / b) * b;
}

double apply_unary(UnaryOp op, double x) {
  switch (op) {
    case UnaryOp::Neg:
      return -x;
    case UnaryOp::Exp:
      return std::exp(x);
    case UnaryOp::Exp2:
      return std::exp2(x);
    case UnaryOp::Exp10:
      return std::pow(10.0, x);
    case UnaryOp::Log:
      return std::log(x);
    case UnaryOp::Log2:
      return std::log2(x);
    case UnaryOp::Log10:
      return std::log10(x);
    case UnaryOp::Sqrt:
      return std::sqrt(x);
    case UnaryOp::Rsqrt:
      return 1.0 / std::sqrt(x);
    case UnaryOp::Abs:
      return std::fabs(x);
    case UnaryOp::Sigmoid:
      return 1.0 / (1.0 + std::exp(-x));
    case UnaryOp::Tanh:
      return std::tanh(x);
    case UnaryOp::Sin:
      return std::sin(x);
    case UnaryOp::Cos:
      return std::cos(x);
    case UnaryOp::Erf:
      return std::erf(x);
    case UnaryOp::Floor:
      return std::floor(x);
    case UnaryOp::Ceil:
      return std::ceil(x);
  }
  return kNaN;
}

std::string first_line(const Stmt& s) {
  std::string text = print_stmt(s);
  return text.substr(0, text.find('\n'));
}

class Interpreter {
 public:
  explicit Interpreter(const PrimFunc& f) : func_(f) {}

  OracleResult run(const std::map<std::string, HostTensor>& inputs) {
    std::map<std::string, const BufferNode*> params;
    for (const Buffer& p : func_.params) {
      params[p->name] = p.get();
      check_dtype(p, p->span);
    }
    for (const auto& [name, tensor] : inputs) {
      if (!params.count(name)) fail(func_.span, "input '" + name + "' is not a parameter of '" + func_.name + "'");
    }
    for (const Buffer& p : func_.params) {
      auto it = inputs.find(p->name);
      auto& storage = globals_.emplace_back(std::make_unique<Storage>(p, kNaN));
      buffers_[p.get()] = storage.get();
      if (it == inputs.end()) continue;
      const HostTensor& t = it->second;
      if (t.shape != p->shape) {
        fail(p->span, "input '" + p->name + "' has shape " + shape_text(t.shape) + " but the kernel's " + p->name +
                          " is " + shape_text(p->shape));
      }
      if (t.data.size() != storage->data.size()) {
        fail(p->span, "input '" + p->name + "' has " + std::to_string(t.data.size()) + " values, its shape " +
                          shape_text(t.shape) + " needs " + std::to_string(storage->data.size()));
      }
      for (size_t i = 0; i < t.data.size(); ++i) storage->store(static_cast<int64_t>(i), t.data[i]);
    }
    find_global_writes(func_.body);
    for (const Buffer& p : func_.params) {
      if (!written_.count(p.get()) && !inputs.count(p->name)) {
        fail(p->span, "no input for '" + p->name + "', which the kernel reads and never writes");
      }
    }
    exec(func_.body);
    OracleResult result;
    for (const Buffer& p : func_.params) {
      if (!written_.count(p.get())) continue;
      result.outputs[p->name] = HostTensor{p->shape, std::move(buffers_[p.get()]->data)};
    }
    return result;
  }

 private:
  void check_dtype(const Buffer& b, SourceSpan span) {
    if (!is_modelled(b->dtype)) {
      fail(span, std::string("the oracle does not model the block-float dtype ") + dtype_name(b->dtype) +
                     " of buffer '" + b->name + "' (its values share exponents across a block)");
    }
  }

  // The global buffers some statement writes: the kernel's outputs.
  void find_global_writes(const Stmt& root) {
    for_each_stmt(root, [&](const Stmt& s) {
      const Buffer* b = nullptr;
      switch (s->kind) {
        case StmtKind::Copy:
          b = &as<CopyNode>(s)->dst.buffer;
          break;
        case StmtKind::Gemm:
          b = &as<GemmNode>(s)->c.buffer;
          break;
        case StmtKind::Fill:
          b = &as<FillNode>(s)->dst.buffer;
          break;
        case StmtKind::Reduce:
          b = &as<ReduceNode>(s)->dst.buffer;
          break;
        case StmtKind::Store:
          b = &as<StoreNode>(s)->buffer;
          break;
        default:
          break;
      }
      if (b && (*b)->scope == MemScope::Global) written_.insert(b->get());
    });
  }

  // --- statements
  void exec(const Stmt& s) {
    if (!s) return;
    switch (s->kind) {
      case StmtKind::Seq:
        for (const Stmt& c : as<SeqNode>(s)->stmts) exec(c);
        return;
      case StmtKind::For: {
        auto* op = as<ForNode>(s);
        const int64_t lo = index(op->min, op->span), n = index(op->extent, op->span);
        // Every loop kind runs in order: T.Parallel bodies are element-wise maps whose result does
        // not depend on the order; pipelining changes timing, not values.
        for (int64_t i = 0; i < n; ++i) {
          vars_[op->var.get()] = static_cast<double>(lo + i);
          exec(op->body);
        }
        vars_.erase(op->var.get());
        return;
      }
      case StmtKind::Kernel:
        return exec_kernel(as<KernelNode>(s));
      case StmtKind::Allocate: {
        auto* op = as<AllocateNode>(s);
        if (op->buffer->scope == MemScope::CircularBuffer || op->cb_index >= 0) break;
        check_dtype(op->buffer, s->span);
        // Fresh per block; NaN so that reading an element no statement wrote shows in the result.
        auto& slot = locals_[op->buffer.get()];
        slot = std::make_unique<Storage>(op->buffer, kNaN);
        buffers_[op->buffer.get()] = slot.get();
        return;
      }
      case StmtKind::Let: {
        auto* op = as<LetNode>(s);
        vars_[op->var.get()] = eval(op->value);
        return;
      }
      case StmtKind::If: {
        auto* op = as<IfNode>(s);
        exec(eval(op->cond) != 0 ? op->then_body : op->else_body);
        return;
      }
      case StmtKind::Copy: {
        auto* op = as<CopyNode>(s);
        detail::run_copy(region(op->src, s), region(op->dst, s), s->span);
        return;
      }
      case StmtKind::Gemm: {
        auto* op = as<GemmNode>(s);
        detail::run_gemm(*op, region(op->a, s), region(op->b, s), region(op->c, s));
        return;
      }
      case StmtKind::Fill: {
        auto* op = as<FillNode>(s);
        detail::run_fill(region(op->dst, s), eval(op->value), s->span);
        return;
      }
      case StmtKind::Reduce: {
        auto* op = as<ReduceNode>(s);
        detail::run_reduce(*op, region(op->src, s), region(op->dst, s));
        return;
      }
      case StmtKind::Store: {
        auto* op = as<StoreNode>(s);
        Storage& st = storage(op->buffer, s->span);
        const int64_t offset = element_offset(st, op->indices, s->span);
        st.store(offset, eval(op->value));
        return;
      }
      case StmtKind::TTCall:
        fail(s->span, "the oracle interprets the front-end IR; the TT intrinsic '" +
                          std::string(intrinsic_name(as<TTCallNode>(s)->op)) + "' belongs to the lowered program");
    }
    fail(s->span, "the oracle does not interpret '" + first_line(s) + "' (a statement of the lowered program)");
  }

  void exec_kernel(const KernelNode* op) {
    if (in_kernel_) fail(op->span, "nested T.Kernel");
    in_kernel_ = true;
    std::vector<int64_t> block(op->grid.size(), 0);
    int64_t blocks = 1;
    for (int64_t g : op->grid) blocks *= g;
    for (int64_t b = 0; b < blocks; ++b) {
      // Block ids in row-major order of the grid; the last grid dimension varies fastest.
      int64_t rest = b;
      for (size_t d = op->grid.size(); d-- > 0;) {
        if (d < op->block_vars.size()) vars_[op->block_vars[d].get()] = static_cast<double>(rest % op->grid[d]);
        rest /= op->grid[d];
      }
      exec(op->body);
      for (auto& [buffer, slot] : locals_) buffers_.erase(buffer);  // allocations live for one block
      locals_.clear();
    }
    in_kernel_ = false;
  }

  // --- buffers
  Storage& storage(const Buffer& b, SourceSpan span) {
    auto it = buffers_.find(b.get());
    if (it == buffers_.end()) fail(span, "buffer '" + b->name + "' is used before it is allocated");
    return *it->second;
  }

  RegionRef region(const Region& r, const Stmt& s) {
    RegionRef ref;
    ref.storage = &storage(r.buffer, s->span);
    ref.region = &r;
    if (r.starts.size() != r.buffer->shape.size() || r.extents.size() != r.buffer->shape.size()) {
      fail(s->span, "region of '" + r.buffer->name + "' has the wrong number of dimensions");
    }
    for (const Expr& e : r.starts) ref.starts.push_back(index(e, s->span));
    return ref;
  }

  int64_t element_offset(const Storage& st, const std::vector<Expr>& indices, SourceSpan span) {
    const auto& shape = st.buffer->shape;
    if (indices.size() != shape.size()) {
      fail(span, st.buffer->name + " has " + std::to_string(shape.size()) + " dimensions but " +
                     std::to_string(indices.size()) + " indices were given");
    }
    int64_t offset = 0;
    for (size_t d = 0; d < indices.size(); ++d) {
      const int64_t i = index(indices[d], span);
      if (i < 0 || i >= shape[d]) {
        fail(indices[d]->span.valid() ? indices[d]->span : span,
             "index " + std::to_string(i) + " is out of bounds for dimension " + std::to_string(d) + " of " +
                 st.buffer->name + ", which is " + shape_text(shape));
      }
      offset += i * st.strides[d];
    }
    return offset;
  }

  // --- expressions
  int64_t index(const Expr& e, SourceSpan span) {
    const double v = eval(e);
    if (!is_integral(v)) {
      fail(e && e->span.valid() ? e->span : span, "'" + print_expr(e) +
                                                      "' is used as an index or a loop bound but is " +
                                                      std::to_string(v) + ", not an integer");
    }
    return static_cast<int64_t>(v);
  }

  double eval(const Expr& e) {
    switch (e->kind) {
      case ExprKind::IntImm:
        return static_cast<double>(as<IntImmNode>(e)->value);
      case ExprKind::FloatImm:
        return as<FloatImmNode>(e)->value;
      case ExprKind::Var: {
        auto it = vars_.find(as<VarNode>(e));
        if (it == vars_.end()) fail(e->span, "variable '" + as<VarNode>(e)->name + "' has no value here");
        return it->second;
      }
      case ExprKind::Binary:
        return eval_binary(as<BinaryNode>(e));
      case ExprKind::BufferLoad: {
        auto* op = as<BufferLoadNode>(e);
        Storage& st = storage(op->buffer, e->span);
        return st.data[static_cast<size_t>(element_offset(st, op->indices, e->span))];
      }
      case ExprKind::Unary:
        return apply_unary(as<UnaryNode>(e)->op, eval(as<UnaryNode>(e)->a));
      case ExprKind::Cast: {
        auto* op = as<CastNode>(e);
        std::optional<double> v = to_dtype(op->dtype, eval(op->value));
        if (!v)
          fail(e->span,
               std::string("the oracle does not model casts to the block-float dtype ") + dtype_name(op->dtype));
        return *v;
      }
      case ExprKind::Select: {
        // Only the chosen value is evaluated: a select commonly guards a load past a buffer's edge.
        auto* op = as<SelectNode>(e);
        return eval(eval(op->cond) != 0 ? op->true_value : op->false_value);
      }
      case ExprKind::StringImm:
        fail(e->span, "a string is not a numeric value: '" + print_expr(e) + "'");
      case ExprKind::RuntimeArg:
      case ExprKind::CBRef:
        fail(e->span, "the oracle interprets the front-end IR; '" + print_expr(e) + "' belongs to the lowered program");
    }
    fail(e->span, "internal error: unknown expression kind");
  }

  double eval_binary(const BinaryNode* op) {
    // `and`/`or` short-circuit, as in Python and TIR.
    if (op->op == BinaryOp::And) return eval(op->a) != 0 && eval(op->b) != 0 ? 1.0 : 0.0;
    if (op->op == BinaryOp::Or) return eval(op->a) != 0 || eval(op->b) != 0 ? 1.0 : 0.0;
    const double a = eval(op->a), b = eval(op->b);
    switch (op->op) {
      case BinaryOp::Add:
        return a + b;
      case BinaryOp::Sub:
        return a - b;
      case BinaryOp::Mul:
        return a * b;
      case BinaryOp::Div:
        return a / b;  // IEEE: x/0 is +-inf or NaN, as on the device
      case BinaryOp::FloorDiv:
        return floor_div(a, b, op->span);
      case BinaryOp::FloorMod:
        return floor_mod(a, b, op->span);
      case BinaryOp::Min:
        return std::min(a, b);
      case BinaryOp::Max:
        return std::max(a, b);
      case BinaryOp::Eq:
        return a == b;
      case BinaryOp::Ne:
        return a != b;
      case BinaryOp::Lt:
        return a < b;
      case BinaryOp::Le:
        return a <= b;
      case BinaryOp::Gt:
        return a > b;
      case BinaryOp::Ge:
        return a >= b;
      case BinaryOp::And:
      case BinaryOp::Or:
        break;  // handled above
    }
    return kNaN;
  }

  const PrimFunc& func_;
  std::unordered_map<const VarNode*, double> vars_;
  std::unordered_map<const BufferNode*, Storage*> buffers_;
  std::vector<std::unique_ptr<Storage>> globals_;
  std::unordered_map<const BufferNode*, std::unique_ptr<Storage>> locals_;
  std::unordered_set<const BufferNode*> written_;
  bool in_kernel_ = false;
};

}  // namespace

OracleResult run_oracle(const PrimFunc& kernel, const std::map<std::string, HostTensor>& inputs) {
  OracleResult result;
  try {
    result = Interpreter(kernel).run(inputs);
  } catch (const detail::OracleError& e) {
    result.outputs.clear();
    result.diagnostics.add(e.diagnostic);
  }
  return result;
}

}  // namespace tt::oracle
