// verify_tt_ir: exact per-iteration CB traffic of a kernel (count_tt_calls does the walk).
#include "compiler/passes/tt_call_counter.h"
#include "compiler/passes/tt_kernel_roles.h"
#include "compiler/passes/verify_tt_ir_internal.h"

namespace tt::passes::verify {

using namespace ir;

namespace {

// Adds one counted reserve/push/wait/pop call to its CB's totals.
std::optional<std::string> add(const CountedCall& c, KernelTraffic& out) {
  std::vector<const CBRefNode*> cbs = cb_operands(c.call);
  std::optional<int64_t> n = c.call.args.size() == 2 ? eval_const(c.call.args[1], c.env) : std::nullopt;
  if (cbs.empty() || !n) return "the tile count is unknown at compile time";
  CBTraffic& t = out[cbs[0]->name];
  int64_t tiles = 0;
  if (__builtin_mul_overflow(*n, c.times, &tiles)) return "the tile count overflows 64 bits";
  int64_t* total = nullptr;
  Stmt* first = nullptr;
  switch (c.call.op) {
    case TTIntrinsic::CbReserveBack: total = &t.reserve, first = &t.first_reserve; break;
    case TTIntrinsic::CbPushBack: total = &t.push, first = &t.first_push; break;
    case TTIntrinsic::CbWaitFront: total = &t.wait, first = &t.first_wait; break;
    default: total = &t.pop, first = &t.first_pop; break;
  }
  if (__builtin_add_overflow(*total, tiles, total)) return "the tile count overflows 64 bits";
  if (!*first) *first = c.stmt;
  return std::nullopt;
}

}  // namespace

bool count_cb_traffic(const PrimFunc& func, KernelTraffic& out, DiagnosticList& diags, std::optional<int64_t> block,
                      bool& needs_block) {
  std::optional<CallCountFailure> failure = count_tt_calls(
      func, [](TTIntrinsic op) { return is_cb_producer_op(op) || is_cb_consumer_op(op); },
      [&](const CountedCall& c) { return add(c, out); }, nullptr, block);
  needs_block = failure && failure->needs_block;
  if (!failure || needs_block) return !failure;
  diags.error(failure->where->span, "in " + func.name + ": cannot count circular-buffer traffic through '" +
                                        node_text(failure->where) + "': " + failure->why);
  return false;
}

}  // namespace tt::passes::verify
