// The intrinsic -> kernel role rule (see tt_kernel_roles.h).
#include "compiler/passes/tt_kernel_roles.h"

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
  std::vector<size_t> positions;
  switch (call.op) {
    case TTIntrinsic::CbReserveBack: case TTIntrinsic::CbPushBack: case TTIntrinsic::CbWaitFront:
    case TTIntrinsic::CbPopFront: case TTIntrinsic::CopyTileInit: case TTIntrinsic::CopyTile:
    case TTIntrinsic::PackReconfigDataFormat:
      positions = {0};
      break;
    case TTIntrinsic::CopyTileInitWithDt: case TTIntrinsic::ReconfigDataFormatSrca: case TTIntrinsic::MatmulInit:
      positions = {0, 1};
      break;
    case TTIntrinsic::NocReadTile: case TTIntrinsic::NocWriteTile: positions = {2}; break;
    case TTIntrinsic::MatmulHwStartup: positions = {0, 1, 2}; break;
    case TTIntrinsic::MatmulTiles: positions = {0, 1}; break;
    case TTIntrinsic::PackTile: positions = {1}; break;
    case TTIntrinsic::NocReadBarrier: case TTIntrinsic::NocWriteBarrier: case TTIntrinsic::TileRegsAcquire:
    case TTIntrinsic::TileRegsCommit: case TTIntrinsic::TileRegsWait: case TTIntrinsic::TileRegsRelease: break;
  }
  std::vector<const CBRefNode*> out;
  for (size_t p : positions) {
    if (const CBRefNode* cb = cb_arg(call, p)) out.push_back(cb);
  }
  return out;
}

bool is_cb_producer_op(TTIntrinsic op) { return op == TTIntrinsic::CbReserveBack || op == TTIntrinsic::CbPushBack; }
bool is_cb_consumer_op(TTIntrinsic op) { return op == TTIntrinsic::CbWaitFront || op == TTIntrinsic::CbPopFront; }

int dst_operand(TTIntrinsic op) {
  switch (op) {
    case TTIntrinsic::MatmulTiles: return 4;
    case TTIntrinsic::CopyTile: return 2;
    case TTIntrinsic::PackTile: return 0;
    default: return -1;
  }
}

KernelRole kernel_role_from_name(const std::string& name) {
  if (name == "reader") return KernelRole::Reader;
  if (name == "compute") return KernelRole::Compute;
  if (name == "writer") return KernelRole::Writer;
  return KernelRole::None;
}

KernelRole intrinsic_role(const TTCallNode& call, const Module& module, std::string& error) {
  switch (call.op) {
    case TTIntrinsic::NocReadTile: case TTIntrinsic::NocReadBarrier: return KernelRole::Reader;
    case TTIntrinsic::NocWriteTile: case TTIntrinsic::NocWriteBarrier: return KernelRole::Writer;
    case TTIntrinsic::MatmulHwStartup: case TTIntrinsic::MatmulInit: case TTIntrinsic::MatmulTiles:
    case TTIntrinsic::TileRegsAcquire:
    case TTIntrinsic::TileRegsCommit: case TTIntrinsic::TileRegsWait: case TTIntrinsic::TileRegsRelease:
    case TTIntrinsic::CopyTileInit: case TTIntrinsic::CopyTile: case TTIntrinsic::PackTile:
    case TTIntrinsic::PackReconfigDataFormat: case TTIntrinsic::CopyTileInitWithDt:
    case TTIntrinsic::ReconfigDataFormatSrca:
      return KernelRole::Compute;
    case TTIntrinsic::CbReserveBack: case TTIntrinsic::CbPushBack: case TTIntrinsic::CbWaitFront:
    case TTIntrinsic::CbPopFront: break;
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
