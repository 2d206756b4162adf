// TVMScript-like printing of the IR (deterministic: no pointers, sorted attributes).
#include "compiler/ir/printer.h"

#include <charconv>
#include <cmath>

namespace tt::ir {

namespace {

int precedence(const Expr& e) {
  if (e->kind == ExprKind::Unary && as<UnaryNode>(e)->op == UnaryOp::Neg) return 6;
  if (e->kind != ExprKind::Binary) return 100;
  switch (as<BinaryNode>(e)->op) {
    case BinaryOp::Or: return 1;
    case BinaryOp::And: return 2;
    case BinaryOp::Eq: case BinaryOp::Ne: case BinaryOp::Lt: case BinaryOp::Le: case BinaryOp::Gt:
    case BinaryOp::Ge: return 3;
    case BinaryOp::Add: case BinaryOp::Sub: return 4;
    case BinaryOp::Mul: case BinaryOp::FloorDiv: case BinaryOp::FloorMod: case BinaryOp::Div: return 5;
    case BinaryOp::Min: case BinaryOp::Max: return 100;
  }
  return 100;
}

std::string format_float(double v) {
  if (std::isnan(v)) return "T.float32(\"nan\")";
  if (std::isinf(v)) return v > 0 ? "T.float32(\"inf\")" : "T.float32(\"-inf\")";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);
  std::string s(buf, res.ptr);
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  return s;
}

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

void print_expr_to(const Expr& e, std::string& out);

void print_operand(const Expr& e, int parent_prec, bool right, std::string& out) {
  int p = precedence(e);
  bool paren = p < parent_prec || (right && p == parent_prec && p < 100);
  if (paren) out += '(';
  print_expr_to(e, out);
  if (paren) out += ')';
}

void print_expr_to(const Expr& e, std::string& out) {
  if (!e) {
    out += "None";
    return;
  }
  switch (e->kind) {
    case ExprKind::IntImm: out += std::to_string(as<IntImmNode>(e)->value); break;
    case ExprKind::FloatImm: out += format_float(as<FloatImmNode>(e)->value); break;
    case ExprKind::StringImm: out += quote(as<StringImmNode>(e)->value); break;
    case ExprKind::Var: out += as<VarNode>(e)->name; break;
    case ExprKind::Binary: {
      auto* op = as<BinaryNode>(e);
      if (op->op == BinaryOp::Min || op->op == BinaryOp::Max) {
        out += op->op == BinaryOp::Min ? "T.min(" : "T.max(";
        print_expr_to(op->a, out);
        out += ", ";
        print_expr_to(op->b, out);
        out += ')';
        break;
      }
      int p = precedence(e);
      print_operand(op->a, p, false, out);
      out += ' ';
      out += binary_op_symbol(op->op);
      out += ' ';
      print_operand(op->b, p, true, out);
      break;
    }
    case ExprKind::BufferLoad: {
      auto* op = as<BufferLoadNode>(e);
      out += op->buffer->name + "[";
      for (size_t i = 0; i < op->indices.size(); ++i) {
        if (i) out += ", ";
        print_expr_to(op->indices[i], out);
      }
      out += ']';
      break;
    }
    case ExprKind::RuntimeArg: {
      auto* op = as<RuntimeArgNode>(e);
      out += "T.tt.runtime_arg(" + std::to_string(op->index) + ", " + quote(op->name) + ")";
      break;
    }
    case ExprKind::CBRef: {
      auto* op = as<CBRefNode>(e);
      out += op->name + "@cb" + std::to_string(op->index);
      break;
    }
    case ExprKind::Unary: {
      auto* op = as<UnaryNode>(e);
      if (op->op == UnaryOp::Neg) {
        out += '-';
        print_operand(op->a, precedence(e), false, out);
        break;
      }
      out += std::string("T.") + unary_op_name(op->op) + "(";
      print_expr_to(op->a, out);
      out += ')';
      break;
    }
    case ExprKind::Cast: {
      auto* op = as<CastNode>(e);
      out += std::string("T.Cast(\"") + dtype_name(op->dtype) + "\", ";
      print_expr_to(op->value, out);
      out += ')';
      break;
    }
    case ExprKind::Select: {
      auto* op = as<SelectNode>(e);
      out += "T.if_then_else(";
      print_expr_to(op->cond, out);
      out += ", ";
      print_expr_to(op->true_value, out);
      out += ", ";
      print_expr_to(op->false_value, out);
      out += ')';
      break;
    }
  }
}

std::string shape_tuple(const std::vector<int64_t>& shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(shape[i]);
  }
  if (shape.size() == 1) s += ',';
  return s + ")";
}

