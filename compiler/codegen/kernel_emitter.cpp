// Device kernel emission: a structural walk of the kernel IR (Let, For, If, TT intrinsic calls).
#include "compiler/codegen/kernel_emitter.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "compiler/codegen/code_writer.h"
#include "compiler/codegen/cpp_expr.h"
#include "compiler/ir/functor.h"
#include "compiler/ir/tt_intrinsics.h"

namespace tt::codegen {

namespace {

using ir::KernelRole;
using ir::TTIntrinsic;

const char* stmt_kind_name(ir::StmtKind kind) {
  switch (kind) {
    case ir::StmtKind::Seq:
      return "sequence";
    case ir::StmtKind::For:
      return "for";
    case ir::StmtKind::Kernel:
      return "T.Kernel";
    case ir::StmtKind::Allocate:
      return "allocate";
    case ir::StmtKind::Let:
      return "let";
    case ir::StmtKind::If:
      return "if";
    case ir::StmtKind::Copy:
      return "T.copy";
    case ir::StmtKind::Gemm:
      return "T.gemm";
    case ir::StmtKind::Fill:
      return "T.fill";
    case ir::StmtKind::Store:
      return "store";
    case ir::StmtKind::TTCall:
      return "TT call";
    case ir::StmtKind::Reduce:
      return "T.reduce";
  }
  return "?";
}

// The header of today's tt-metal (tt_metal/hw/inc/) that declares an intrinsic in this kind of kernel
// (empty: the intrinsic does not exist there).
std::string intrinsic_header(TTIntrinsic op, bool compute) {
  const ir::TTIntrinsicInfo& info = ir::intrinsic_info(op);
  return std::string(compute ? info.compute_header : info.dataflow_header);
}

const char* role_summary(KernelRole role) {
  switch (role) {
    case KernelRole::Reader:
      return "NoC reads of DRAM tiles into circular buffers";
    case KernelRole::Compute:
      return "Tile matmuls from circular buffers, accumulated in DST";
    case KernelRole::Writer:
      return "NoC writes of result tiles from circular buffers to DRAM";
    case KernelRole::None:
      break;
  }
  return "";
}

void flatten(const ir::Stmt& s, std::vector<ir::Stmt>& out) {
  if (s && s->kind == ir::StmtKind::Seq) {
    for (const ir::Stmt& x : ir::as<ir::SeqNode>(s)->stmts) flatten(x, out);
  } else if (s) {
    out.push_back(s);
  }
}

// What a kernel references: CBs (with a span each), DRAM buffers moved over the NoC (first-use
// order), whether '/' or '%' appear, and every runtime argument (checked against the schema).
class KernelScan : public ir::IRVisitor {
 public:
  std::map<std::string, std::vector<const ir::CBRefNode*>> cbs;  // every reference, by CB name
  std::map<std::string, SourceSpan> noc_spans;                   // first NoC access of each buffer
  std::set<TTIntrinsic> ops;
  std::vector<const ir::RuntimeArgNode*> runtime_args;
  std::set<const ir::VarNode*> semaphores;  // variables used as Semaphore operands (semaphore ids)
  bool floor_ops = false;

  using ir::IRVisitor::visit;
  void visit(const ir::Expr& e) override {
    if (!e) return;
    if (e->kind == ir::ExprKind::CBRef) cbs[ir::as<ir::CBRefNode>(e)->name].push_back(ir::as<ir::CBRefNode>(e));
    if (e->kind == ir::ExprKind::RuntimeArg) runtime_args.push_back(ir::as<ir::RuntimeArgNode>(e));
    if (e->kind == ir::ExprKind::Binary) {
      auto op = ir::as<ir::BinaryNode>(e)->op;
      floor_ops = floor_ops || op == ir::BinaryOp::FloorDiv || op == ir::BinaryOp::FloorMod;
    }
    ir::IRVisitor::visit(e);
  }

