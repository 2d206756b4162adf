// The intrinsic table generated from tt_intrinsics.def, with compile-time checks of its shape.
#include "compiler/ir/tt_intrinsics.h"

#include <initializer_list>

namespace tt::ir {

namespace {

constexpr TTIntrinsicInfo entry(TTIntrinsic op, std::string_view id, std::string_view name, TTIntrinsicRole role,
                                std::string_view compute_header, std::string_view dataflow_header,
                                std::initializer_list<TTOperand> operands) {
  TTIntrinsicInfo info{op, id, name, role, compute_header, dataflow_header, {}, 0};
  for (TTOperand o : operands) info.operands[static_cast<std::size_t>(info.arity++)] = o;
  return info;
}

#define TT_OPERANDS(...) \
  { __VA_ARGS__ }
constexpr std::array<TTIntrinsicInfo, kTTIntrinsicCount> kTable = [] {
  using enum TTOperand;
  return std::array<TTIntrinsicInfo, kTTIntrinsicCount>{
#define TT_INTRINSIC(id, api, role, compute_header, dataflow_header, operands) \
  entry(TTIntrinsic::id, #id, api, TTIntrinsicRole::role, compute_header, dataflow_header, TT_OPERANDS operands),
#include "compiler/ir/tt_intrinsics.def"
#undef TT_INTRINSIC
  };
}();
#undef TT_OPERANDS

// The shape rules every entry obeys; a .def line that breaks one does not compile.
constexpr bool well_formed(const TTIntrinsicInfo& info, std::size_t index) {
  if (static_cast<std::size_t>(info.op) != index || info.name.empty()) return false;
  if (info.compute_header.empty() && info.dataflow_header.empty()) return false;
  // A kernel role is executable only where its header exists.
  if (info.role == TTIntrinsicRole::Compute && info.compute_header.empty()) return false;
  if ((info.role == TTIntrinsicRole::Reader || info.role == TTIntrinsicRole::Writer) && info.dataflow_header.empty())
    return false;
  int syncs = 0;
  bool after_cb = false;
  for (int i = 0; i < info.arity; ++i) {
    TTOperand o = info.operands[static_cast<std::size_t>(i)];
    if (o == TTOperand::CbSync) ++syncs;
    if (o == TTOperand::CbPage && !after_cb) return false;  // a page indexes an earlier CB operand
    if (o == TTOperand::CbSync || o == TTOperand::CbFill || o == TTOperand::CbRead || o == TTOperand::CbConfig)
      after_cb = true;
  }
  // Protocol calls (and only they) have one CbSync operand, first, and take their role from it.
  const bool protocol = info.role == TTIntrinsicRole::CbProducer || info.role == TTIntrinsicRole::CbConsumer;
  if (protocol != (syncs == 1) || syncs > 1) return false;
  if (protocol && info.operands[0] != TTOperand::CbSync) return false;
  return true;
}

constexpr bool table_well_formed() {
  for (std::size_t i = 0; i < kTable.size(); ++i) {
    if (!well_formed(kTable[i], i)) return false;
  }
  return true;
}
static_assert(table_well_formed(), "tt_intrinsics.def: an entry breaks the table's rules (see well_formed)");

}  // namespace

bool TTIntrinsicInfo::is_cb(std::size_t i) const {
  if (i >= static_cast<std::size_t>(arity)) return false;
  TTOperand o = operands[i];
  return o == TTOperand::CbSync || o == TTOperand::CbFill || o == TTOperand::CbRead || o == TTOperand::CbConfig;
}

bool TTIntrinsicInfo::has(TTOperand kind) const { return find(kind) >= 0; }

int TTIntrinsicInfo::find(TTOperand kind) const {
  for (int i = 0; i < arity; ++i) {
    if (operands[static_cast<std::size_t>(i)] == kind) return i;
  }
  return -1;
}

const TTIntrinsicInfo& intrinsic_info(TTIntrinsic op) { return kTable[static_cast<std::size_t>(op)]; }

const std::array<TTIntrinsicInfo, kTTIntrinsicCount>& all_intrinsics() { return kTable; }

const char* intrinsic_name(TTIntrinsic op) { return intrinsic_info(op).name.data(); }

int intrinsic_arity(TTIntrinsic op) { return intrinsic_info(op).arity; }

const char* operand_kind_name(TTOperand kind) {
  switch (kind) {
    case TTOperand::CbSync:
      return "cb";
    case TTOperand::CbFill:
      return "cb_fill";
    case TTOperand::CbRead:
      return "cb_read";
    case TTOperand::CbConfig:
      return "cb_config";
    case TTOperand::CbPage:
      return "cb_page";
    case TTOperand::Count:
      return "count";
    case TTOperand::CorePages:
      return "core_pages";
    case TTOperand::Dst:
      return "dst";
    case TTOperand::DramBuffer:
      return "dram_buffer";
    case TTOperand::DramTile:
      return "dram_tile";
    case TTOperand::Flag:
      return "flag";
    case TTOperand::Semaphore:
      return "semaphore";
    case TTOperand::Value:
      return "value";
    case TTOperand::F32:
      return "f32";
    case TTOperand::F32Bits:
      return "f32_bits";
  }
  return "?";
}

const char* intrinsic_role_name(TTIntrinsicRole role) {
  switch (role) {
    case TTIntrinsicRole::Reader:
      return "reader";
    case TTIntrinsicRole::Writer:
      return "writer";
    case TTIntrinsicRole::Compute:
      return "compute";
    case TTIntrinsicRole::CbProducer:
      return "cb producer";
    case TTIntrinsicRole::CbConsumer:
      return "cb consumer";
  }
  return "?";
}

}  // namespace tt::ir
