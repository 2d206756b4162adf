// The intrinsic -> kernel role rule (see tt_kernel_roles.h).
#include "compiler/passes/tt_kernel_roles.h"

#include "compiler/ir/tt_intrinsics.h"
#include "compiler/ir/tt_metadata.h"

namespace tt::passes {

using namespace ir;

namespace {
const CBRefNode* cb_arg(const TTCallNode& call, size_t i) {
  if (i >= call.args.size() || !call.args[i] || call.args[i]->kind != ExprKind::CBRef) return nullptr;
  return as<CBRefNode>(call.args[i]);
}
}  // namespace

std::vector<const CBRefNode*> cb_operands(const TTCallNode& call) {
  const TTIntrinsicInfo& info = intrinsic_info(call.op);
  std::vector<const CBRefNode*> out;
  for (size_t p = 0; p < call.args.size(); ++p) {
    if (!info.is_cb(p)) continue;
    if (const CBRefNode* cb = cb_arg(call, p)) out.push_back(cb);
  }
  return out;
}

bool is_cb_producer_op(TTIntrinsic op) { return intrinsic_info(op).role == TTIntrinsicRole::CbProducer; }
bool is_cb_consumer_op(TTIntrinsic op) { return intrinsic_info(op).role == TTIntrinsicRole::CbConsumer; }

int dst_operand(TTIntrinsic op) { return intrinsic_info(op).find(TTOperand::Dst); }

KernelRole kernel_role_from_name(const std::string& name) {
  if (name == "reader") return KernelRole::Reader;
  if (name == "compute") return KernelRole::Compute;
  if (name == "writer") return KernelRole::Writer;
  return KernelRole::None;
}

KernelRole intrinsic_role(const TTCallNode& call, const Module& module, std::string& error) {
  switch (intrinsic_info(call.op).role) {
    case TTIntrinsicRole::Reader:
      return KernelRole::Reader;
    case TTIntrinsicRole::Writer:
      return KernelRole::Writer;
    case TTIntrinsicRole::Compute:
      return KernelRole::Compute;
    case TTIntrinsicRole::CbProducer:
    case TTIntrinsicRole::CbConsumer:
      break;
  }
  const CBRefNode* cb = cb_arg(call, 0);
  if (!cb) {
    error = std::string(intrinsic_name(call.op)) + " has no circular-buffer operand";
    return KernelRole::None;
  }
  std::optional<CircularBuffer> meta = get_circular_buffer(module, cb->name);
  if (!meta) {
    error = std::string("missing circular-buffer metadata '") + cb_key(cb->name) + "' for buffer " + cb->name;
    return KernelRole::None;
  }
  const std::string& side = is_cb_producer_op(call.op) ? meta->producer : meta->consumer;
  KernelRole role = kernel_role_from_name(side);
  if (role == KernelRole::None) {
    error = std::string("'") + cb_key(cb->name) + "' names no kernel role as its " +
            (is_cb_producer_op(call.op) ? "producer" : "consumer") + " ('" + side + "')";
  }
  return role;
}

}  // namespace tt::passes