 protected:
  void visit_tt_call(const ir::TTCallNode* op) override {
    if ((op->op == TTIntrinsic::NocReadTile || op->op == TTIntrinsic::NocWriteTile) && !op->args.empty() &&
        op->args[0] && op->args[0]->kind == ir::ExprKind::StringImm) {
      noc_spans.emplace(ir::as<ir::StringImmNode>(op->args[0])->value, op->span);
    }
    ops.insert(op->op);
    const ir::TTIntrinsicInfo& info = ir::intrinsic_info(op->op);
    for (size_t i = 0; i < op->args.size() && i < static_cast<size_t>(info.arity); ++i) {
      if (info.operands[i] == ir::TTOperand::Semaphore && op->args[i]->kind == ir::ExprKind::Var)
        semaphores.insert(ir::as<ir::VarNode>(op->args[i]));
    }
    ir::IRVisitor::visit_tt_call(op);
  }
};

class KernelEmitter {
 public:
  KernelEmitter(const KernelSpec& spec, const ProgramInfo& program, DiagnosticList& diags)
      : spec_(spec),
        program_(program),
        diags_(diags),
        printer_(
            names_, [this](const ir::CBRefNode* cb) { return cb_identifier(cb); }, diags) {}

  std::optional<Artifact> run() {
    const ir::PrimFunc& f = *spec_.func;
    scan_.visit(f.body);
    check_scan();
    emit_header();
    w_.open("void kernel_main() {", f.span);
    emit_cb_ids();
    emit_body(f.body);
    w_.close("}");
    if (!ok_ || !printer_.ok()) return std::nullopt;
    return std::move(w_).finish(spec_.file);
  }

 private:
  void error(SourceSpan span, const std::string& message) {
    codegen_error(diags_, span, message + " (" + spec_.name + " kernel)");
    ok_ = false;
  }

  std::string cb_identifier(const ir::CBRefNode* cb) {
    auto it = cb_ids_.find(cb->name);
    return it != cb_ids_.end() ? it->second : c_identifier("cb_" + cb->name);
  }

  std::string expr(const ir::Expr& e) { return printer_.print(e); }

  void check_scan() {
    // CB ids: the IR's CBRef must agree with tt.cb.<name>; identifiers reserved in index order.
    std::vector<const PlacedCB*> used;
    for (const auto& [name, refs] : scan_.cbs) {
      const PlacedCB* cb = program_.cb(name);
      if (!cb) {
        error(refs.front()->span, "circular buffer '" + name + "' has no tt.cb." + name + " entry");
        continue;
      }
      bool consistent = true;
      for (const ir::CBRefNode* ref : refs) {
        if (ref->index == cb->cb.index) continue;
        error(ref->span, "CB '" + name + "' is referenced as index " + std::to_string(ref->index) + " but tt.cb." +
                             name + " allocates index " + std::to_string(cb->cb.index));
        consistent = false;
        break;
      }
      if (consistent) used.push_back(cb);
    }
    std::sort(used.begin(), used.end(), [](const PlacedCB* a, const PlacedCB* b) { return a->cb.index < b->cb.index; });
    for (const PlacedCB* cb : used) {
      used_cbs_.push_back(cb);
      cb_ids_[cb->cb.name] = names_.fresh("cb_" + cb->cb.name);
    }
    for (const std::string& b : spec_.accessors) accessors_[b] = names_.fresh(b + "_accessor");
    for (const auto& [buffer, span] : scan_.noc_spans) {
      if (!accessors_.count(buffer)) {
        error(span, "buffer '" + buffer + "' is moved over the NoC but the kernel has no TensorAccessor for it");
      }
    }
    const auto& arg_names = spec_.runtime_arg_names;
    for (const ir::RuntimeArgNode* arg : scan_.runtime_args) {
      if (arg->index < 0 || static_cast<size_t>(arg->index) >= arg_names.size()) {
        error(arg->span, "runtime argument '" + arg->name + "' has index " + std::to_string(arg->index) + ", but the " +
                             spec_.name + " kernel has " + std::to_string(arg_names.size()) + " runtime arguments");
      } else if (arg_names[arg->index] != arg->name) {
        error(arg->span, "runtime argument " + std::to_string(arg->index) + " is '" + arg->name + "' in the IR but '" +
                             arg_names[arg->index] + "' in tt.runtime_arg_names");
      }
    }
  }

