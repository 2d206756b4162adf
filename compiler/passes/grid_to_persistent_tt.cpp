// grid_to_persistent_tt: T.Kernel grid -> persistent loop over the core's [start, start + count).
#include "compiler/passes/grid_to_persistent_tt.h"

#include <algorithm>

#include "compiler/ir/functor.h"
#include "compiler/ir/tt_metadata.h"
#include "compiler/passes/tile_op_analysis.h"

namespace tt::passes {

using namespace ir;

namespace {

class KernelToPersistent final : public IRMutator {
 public:
  KernelToPersistent(int start_index, int num_index) : start_index_(start_index), num_index_(num_index) {}
  using IRMutator::mutate;

 protected:
  Stmt mutate_kernel(const Stmt&, const KernelNode* op) override {
    const SourceSpan span = op->span;
    Var start = make_var("start_block", span);
    Var num = make_var("num_blocks", span);
    Var block = make_var("block", span);
    std::vector<Stmt> body;
    // Linear block id = (bz * grid_y + by) * grid_x + bx (the partition's row-major tile_order, bx
    // fastest). Bound outermost first: bz = block // (gx * gy), by = block // gx % gy, bx = block % gx.
    const size_t rank = op->block_vars.size();
    std::vector<int64_t> inner(rank, 1);  // blocks per step of dim d: product of the faster dims
    for (size_t d = 1; d < rank; ++d) inner[d] = inner[d - 1] * op->grid[d - 1];
    for (size_t d = rank; d-- > 0;) {
      Expr index = block;
      if (d > 0) index = floordiv(index, int_imm(inner[d], span), span);
      if (d + 1 < rank) index = floormod(index, int_imm(op->grid[d], span), span);
      body.push_back(make_let(op->block_vars[d], index, span));
    }
    if (op->body->kind == StmtKind::Seq) {
      for (const Stmt& s : as<SeqNode>(op->body)->stmts) body.push_back(s);
    } else {
      body.push_back(op->body);
    }
    Stmt loop = make_for(block, start, num, ForKind::Persistent, 0, seq(std::move(body), span), span);
    return seq({make_let(start, runtime_arg("start_block", start_index_, span), span),
                make_let(num, runtime_arg("num_blocks", num_index_, span), span), loop},
               span);
  }

 private:
  int start_index_, num_index_;
};

}  // namespace

bool grid_to_persistent_tt(Module& module, const PassContext&, DiagnosticList& diags) {
  PrimFunc* func = single_func(module, "grid_to_persistent_tt", diags);
  if (!func) return false;
  auto kernels = collect_kernels(func->body);
  if (kernels.size() != 1) {
    diags.error(func->span, "grid_to_persistent_tt needs exactly one T.Kernel in '" + func->name + "'");
    return false;
  }
  const SourceSpan span = kernels[0]->span;
  auto args = get_runtime_args(module);
  if (!args) {
    diags.error(span, std::string("no runtime-argument metadata (") + kRuntimeArgNamesKey + " / " + kRuntimeArgsKey +
                          " missing or malformed)");
    return false;
  }
  bool ok = true;
  for (KernelRole role : {KernelRole::Reader, KernelRole::Compute, KernelRole::Writer}) {
    const std::vector<std::string>& names = args->names(role);
    for (const char* needed : {"start_block", "num_blocks"}) {
      if (std::find(names.begin(), names.end(), needed) != names.end()) continue;
      diags.error(span, std::string("runtime arg '") + needed + "' is missing from " + kRuntimeArgNamesKey + "." +
                            kernel_role_name(role));
      ok = false;
    }
  }
  if (!ok) return false;
  auto index_of = [&](const char* name) {
    const auto& names = args->compute;
    return static_cast<int>(std::find(names.begin(), names.end(), name) - names.begin());
  };
  KernelToPersistent lower(index_of("start_block"), index_of("num_blocks"));
  func->body = lower.mutate(func->body);
  return true;
}

}  // namespace tt::passes
