// propagate_tt_layout: the reference's four CBs, depth from num_stages (never guessed), CB index
// order by role and first use, and the exact errors for CB-count, dtype and alignment limits.
#include <gtest/gtest.h>

#include "compiler/ir/tt_metadata.h"
#include "tests/unit/test_ir_builders.h"

namespace tt::test {
namespace {

using namespace ir;
using nlohmann::json;
using Headlines = std::vector<std::string>;

DiagnosticList propagate(Module& m, const std::string& dev = "wormhole_n150") {
  DiagnosticList diags;
  run_through(m, "propagate_tt_layout", device(dev), diags);
  return diags;
}

TEST(PropagateTTLayout, ReferenceHasTwoInputsAnOutputAndTheAccumulator) {
  Module m = make_gemm_module(1024, 1024, 1024, 128, 128, 32);
  DiagnosticList diags = propagate(m);
  ASSERT_TRUE(diags.empty()) << render_diagnostics(diags, example_gemm_source());
  EXPECT_EQ(m.attrs.at("tt.cb.A_shared"),
            json::parse(R"({"index":0,"dtype":"float16","data_format":"Float16","page_size":2048,"tiles_per_stage":4,
              "depth":3,"num_pages":12,"bytes":24576,"role":"input","producer":"reader","consumer":"compute"})"));
  EXPECT_EQ(m.attrs.at("tt.cb.B_shared"),
            json::parse(R"({"index":1,"dtype":"float16","data_format":"Float16","page_size":2048,"tiles_per_stage":4,
              "depth":3,"num_pages":12,"bytes":24576,"role":"input","producer":"reader","consumer":"compute"})"));
  EXPECT_EQ(m.attrs.at("tt.cb.C_local"),
            json::parse(R"({"index":24,"dtype":"float32","data_format":"Float32","page_size":4096,"tiles_per_stage":16,
              "depth":1,"num_pages":16,"bytes":65536,"role":"intermediate","producer":"compute","consumer":"compute"})"));
  EXPECT_EQ(m.attrs.at("tt.cb.C"),
            json::parse(R"({"index":16,"dtype":"float16","data_format":"Float16","page_size":2048,"tiles_per_stage":16,
              "depth":1,"num_pages":16,"bytes":32768,"role":"output","producer":"compute","consumer":"writer"})"));
  EXPECT_EQ(all_circular_buffers(m).size(), 4u);
}

// num_stages 0 is a T.serial K loop: nothing asks for overlap, so the CB is single-buffered.
class PropagateDepth : public testing::TestWithParam<int> {};

TEST_P(PropagateDepth, DepthIsTheNumStagesOfTheFillingLoop) {
  const int stages = GetParam();
  Module m = make_gemm_module(1024, 1024, 1024, 128, 128, 32, DataType::Float16, DataType::Float32, stages);
  ASSERT_TRUE(propagate(m).empty());
  const int64_t depth = stages == 0 ? 1 : stages;
  for (const char* name : {"A_shared", "B_shared"}) {
    auto cb = get_circular_buffer(m, name);
    ASSERT_TRUE(cb);
    EXPECT_EQ(cb->depth, depth) << name;
    EXPECT_EQ(cb->num_pages, 4 * depth) << name;
    EXPECT_EQ(cb->bytes, 4 * depth * 2048) << name;
  }
  EXPECT_EQ(get_circular_buffer(m, "C_local")->depth, 1);
  EXPECT_EQ(get_circular_buffer(m, "C")->depth, 1);
}

INSTANTIATE_TEST_SUITE_P(Stages, PropagateDepth, testing::Values(0, 1, 2, 3));

TEST(PropagateTTLayout, IndicesFollowFirstUseWithinARole) {
  GemmParts p = make_gemm_parts(1024, 1024, 1024, 128, 128, 32);
  Stmt loop = make_for(p.k, int_imm(0), int_imm(32), ForKind::Pipelined, 2, seq({p.copy_b, p.copy_a, p.gemm}));
  Module m = make_module(p, {p.alloc_a, p.alloc_b, p.alloc_c, p.clear, loop, p.copy_out});
  ASSERT_TRUE(propagate(m).empty());
  EXPECT_EQ(get_circular_buffer(m, "B_shared")->index, 0);
  EXPECT_EQ(get_circular_buffer(m, "A_shared")->index, 1);
}

TEST(PropagateTTLayout, PageSizeFollowsEachBuffersDtype) {
  Module m = make_gemm_module(256, 256, 256, 64, 64, 64, DataType::BFloat16, DataType::Float32, 2, true);
  ASSERT_TRUE(propagate(m).empty());
  auto b = get_circular_buffer(m, "B_shared");  // (bN, bK) = 64x64 when transposed
  EXPECT_EQ(b->tiles_per_stage, 4);
  EXPECT_EQ(b->data_format, "Float16_b");
  EXPECT_EQ(b->page_size, 2048);
  EXPECT_EQ(get_circular_buffer(m, "C_local")->page_size, 4096);
  EXPECT_EQ(get_circular_buffer(m, "C")->dtype, "bfloat16");
}

// Extra fragment buffers (scratch the kernel clears) are intermediates in c_24..c_31.
Module with_scratch(int count) {
  GemmParts p = make_gemm_parts(1024, 1024, 1024, 128, 128, 32);
  std::vector<Stmt> body = {p.alloc_a, p.alloc_b, p.alloc_c};
  std::vector<Stmt> uses;
  for (int i = 0; i < count; ++i) {
    Buffer s = make_buffer("S" + std::to_string(i), {32, 32}, DataType::Float16, MemScope::Fragment, p.c_local->span);
    body.push_back(make_allocate(s));
    uses.push_back(make_fill(full_region(s), float_imm(0.0), true, p.clear->span));
  }
  body.insert(body.end(), uses.begin(), uses.end());
  body.insert(body.end(), {p.clear, p.k_loop, p.copy_out});
  return make_module(p, body);
}

// Intermediates past c_31 continue after the inputs (A_shared c_0, B_shared c_1), up to c_15.
TEST(PropagateTTLayout, IntermediatesPastTheirRangeFollowTheInputs) {
  Module m = with_scratch(8);  // C_local + 8 = 9 intermediates
  EXPECT_EQ(headlines(propagate(m)), Headlines{});
  std::optional<CircularBuffer> last = get_circular_buffer(m, "C_local");
  ASSERT_TRUE(last);
  EXPECT_EQ(last->index, 2);
  EXPECT_EQ(last->role, "intermediate");
}

TEST(PropagateTTLayout, TooManyIntermediatesForTheIndexScheme) {
  Module m = with_scratch(22);  // C_local + 22 = 23 intermediates: 8 + 14 after the 2 inputs fit
  DiagnosticList diags = propagate(m);
  EXPECT_EQ(headlines(diags),
            Headlines{"example_gemm.py:14:9: error: too many intermediate circular buffers: 23 needed, "
                      "the CB index scheme has 22 (c_24..c_31 and c_2..c_15 after the inputs)"});
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags.items()[0].notes.size(), 26u);  // every CB of the kernel is listed
  EXPECT_EQ(diags.items()[0].notes[0].message, "S0: intermediate, c_24");
}

TEST(PropagateTTLayout, TooManyCircularBuffersForTheDevice) {
  Module m = with_scratch(30);  // 34 CBs
  DiagnosticList diags = propagate(m);
  EXPECT_EQ(
      headlines(diags),
      Headlines{"example_gemm.py:14:9: error: too many circular buffers: 34 needed, device wormhole_n150 has 32"});
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags.items()[0].notes.size(), 34u);
  EXPECT_EQ(diags.items()[0].notes.back().message, "C: output, c_16");
}