  void emit_header() {
    const bool compute = spec_.role == KernelRole::Compute;
    w_.line("// " + spec_.file + ": " + spec_.name + " kernel of `" + program_.kernel_name + "` from " +
            program_.source_name + ".");
    // A compute kernel without a T.gemm (program_.gemm empty) runs element-wise maps only.
    const bool eltwise_only = compute && program_.gemm.c.empty();
    w_.line(std::string("// ") +
            (eltwise_only ? "Element-wise tile math from circular buffers in DST, packed to circular buffers"
                          : role_summary(spec_.role)) +
            ".");
    w_.line("// generated by tt-inspect \u2014 do not edit. Targets " + std::string(kTtMetalTarget) + ".");
    if (scan_.floor_ops) {
      w_.line("// Integer '/' and '%' are TileLang's floordiv and floormod: every operand is a non-negative");
      w_.line("// uint32_t, for which floor and truncating division agree.");
    }
    w_.line("#include <cstdint>");
    w_.blank();
    std::set<std::string> headers;
    if (!compute) headers.insert(intrinsic_header(TTIntrinsic::NocReadBarrier, false));  // get_arg_val, TensorAccessor
    for (TTIntrinsic op : scan_.ops) {
      std::string header = intrinsic_header(op, compute);
      if (!header.empty()) headers.insert(header);  // else emit_call reports the misplaced call
    }
    if (compute) headers.insert("api/compute/common.h");  // get_arg_val
    for (const std::string& h : headers) w_.line("#include \"" + h + "\"");
    w_.blank();
  }

  void emit_cb_ids() {
    if (used_cbs_.empty()) return;
    for (const PlacedCB* placed : used_cbs_) {
      const ir::CircularBuffer& cb = placed->cb;
      w_.line("constexpr uint32_t " + cb_ids_[cb.name] + " = tt::CBIndex::c_" + std::to_string(cb.index) + ";  // " +
                  std::to_string(cb.tiles_per_stage) + " tiles x " + std::to_string(cb.depth) +
                  (cb.depth == 1 ? " stage of " : " stages of ") + cb.data_format + ", " +
                  std::to_string(cb.page_size) + "-byte pages",
              placed->span);
    }
    w_.blank();
  }

  // Leading Lets (runtime arguments and their arithmetic) first, then the DRAM tensor accessors,
  // created once before any loop, then the rest.
  void emit_body(const ir::Stmt& body) {
    std::vector<ir::Stmt> stmts;
    flatten(body, stmts);
    size_t i = 0;
    for (; i < stmts.size() && stmts[i]->kind == ir::StmtKind::Let; ++i) emit_stmt(stmts[i]);
    if (!accessors_.empty()) {
      if (i > 0) w_.blank();
      emit_accessors(std::vector<ir::Stmt>(stmts.begin(), stmts.begin() + static_cast<long>(i)));
      if (i < stmts.size()) w_.blank();
    }
    for (; i < stmts.size(); ++i) emit_stmt(stmts[i]);
  }