bool is_full(const Region& r) {
  if (r.extents != r.buffer->shape) return false;
  for (const Expr& s : r.starts) {
    const int64_t* v = as_int(s);
    if (!v || *v != 0) return false;
  }
  return true;
}

class Printer {
 public:
  PrintedIR result;

  void line(int indent, const std::string& text, SourceSpan span) {
    result.text.append(static_cast<size_t>(indent) * 4, ' ');
    result.text += text;
    result.text += '\n';
    result.line_spans.push_back(span);
  }

  // Large metadata (per-core tables, runtime arguments: kilobytes on one line) prints one entry
  // per line, recursively, so that a diff or a search points at the core or argument that changed;
  // small records stay on one line.
  void print_attrs(int indent, const Attrs& attrs, const char* spelling) {
    for (const auto& [key, value] : attrs) {
      print_json(indent, std::string(spelling) + "(" + quote(key) + ", ", value, ")");
    }
  }

  void print_json(int indent, const std::string& prefix, const nlohmann::json& value, const std::string& suffix) {
    constexpr size_t kOneLineLimit = 400;
    std::string one_line = value.dump();
    if (one_line.size() <= kOneLineLimit || !value.is_structured() || value.size() < 2) {
      line(indent, prefix + one_line + suffix, {});
      return;
    }
    line(indent, prefix + (value.is_array() ? "[" : "{"), {});
    for (auto it = value.begin(); it != value.end(); ++it) {
      print_json(indent + 1, value.is_array() ? "" : quote(it.key()) + ": ", it.value(), ",");
    }
    line(indent, (value.is_array() ? "]" : "}") + suffix, {});
  }

  void print_func(const PrimFunc& f) {
    if (f.role != KernelRole::None) line(0, std::string("# device kernel: ") + kernel_role_name(f.role), f.span);
    line(0, "@T.prim_func", f.span);
    std::string sig = "def " + f.name + "(";
    for (size_t i = 0; i < f.params.size(); ++i) {
      const Buffer& b = f.params[i];
      if (i) sig += ", ";
      sig += b->name + ": T.Tensor(" + shape_tuple(b->shape) + ", " + quote(dtype_name(b->dtype)) + ")";
    }
    sig += "):";
    line(0, sig, f.span);
    print_attrs(1, f.attrs, "T.func_attr");
    if (!f.body) {
      line(1, "pass", f.span);
      return;
    }
    print_stmt(1, f.body);
  }

