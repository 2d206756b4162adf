// IR printer and builder tests: constant folding, region printing, deterministic output.
#include <gtest/gtest.h>

#include <algorithm>

#include "compiler/ir/printer.h"
#include "compiler/ir/structural_equal.h"

namespace tt::ir {
namespace {

TEST(IrPrinter, FoldsConstantsAndPrintsRegions) {
  Var by = make_var("by");
  Var k = make_var("k");
  Buffer a = make_buffer("A", {1024, 1024}, DataType::Float16, MemScope::Global);
  Buffer a_shared = make_buffer("A_shared", {128, 32}, DataType::Float16, MemScope::Shared);
  Region src{a, {mul(by, int_imm(128)), mul(k, int_imm(32))}, {128, 32}, {}};
  Stmt copy = make_copy(src, full_region(a_shared));
  Stmt loop = make_for(k, int_imm(0), floordiv(int_imm(1024 + 31), int_imm(32)), ForKind::Pipelined, 3, copy);
  EXPECT_EQ(print_stmt(loop),
            "for k in T.Pipelined(32, num_stages=3):\n"
            "    T.copy(A[by * 128:by * 128 + 128, k * 32:k * 32 + 32], A_shared)\n");
}

TEST(IrPrinter, ParenthesizesByPrecedence) {
  Var x = make_var("x");
  Var y = make_var("y");
  EXPECT_EQ(print_expr(mul(add(x, y), int_imm(4))), "(x + y) * 4");
  EXPECT_EQ(print_expr(sub(x, sub(y, int_imm(1)))), "x - (y - 1)");
  EXPECT_EQ(print_expr(floormod(floordiv(x, int_imm(8)), int_imm(8))), "x // 8 % 8");
  EXPECT_EQ(print_expr(add(x, int_imm(0))), "x");
  EXPECT_EQ(print_expr(mul(x, int_imm(0))), "0");
}

TEST(StructuralEqual, MatchesRebuiltTreesNotDifferentOnes) {
  auto build = [](int64_t extent) {
    Var i = make_var("i");
    Buffer b = make_buffer("B", {32}, DataType::Float32, MemScope::Fragment);
    return seq({make_allocate(b),
                make_for(i, int_imm(0), int_imm(extent), ForKind::Serial, 0, make_store(b, {i}, float_imm(1.0)))});
  };
  EXPECT_TRUE(structural_equal(build(4), build(4)));
  EXPECT_FALSE(structural_equal(build(4), build(5)));
}

}  // namespace
}  // namespace tt::ir

namespace tt::ir {
namespace {

// Per-core tables print one entry per line (recursively); small records stay on one line.
TEST(IrPrinter, LargeMetadataPrintsOneEntryPerLine) {
  Module m;
  m.name = "k";
  nlohmann::json cores = nlohmann::json::array();
  for (int i = 0; i < 64; ++i) cores.push_back({{"core", {i % 8, i / 8}}, {"count", 1}, {"start", i}});
  m.attrs["tt.core_ranges"] = {{"cores", cores}, {"num_blocks", 64}};
  m.attrs["tt.small"] = {{"a", 1}, {"b", 2}};
  PrintedIR p = print_module(m);
  EXPECT_NE(
      p.text.find("T.module_attr(\"tt.core_ranges\", {\n    \"cores\": [\n        "
                  "{\"core\":[0,0],\"count\":1,\"start\":0},\n        {\"core\":[1,0],\"count\":1,\"start\":1},\n"),
      std::string::npos)
      << p.text;
  EXPECT_NE(p.text.find("        {\"core\":[7,7],\"count\":1,\"start\":63},\n    ],\n    \"num_blocks\": 64,\n})\n"),
            std::string::npos)
      << p.text;
  EXPECT_NE(p.text.find("T.module_attr(\"tt.small\", {\"a\":1,\"b\":2})\n"), std::string::npos) << p.text;
  // Every printed line has its (possibly empty) source span.
  EXPECT_EQ(p.line_spans.size(), static_cast<size_t>(std::count(p.text.begin(), p.text.end(), '\n')));
}

}  // namespace
}  // namespace tt::ir