  // One TensorAccessor per DRAM buffer; its TensorAccessorArgs are the compile-time arguments the host
  // appended with TensorAccessorArgs(*buffer).append_to(), in spec_.accessors order.
  void emit_accessors(const std::vector<ir::Stmt>& leading_lets) {
    std::string offset = "0";
    for (const std::string& name : spec_.accessors) {
      const SourceSpan span = buffer_span(name);
      int index = program_.address_arg(spec_.role, name);
      if (index < 0) {
        error(span, "no runtime argument of the " + spec_.name + " kernel holds the address of buffer '" + name + "'");
        continue;
      }
      // The address: the variable a leading Let bound to that argument, else the argument itself.
      std::string address = "get_arg_val<uint32_t>(" + std::to_string(index) + ")";
      for (const ir::Stmt& s : leading_lets) {
        auto* let = ir::as<ir::LetNode>(s);
        if (let->value && let->value->kind == ir::ExprKind::RuntimeArg &&
            ir::as<ir::RuntimeArgNode>(let->value)->index == index) {
          if (const std::string* var = names_.lookup(let->var.get())) address = *var;
        }
      }
      const std::string args = names_.fresh(name + "_args");
      w_.line("constexpr auto " + args + " = TensorAccessorArgs<" + offset + ">();", span);
      w_.line("const auto " + accessors_[name] + " = TensorAccessor(" + args + ", " + address + ");", span);
      offset = args + ".next_compile_time_args_offset()";
    }
  }

  // The kernel parameter's declaration when the kernel still lists it, else the first NoC access.
  SourceSpan buffer_span(const std::string& name) const {
    for (const ir::Buffer& b : spec_.func->params) {
      if (b->name == name && b->span.valid()) return b->span;
    }
    auto it = scan_.noc_spans.find(name);
    return it == scan_.noc_spans.end() ? SourceSpan{} : it->second;
  }

  void emit_stmt(const ir::Stmt& s) {
    printer_.set_statement_span(s->span);
    switch (s->kind) {
      case ir::StmtKind::Seq:
        for (const ir::Stmt& x : ir::as<ir::SeqNode>(s)->stmts) emit_stmt(x);
        return;
      case ir::StmtKind::Let: {
        auto* let = ir::as<ir::LetNode>(s);
        std::string value = expr(let->value);
        const std::string name = names_.declare(let->var.get());
        w_.line("uint32_t " + name + " = " + value + ";", s->span);
        if (scan_.semaphores.count(let->var.get())) declare_semaphore(let->var.get(), name, s->span);
        return;
      }
      case ir::StmtKind::For:
        return emit_for(ir::as<ir::ForNode>(s));
      case ir::StmtKind::If:
        return emit_if(ir::as<ir::IfNode>(s), false);
      case ir::StmtKind::TTCall:
        return emit_call(ir::as<ir::TTCallNode>(s));
      case ir::StmtKind::Allocate:
        // A CB allocation is the host's job (CircularBufferConfig in main.cpp); the kernel only uses its id.
        if (ir::as<ir::AllocateNode>(s)->buffer->scope == ir::MemScope::CircularBuffer) return;
        break;
      default:
        break;
    }
    error(s->span,
          std::string(stmt_kind_name(s->kind)) +
              " statement left in a device kernel: tensorize_tt and split_device_kernels lower it to TT calls");
  }

  void emit_for(const ir::ForNode* op) {
    const int64_t* min = ir::as_int(op->min);
    std::string begin = expr(op->min);
    std::string end = (min && *min == 0) ? expr(op->extent) : expr(ir::add(op->min, op->extent));
    std::string v = names_.declare(op->var.get());
    std::string comment;
    if (op->for_kind == ir::ForKind::Persistent) comment = "  // persistent loop over this core's blocks";
    if (op->for_kind == ir::ForKind::Pipelined) {
      comment = "  // T.Pipelined, num_stages=" + std::to_string(op->num_stages) + " (the CB depth)";
    }
    w_.open("for (uint32_t " + v + " = " + begin + "; " + v + " < " + end + "; ++" + v + ") {" + comment, op->span);
    emit_stmt(op->body);
    w_.close("}", op->span);
  }

  void emit_if(const ir::IfNode* op, bool chained) {
    printer_.set_statement_span(op->span);
    std::string head = "if (" + expr(op->cond) + ") {";
    if (chained) {
      w_.close("} else " + head, op->span);
      w_.indent();
    } else {
      w_.open(head, op->span);
    }
    emit_stmt(op->then_body);
    if (op->else_body && op->else_body->kind == ir::StmtKind::If) {
      emit_if(ir::as<ir::IfNode>(op->else_body), true);
      return;
    }
    if (op->else_body) {
      w_.close("} else {", op->span);
      w_.indent();
      emit_stmt(op->else_body);
    }
    w_.close("}", op->span);
  }