  void print_stmt(int indent, const Stmt& s) {
    if (!s) return;
    switch (s->kind) {
      case StmtKind::Seq: {
        auto* op = as<SeqNode>(s);
        if (op->stmts.empty()) line(indent, "pass", s->span);
        for (const Stmt& child : op->stmts) print_stmt(indent, child);
        break;
      }
      case StmtKind::For: {
        auto* op = as<ForNode>(s);
        std::string head = "for " + op->var->name + " in ";
        switch (op->for_kind) {
          case ForKind::Pipelined:
            head += "T.Pipelined(" + range_args(op) + ", num_stages=" + std::to_string(op->num_stages) + ")";
            break;
          case ForKind::Serial: head += "T.serial(" + range_args(op) + ")"; break;
          case ForKind::Parallel: head += "T.Parallel(" + range_args(op) + ")"; break;
          case ForKind::Unrolled: head += "T.unroll(" + range_args(op) + ")"; break;
          case ForKind::Persistent: head += "T.tt.persistent(" + range_args(op) + ")"; break;
        }
        line(indent, head + ":", s->span);
        print_stmt(indent + 1, op->body);
        break;
      }
      case StmtKind::Kernel: {
        auto* op = as<KernelNode>(s);
        std::string head = "with T.Kernel(";
        for (int64_t g : op->grid) head += std::to_string(g) + ", ";
        head += "threads=" + std::to_string(op->threads) + ") as (";
        for (size_t i = 0; i < op->block_vars.size(); ++i) {
          if (i) head += ", ";
          head += op->block_vars[i]->name;
        }
        if (op->block_vars.size() == 1) head += ',';
        line(indent, head + "):", s->span);
        print_stmt(indent + 1, op->body);
        break;
      }
      case StmtKind::Allocate: {
        auto* op = as<AllocateNode>(s);
        const Buffer& b = op->buffer;
        if (b->scope == MemScope::CircularBuffer) {
          line(indent, b->name + " = T.tt.alloc_cb(" + shape_tuple(b->shape) + ", " + quote(dtype_name(b->dtype)) +
                           ", cb=" + std::to_string(op->cb_index) + ", num_pages=" + std::to_string(op->cb_num_pages) +
                           ", page_size=" + std::to_string(op->cb_page_size) + ")",
               s->span);
          break;
        }
        const char* fn = b->scope == MemScope::Shared     ? "T.alloc_shared"
                         : b->scope == MemScope::Fragment ? "T.alloc_fragment"
                                                          : "T.alloc_local";
        line(indent, b->name + " = " + fn + "(" + shape_tuple(b->shape) + ", " + quote(dtype_name(b->dtype)) + ")", s->span);
        break;
      }
      case StmtKind::Let: {
        auto* op = as<LetNode>(s);
        line(indent, op->var->name + " = " + print_expr(op->value), s->span);
        break;
      }
      case StmtKind::If: {
        auto* op = as<IfNode>(s);
        line(indent, "if " + print_expr(op->cond) + ":", s->span);
        print_stmt(indent + 1, op->then_body);
        if (op->else_body) {
          line(indent, "else:", s->span);
          print_stmt(indent + 1, op->else_body);
        }
        break;
      }
      case StmtKind::Copy: {
        auto* op = as<CopyNode>(s);
        line(indent, "T.copy(" + print_region(op->src) + ", " + print_region(op->dst) + ")", s->span);
        break;
      }
      case StmtKind::Gemm: {
        auto* op = as<GemmNode>(s);
        std::string text = "T.gemm(" + print_region(op->a) + ", " + print_region(op->b) + ", " + print_region(op->c);
        if (op->transpose_a) text += ", transpose_A=True";
        if (op->transpose_b) text += ", transpose_B=True";
        if (op->clear_accum) text += ", clear_accum=True";
        line(indent, text + ")", s->span);
        break;
      }
      case StmtKind::Fill: {
        auto* op = as<FillNode>(s);
        if (op->is_clear) {
          line(indent, "T.clear(" + print_region(op->dst) + ")", s->span);
        } else {
          line(indent, "T.fill(" + print_region(op->dst) + ", " + print_expr(op->value) + ")", s->span);
        }
        break;
      }
      case StmtKind::Store: {
        auto* op = as<StoreNode>(s);
        std::string text = op->buffer->name + "[";
        for (size_t i = 0; i < op->indices.size(); ++i) {
          if (i) text += ", ";
          text += print_expr(op->indices[i]);
        }
        line(indent, text + "] = " + print_expr(op->value), s->span);
        break;
      }
      case StmtKind::Reduce: {
        auto* op = as<ReduceNode>(s);
        line(indent,
             std::string("T.reduce_") + reduce_kind_name(op->reduce_kind) + "(" + print_region(op->src) + ", " +
                 print_region(op->dst) + ", dim=" + std::to_string(op->dim) + ", clear=" + (op->clear ? "True" : "False") +
                 ")",
             s->span);
        break;
      }
      case StmtKind::TTCall: {
        auto* op = as<TTCallNode>(s);
        std::string text = std::string("T.tt.") + intrinsic_name(op->op) + "(";
        for (size_t i = 0; i < op->args.size(); ++i) {
          if (i) text += ", ";
          text += print_expr(op->args[i]);
        }
        line(indent, text + ")", s->span);
        break;
      }
    }
  }

 private:
  static std::string range_args(const ForNode* op) {
    const int64_t* mn = as_int(op->min);
    if (mn && *mn == 0) return print_expr(op->extent);
    return print_expr(op->min) + ", " + print_expr(add(op->min, op->extent));
  }
};

}  // namespace

std::string print_expr(const Expr& expr) {
  std::string out;
  print_expr_to(expr, out);
  return out;
}

std::string print_region(const Region& r) {
  if (is_full(r)) return r.buffer->name;
  std::string out = r.buffer->name + "[";
  for (size_t i = 0; i < r.starts.size(); ++i) {
    if (i) out += ", ";
    if (r.extents[i] == 1) {
      out += print_expr(r.starts[i]);
      continue;
    }
    out += print_expr(r.starts[i]) + ":" + print_expr(add(r.starts[i], int_imm(r.extents[i])));
  }
  return out + "]";
}

std::string print_stmt(const Stmt& stmt) {
  Printer p;
  p.print_stmt(0, stmt);
  return p.result.text;
}

PrintedIR print_module(const Module& module) {
  Printer p;
  p.line(0, "# from tvm.script import tir as T", {});
  p.line(0, "# module " + module.name, {});
  p.print_attrs(0, module.attrs, "T.module_attr");
  for (const PrimFunc& f : module.funcs) {
    p.line(0, "", {});
    p.print_func(f);
  }
  return std::move(p.result);
}

}  // namespace tt::ir
