// What each TT-Metalium intrinsic is: API spelling, operand kinds, the kernel that runs it and the
// header that declares it, generated from tt_intrinsics.def. The one source for the printer, the
// verifier, the kernel split, codegen and the emulator's coverage test.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "compiler/ir/ir.h"

namespace tt::ir {

// How a call uses one operand.
enum class TTOperand : std::uint8_t {
  CbSync,      // the CB of a protocol call (reserve/push/wait/pop); its side is the intrinsic's role
  CbFill,      // a CB whose reserved pages the call writes (NoC read into L1, pack_tile)
  CbRead,      // a CB whose front pages the call reads (NoC write from L1, copy_tile, matmul_tiles)
  CbConfig,    // a CB named for its data format only (init and reconfiguration calls)
  CbPage,      // a page index into the nearest CB operand before it
  Count,       // a number of tiles
  CorePages,   // a number of a CB's pages sent from this core's L1 to other cores' L1 (a core-to-core NoC transfer)
  Dst,         // a DST register tile index
  DramBuffer,  // the DRAM buffer's name (StringImm)
  DramTile,    // a page (tile) id of that DRAM buffer
  Flag,        // a constant integer option (matmul transpose)
  Semaphore,   // a variable holding a semaphore id (get_semaphore(id) is the L1 word the call uses)
  Value,       // any integer value (a semaphore value, a NoC coordinate, a number of cores)
  F32,         // a floating-point constant passed as a float (fill_tile's value); FloatImm in the IR
  F32Bits,     // a floating-point constant passed as its fp32 bits in a uint32_t (add_unary_tile); FloatImm in the IR
};

// Which kernel executes a call.
enum class TTIntrinsicRole : std::uint8_t { Reader, Writer, Compute, CbProducer, CbConsumer };

inline constexpr std::size_t kMaxTTOperands = 7;

struct TTIntrinsicInfo {
  TTIntrinsic op;
  std::string_view id;    // the enumerator's name, for messages and tests
  std::string_view name;  // the API call as emitted, e.g. "matmul_tiles"
  TTIntrinsicRole role;
  std::string_view compute_header;   // empty: not callable in a compute kernel
  std::string_view dataflow_header;  // empty: not callable in a reader/writer kernel
  std::array<TTOperand, kMaxTTOperands> operands;
  int arity;

  bool is_cb(std::size_t i) const;  // operand i is a CB of any kind
  bool has(TTOperand kind) const;
  int find(TTOperand kind) const;  // first operand of that kind, -1 if none
};

inline constexpr std::size_t kTTIntrinsicCount = 0
#define TT_INTRINSIC(id, ...) +1
#include "compiler/ir/tt_intrinsics.def"
#undef TT_INTRINSIC
    ;

const TTIntrinsicInfo& intrinsic_info(TTIntrinsic op);
// Every intrinsic, in enum order.
const std::array<TTIntrinsicInfo, kTTIntrinsicCount>& all_intrinsics();
const char* operand_kind_name(TTOperand kind);
const char* intrinsic_role_name(TTIntrinsicRole role);

}  // namespace tt::ir