  void emit_call(const ir::TTCallNode* op) {
    const bool compute = spec_.role == KernelRole::Compute;
    if (op->op == TTIntrinsic::FillMaskPage) return emit_mask_page(op);
    if (intrinsic_header(op->op, compute).empty()) {
      return error(op->span,
                   std::string(ir::intrinsic_name(op->op)) +
                       (compute ? " in the compute kernel, which has no NoC access" : " in a data-movement kernel"));
    }
    if (static_cast<int>(op->args.size()) != ir::intrinsic_arity(op->op)) {
      return error(op->span, std::string(ir::intrinsic_name(op->op)) + " with " + std::to_string(op->args.size()) +
                                 " operands, expected " + std::to_string(ir::intrinsic_arity(op->op)));
    }
    if (op->op == TTIntrinsic::NocReadTile || op->op == TTIntrinsic::NocWriteTile) return emit_noc_tile(op);
    if (emit_core_to_core(op)) return;
    const ir::TTIntrinsicInfo& info = ir::intrinsic_info(op->op);
    std::vector<std::string> args;
    for (size_t i = 0; i < op->args.size(); ++i) {
      const ir::TTOperand kind = info.operands[i];
      if (kind == ir::TTOperand::Semaphore) {
        args.push_back(semaphore(op->args[i], true));
      } else if (kind == ir::TTOperand::F32 || kind == ir::TTOperand::F32Bits) {
        args.push_back(float_operand(op->args[i], kind));
      } else {
        args.push_back(expr(op->args[i]));
      }
    }
    w_.call(std::string(ir::intrinsic_name(op->op)) + "(", args, ");", op->span);
  }

  // fill_mask_page (tt_intrinsics.def): the page's L1 words written in the 4-face tile layout (faces 0 1 / 2 3 of
  // 16x16, row-major inside a face) of an fp32 CB, as tt-metal's SDPA readers write their causal mask tiles.
  void emit_mask_page(const ir::TTCallNode* op) {
    const auto& a = op->args;
    const PlacedCB* placed =
        a[0]->kind == ir::ExprKind::CBRef ? program_.cb(ir::as<ir::CBRefNode>(a[0])->name) : nullptr;
    if (spec_.role == KernelRole::Compute || !placed)
      return error(op->span, "fill_mask_page needs a data-movement kernel and a CB with a tt.cb entry");
    const int64_t *ra = ir::as_int(a[4]), *rb = ir::as_int(a[5]), *g = ir::as_int(a[6]);
    if (placed->cb.data_format != "Float32" || placed->cb.page_size != 4096 || !ra || !rb || !g) {
      return error(op->span, "fill_mask_page writes 32x32 Float32 pages with constant coefficients; CB '" +
                                 placed->cb.name + "' holds " + placed->cb.data_format + " pages");
    }
    const std::string page = names_.fresh("mask_page"), r = names_.fresh("r"), c = names_.fresh("c");
    ir::Expr offset = ir::mul(a[1], ir::int_imm(placed->cb.page_size));
    const int64_t* zero = ir::as_int(offset);
    w_.line("volatile tt_l1_ptr uint32_t* " + page +
                " = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(get_write_ptr(" + expr(a[0]) + ")" +
                (zero && *zero == 0 ? "" : " + " + expr(offset)) + ");",
            op->span);
    w_.open("for (uint32_t " + r + " = 0; " + r + " < 32; ++" + r + ") {", op->span);
    w_.open("for (uint32_t " + c + " = 0; " + c + " < 32; ++" + c + ") {", op->span);
    // a * r + b * c + g with a, b in {-1, 0, 1}, in int32_t.
    std::string value;
    auto term = [&](int64_t coeff, const std::string& v) {
      if (coeff == 0) return;
      value += std::string(coeff < 0 ? (value.empty() ? "-" : " - ") : (value.empty() ? "" : " + ")) +
               (std::llabs(coeff) == 1 && !v.empty() ? "" : std::to_string(std::llabs(coeff))) +
               (v.empty() ? "" : (std::llabs(coeff) == 1 ? "" : " * ") + v);
    };
    term(*ra, "int32_t(" + r + ")");
    term(*rb, "int32_t(" + c + ")");
    term(*g, "");
    if (value.empty()) value = "0";
    w_.line(page + "[(" + r + " / 16 * 2 + " + c + " / 16) * 256 + " + r + " % 16 * 16 + " + c + " % 16] = " + value +
                " >= 0 ? " + float_operand(a[2], ir::TTOperand::F32Bits) + " : " +
                float_operand(a[3], ir::TTOperand::F32Bits) + ";",
            op->span);
    w_.close("}", op->span);
    w_.close("}", op->span);
  }