TEST(PropagateTTLayout, UnsupportedAccumulatorDtype) {
  Module m = make_gemm_module(1024, 1024, 1024, 128, 128, 32, DataType::Float16, DataType::Int16);
  EXPECT_EQ(headlines(propagate(m)), Headlines{"example_gemm.py:17:13: error: dtype 'int16' of buffer 'C_local' is not "
                                               "supported by wormhole_n150"});
}

TEST(PropagateTTLayout, NonTileAlignedOnChipBuffer) {
  Module m = make_gemm_module(1024, 1024, 1024, 128, 128, 16);
  EXPECT_EQ(headlines(propagate(m)),
            (Headlines{"example_gemm.py:15:13: error: buffer 'A_shared' is not tile-aligned: dim 1 is 16, not a "
                       "multiple of the tile size 32 (padding is not supported yet)",
                       "example_gemm.py:16:13: error: buffer 'B_shared' is not tile-aligned: dim 0 is 16, not a "
                       "multiple of the tile size 32 (padding is not supported yet)"}));
}

TEST(PropagateTTLayout, InputBufferWithASecondProducerIsAnError) {
  GemmParts p = make_gemm_parts(1024, 1024, 1024, 128, 128, 32);
  Stmt clear_a = make_fill(full_region(p.a_shared), float_imm(0.0), true, p.clear->span);
  Module m = make_module(p, {p.alloc_a, p.alloc_b, p.alloc_c, clear_a, p.clear, p.k_loop, p.copy_out});
  DiagnosticList diags = propagate(m);
  EXPECT_EQ(headlines(diags), Headlines{"example_gemm.py:19:13: error: buffer 'A_shared' is filled from global memory "
                                        "and also written on chip: a circular buffer has one producer"});
}

}  // namespace
}  // namespace tt::test
