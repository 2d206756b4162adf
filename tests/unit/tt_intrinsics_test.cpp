// The intrinsic table (compiler/ir/tt_intrinsics.def): it covers every TTIntrinsic, its entries are
// consistent, the rules that read it (roles, CB and DST operands) agree with it, and the emulator
// declares every intrinsic in the header the table names, so codegen can never emit a call that the
// emulated tt-metal does not have.
#include "compiler/ir/tt_intrinsics.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "compiler/passes/tt_kernel_roles.h"

namespace tt {
namespace {

using namespace ir;

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// "compute_kernel_hw_startup<SrcOrder::Reverse>" -> "compute_kernel_hw_startup".
std::string function_name(std::string_view api) { return std::string(api.substr(0, api.find('<'))); }

TEST(TTIntrinsics, TableCoversEveryEnumeratorInOrder) {
  // The enum is generated from the same .def lines, so the count and positions must agree.
  const auto& table = all_intrinsics();
  ASSERT_EQ(table.size(), kTTIntrinsicCount);
  std::set<std::string_view> ids;
  for (size_t i = 0; i < table.size(); ++i) {
    EXPECT_EQ(static_cast<size_t>(table[i].op), i) << table[i].id;
    EXPECT_EQ(&intrinsic_info(static_cast<TTIntrinsic>(i)), &table[i]);
    EXPECT_TRUE(ids.insert(table[i].id).second) << "duplicate " << table[i].id;
    EXPECT_EQ(intrinsic_arity(table[i].op), table[i].arity);
  }
  EXPECT_EQ(std::string(intrinsic_name(TTIntrinsic::MatmulTiles)), "matmul_tiles");
  EXPECT_EQ(intrinsic_arity(TTIntrinsic::MatmulTiles), 5);
  EXPECT_EQ(std::string(intrinsic_name(TTIntrinsic::NocReadTile)), "noc_async_read_page");
}

TEST(TTIntrinsics, OperandRulesReadTheTable) {
  EXPECT_EQ(passes::dst_operand(TTIntrinsic::MatmulTiles), 4);
  EXPECT_EQ(passes::dst_operand(TTIntrinsic::CopyTile), 2);
  EXPECT_EQ(passes::dst_operand(TTIntrinsic::PackTile), 0);
  EXPECT_EQ(passes::dst_operand(TTIntrinsic::MatmulInit), -1);
  EXPECT_TRUE(passes::is_cb_producer_op(TTIntrinsic::CbReserveBack));
  EXPECT_TRUE(passes::is_cb_consumer_op(TTIntrinsic::CbPopFront));
  EXPECT_FALSE(passes::is_cb_producer_op(TTIntrinsic::PackTile));

  // cb_operands picks exactly the CB operand positions, whatever the other operands are.
  TTCallNode matmul(TTIntrinsic::MatmulTiles,
                    {cb_ref("A_shared", 0), cb_ref("B_shared", 1), int_imm(0), int_imm(0), int_imm(0)}, {});
  std::vector<const CBRefNode*> cbs = passes::cb_operands(matmul);
  ASSERT_EQ(cbs.size(), 2u);
  EXPECT_EQ(cbs[0]->name, "A_shared");
  EXPECT_EQ(cbs[1]->name, "B_shared");
  TTCallNode read(TTIntrinsic::NocReadTile, {string_imm("A"), int_imm(3), cb_ref("A_shared", 0), int_imm(1)}, {});
  cbs = passes::cb_operands(read);
  ASSERT_EQ(cbs.size(), 1u);
  EXPECT_EQ(cbs[0]->name, "A_shared");

  // Fixed roles come from the table without metadata.
  Module empty;
  std::string error;
  EXPECT_EQ(passes::intrinsic_role(read, empty, error), KernelRole::Reader);
  EXPECT_EQ(passes::intrinsic_role(matmul, empty, error), KernelRole::Compute);
  TTCallNode write_barrier(TTIntrinsic::NocWriteBarrier, {}, {});
  EXPECT_EQ(passes::intrinsic_role(write_barrier, empty, error), KernelRole::Writer);
  EXPECT_TRUE(error.empty()) << error;
  // A protocol call's role is its CB's side, so without tt.cb metadata it is an error naming the key.
  TTCallNode wait(TTIntrinsic::CbWaitFront, {cb_ref("A_shared", 0), int_imm(1)}, {});
  EXPECT_EQ(passes::intrinsic_role(wait, empty, error), KernelRole::None);
  EXPECT_NE(error.find("tt.cb.A_shared"), std::string::npos) << error;
}

// Every intrinsic is declared, under its API name, in the emulator's copy of each header the table
// names for it: the emulator implements what the table says codegen may emit.
TEST(TTIntrinsics, EmulatorDeclaresEveryIntrinsicInItsHeader) {
  const std::filesystem::path include = std::filesystem::path(TT_TESTS_DIR) / ".." / "compiler" / "emu" / "include";
  for (const TTIntrinsicInfo& info : all_intrinsics()) {
    // Not an API function: codegen writes the mask page's L1 words inline (kernel_emitter.cpp emit_mask_page).
    if (info.op == TTIntrinsic::FillMaskPage) continue;
    const std::string name = function_name(info.name);
    const std::regex declared("\\b" + name + "\\s*\\(");
    for (std::string_view header : {info.compute_header, info.dataflow_header}) {
      if (header.empty()) continue;
      const std::filesystem::path file = include / std::string(header);
      ASSERT_TRUE(std::filesystem::exists(file)) << info.id << ": the emulator has no " << header;
      EXPECT_TRUE(std::regex_search(read_text(file), declared)) << info.id << ": " << name << " not in " << header;
    }
  }
}

}  // namespace
}  // namespace tt