  // A semaphore id variable: its L1 word as the address get_semaphore returns, and as the pointer the
  // noc_semaphore_* calls take (tt-metal's readers declare both once, after reading the id).
  void declare_semaphore(const ir::VarNode* var, const std::string& name, SourceSpan span) {
    const std::string addr = names_.fresh(name + "_addr"), ptr = names_.fresh(name + "_ptr");
    w_.line("const uint32_t " + addr + " = get_semaphore(" + name + ");", span);
    w_.line("volatile tt_l1_ptr uint32_t* " + ptr + " = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(" + addr + ");",
            span);
    semaphore_names_[var] = {addr, ptr};
  }

  std::string semaphore(const ir::Expr& e, bool pointer) {
    auto it = e->kind == ir::ExprKind::Var ? semaphore_names_.find(ir::as<ir::VarNode>(e)) : semaphore_names_.end();
    if (it == semaphore_names_.end()) {
      error(e->span, "semaphore operand " + expr(e) + " is not a variable bound to a semaphore id before its use");
      return "0";
    }
    return pointer ? it->second.second : it->second.first;
  }

  // The calls that address another core's L1 through a NoC address built from NoC coordinates.
  bool emit_core_to_core(const ir::TTCallNode* op) {
    const auto& a = op->args;
    auto rect = [&](size_t i, const std::string& l1) {
      return "get_noc_multicast_addr(" + expr(a[i]) + ", " + expr(a[i + 1]) + ", " + expr(a[i + 2]) + ", " +
             expr(a[i + 3]) + ", " + l1 + ")";
    };
    const std::string name = ir::intrinsic_name(op->op);
    switch (op->op) {
      case TTIntrinsic::SemaphoreIncRemote: {
        const std::string addr = semaphore(a[0], false);
        w_.call(name + "(", {"get_noc_addr(" + expr(a[1]) + ", " + expr(a[2]) + ", " + addr + ")", "1"}, ");",
                op->span);
        return true;
      }
      case TTIntrinsic::WriteMulticast: {
        const PlacedCB* placed =
            a[0]->kind == ir::ExprKind::CBRef ? program_.cb(ir::as<ir::CBRefNode>(a[0])->name) : nullptr;
        if (!placed) {
          error(op->span, name + " needs a CB operand with a tt.cb entry");
          return true;
        }
        const std::string l1 = "get_write_ptr(" + expr(a[0]) + ")";
        const std::string bytes = expr(ir::mul(a[1], ir::int_imm(placed->cb.page_size)));
        w_.call(name + "(", {l1, rect(2, l1), bytes, expr(a[6])}, ");", op->span);
        return true;
      }
      case TTIntrinsic::SemaphoreSetMulticast: {
        const std::string addr = semaphore(a[0], false);
        w_.call(name + "(", {addr, rect(1, addr), expr(a[5])}, ");", op->span);
        return true;
      }
      default:
        return false;
    }
  }

  // A floating-point operand, rounded to fp32 as the device receives it: a float literal that reads back as the
  // same fp32 value, or (F32Bits) that value's bits in hex with the value beside it.
  std::string float_operand(const ir::Expr& e, ir::TTOperand kind) {
    if (!e || e->kind != ir::ExprKind::FloatImm) {
      error(e ? e->span : SourceSpan{}, "a floating-point operand that is not a constant");
      return "0";
    }
    const float value = static_cast<float>(ir::as<ir::FloatImmNode>(e)->value);
    char text[64];
    std::snprintf(text, sizeof text, "%.9gf", static_cast<double>(value));
    std::string literal = text;
    if (std::isinf(value)) {
      literal = value < 0 ? "-__builtin_inff()" : "__builtin_inff()";  // T.infinity: no float literal spells it
    } else if (std::isnan(value)) {
      literal = "__builtin_nanf(\"\")";
    } else if (literal.find_first_of(".e") == std::string::npos) {
      literal.insert(literal.size() - 1, ".0");
    }
    if (kind == ir::TTOperand::F32) return literal;
    std::snprintf(text, sizeof text, "0x%08Xu", std::bit_cast<uint32_t>(value));
    return std::string(text) + " /* " + literal + " */";
  }

  // noc_async_{read,write}_page(tile_id, accessor, l1_addr): the L1 address is the CB's write (read)
  // pointer plus the page offset within the reserved (front) pages.
  void emit_noc_tile(const ir::TTCallNode* op) {
    const bool read = op->op == TTIntrinsic::NocReadTile;
    const ir::Expr& buf = op->args[0];
    const ir::Expr& cb = op->args[2];
    if (buf->kind != ir::ExprKind::StringImm || cb->kind != ir::ExprKind::CBRef) {
      return error(op->span, std::string(ir::intrinsic_name(op->op)) + " needs a buffer name and a CB operand");
    }
    const std::string& name = ir::as<ir::StringImmNode>(buf)->value;
    const PlacedCB* placed = program_.cb(ir::as<ir::CBRefNode>(cb)->name);
    const ir::BufferLayout* layout = program_.buffer(name);
    if (!placed || !layout) return;  // reported by check_scan / collect_program_info
    if (placed->cb.page_size != layout->tile_bytes || placed->cb.data_format != layout->data_format) {
      return error(op->span, "CB '" + placed->cb.name + "' holds " + placed->cb.data_format + " pages of " +
                                 std::to_string(placed->cb.page_size) + " bytes but buffer '" + name + "' has " +
                                 layout->data_format + " tiles of " + std::to_string(layout->tile_bytes) + " bytes");
    }
    std::string l1 = std::string(read ? "get_write_ptr(" : "get_read_ptr(") + expr(cb) + ")";
    ir::Expr offset = ir::mul(op->args[3], ir::int_imm(placed->cb.page_size));
    const int64_t* zero = ir::as_int(offset);
    if (!(zero && *zero == 0)) l1 += " + " + expr(offset);
    w_.call(std::string(ir::intrinsic_name(op->op)) + "(", {expr(op->args[1]), accessors_[name], l1}, ");", op->span);
  }

  const KernelSpec& spec_;
  const ProgramInfo& program_;
  DiagnosticList& diags_;
  CodeWriter w_;
  CppNames names_;
  CppExprPrinter printer_;
  KernelScan scan_;
  std::vector<const PlacedCB*> used_cbs_;
  std::map<std::string, std::string> cb_ids_;
  std::map<std::string, std::string> accessors_;
  std::map<const ir::VarNode*, std::pair<std::string, std::string>> semaphore_names_;  // (address, pointer)
  bool ok_ = true;
};

}  // namespace

std::optional<Artifact> emit_kernel(const KernelSpec& spec, const ProgramInfo& program, DiagnosticList& diags) {
  return KernelEmitter(spec, program, diags).run();
}

}  // namespace tt::codegen
