// infer_tt_layout: default layouts of the reference's global buffers, dtype/tile-alignment errors,
// and user annotations (memory, N-D sharding) winning over defaults, with their validation errors.
#include <gtest/gtest.h>

#include "compiler/ir/tt_metadata.h"
#include "tests/unit/test_ir_builders.h"

namespace tt::test {
namespace {

using namespace ir;
using nlohmann::json;
using Headlines = std::vector<std::string>;

DiagnosticList infer(Module& m, const std::string& dev = "wormhole_n150") {
  DiagnosticList diags;
  run_through(m, "infer_tt_layout", device(dev), diags);
  return diags;
}

TEST(InferTTLayout, ReferenceBuffersAreInterleavedDram) {
  Module m = make_gemm_module(1024, 1024, 1024, 128, 128, 32);
  DiagnosticList diags = infer(m);
  ASSERT_TRUE(diags.empty()) << render_diagnostics(diags, example_gemm_source());
  EXPECT_EQ(m.attrs.at("tt.buffer.A"),
            json::parse(R"({"memory":"DRAM","layout":"interleaved","shape":[1024,1024],"dtype":"float16",
              "data_format":"Float16","tile":[32,32],"tile_bytes":2048,"tiles":[32,32],"num_tiles":1024,
              "bytes":2097152,"role":"input"})"));
  EXPECT_EQ(get_buffer_layout(m, "B")->role, "input");
  EXPECT_EQ(get_buffer_layout(m, "C")->role, "output");
}

TEST(InferTTLayout, DataFormatAndTileBytesComeFromTheDevice) {
  Module m = make_gemm_module(64, 96, 128, 32, 32, 32, DataType::BFloat16);
  ASSERT_TRUE(infer(m).empty());
  auto a = get_buffer_layout(m, "A");
  EXPECT_EQ(a->data_format, "Float16_b");
  EXPECT_EQ(a->tiles, (std::vector<int64_t>{2, 4}));
  EXPECT_EQ(a->num_tiles, 8);
  EXPECT_EQ(a->bytes, 8 * 2048);

  Module f32 = make_gemm_module(64, 64, 64, 32, 32, 32, DataType::Float32);
  ASSERT_TRUE(infer(f32).empty());
  EXPECT_EQ(get_buffer_layout(f32, "C")->tile_bytes, 4096);
  EXPECT_EQ(get_buffer_layout(f32, "C")->data_format, "Float32");
}

TEST(InferTTLayout, UnsupportedDtypeIsAnErrorAtTheBuffer) {
  Module m = make_gemm_module(1024, 1024, 1024, 128, 128, 32, DataType::Int16, DataType::Int32);
  EXPECT_EQ(headlines(infer(m)),
            (Headlines{"example_gemm.py:10:13: error: dtype 'int16' of buffer 'A' is not supported by wormhole_n150",
                       "example_gemm.py:11:13: error: dtype 'int16' of buffer 'B' is not supported by wormhole_n150",
                       "example_gemm.py:12:13: error: dtype 'int16' of buffer 'C' is not supported by wormhole_n150"}));
}

TEST(InferTTLayout, NonTileAlignedShapeIsAnError) {
  Module m = make_gemm_module(1000, 1024, 1024, 128, 128, 32);
  EXPECT_EQ(headlines(infer(m)),
            (Headlines{"example_gemm.py:10:13: error: buffer 'A' is not tile-aligned: dim 0 is 1000, not a multiple of "
                       "the tile size 32 (padding is not supported yet)",
                       "example_gemm.py:12:13: error: buffer 'C' is not tile-aligned: dim 0 is 1000, not a multiple of "
                       "the tile size 32 (padding is not supported yet)"}));
}

TEST(InferTTLayout, AnnotatedMemoryWinsOverTheDefault) {
  Module m = make_gemm_module(1024, 1024, 1024, 128, 128, 32);
  m.attrs["tt.buffer.B"] = json{{"memory", "L1"}};
  ASSERT_TRUE(infer(m).empty());
  auto b = get_buffer_layout(m, "B");
  EXPECT_EQ(b->memory, "L1");
  EXPECT_EQ(b->layout, "interleaved");
  EXPECT_EQ(b->num_tiles, 1024);  // the rest is inferred as usual
  EXPECT_EQ(get_buffer_layout(m, "A")->memory, "DRAM");
}

TEST(InferTTLayout, ShardedAnnotationGetsItsShardShape) {
  Module m = make_gemm_module(1024, 1024, 1024, 128, 128, 32);
  m.attrs["tt.buffer.A"] = json{{"layout", "sharded"}, {"memory", "L1"}, {"shard_grid", {8, 4}}};
  ASSERT_TRUE(infer(m).empty());
  auto a = get_buffer_layout(m, "A");
  EXPECT_EQ(a->layout, "sharded");
  EXPECT_EQ(a->shard_grid, (std::vector<int64_t>{8, 4}));
  EXPECT_EQ(a->shard_shape, (std::vector<int64_t>{128, 256}));
}

struct BadAnnotation {
  json value;
  std::string message;
};
void PrintTo(const BadAnnotation& b, std::ostream* os) { *os << b.value.dump(); }

class InferTTLayoutBadAnnotation : public testing::TestWithParam<BadAnnotation> {};

TEST_P(InferTTLayoutBadAnnotation, IsAnErrorAtTheBuffer) {
  Module m = make_gemm_module(1024, 1024, 1024, 128, 128, 32);
  m.attrs["tt.buffer.A"] = GetParam().value;
  EXPECT_EQ(headlines(infer(m)), Headlines{"example_gemm.py:10:13: error: tt.buffer.A: " + GetParam().message});
}

INSTANTIATE_TEST_SUITE_P(
    Cases, InferTTLayoutBadAnnotation,
    testing::Values(
        BadAnnotation{{{"memory", "HBM"}}, "memory 'HBM' is not DRAM or L1"},
        BadAnnotation{{{"layout", "blocked"}}, "layout 'blocked' is not interleaved or sharded"},
        BadAnnotation{{{"layout", "sharded"}}, "a sharded layout needs shard_grid (cores per dimension)"},
        BadAnnotation{{{"shard_grid", {2, 2}}},
                      "shard_grid/shard_shape given for an interleaved layout (use layout "
                      "\"sharded\")"},
        BadAnnotation{{{"layout", "sharded"}, {"shard_grid", {2, 2, 2}}},
                      "shard_grid [2, 2, 2] has 3 dims, the buffer "
                      "has 2"},
        BadAnnotation{
            {{"layout", "sharded"}, {"shard_grid", {3, 4}}},
            "shard_grid [3, 4] does not divide the tile grid [32, 32]: dim 0 has 32 tiles, not a multiple of 3"},
        BadAnnotation{
            {{"layout", "sharded"}, {"shard_grid", {16, 2}}},
            "shard_grid [16, 2] does not fit the 8x8 worker grid of wormhole_n150: 16 shard rows > 8 core rows"},
        BadAnnotation{{{"layout", "sharded"}, {"shard_grid", {2, 16}}},
                      "shard_grid [2, 16] does not fit the 8x8 worker grid of wormhole_n150: 16 shard columns > 8 core "
                      "columns"},
        BadAnnotation{{{"layout", "sharded"}, {"shard_grid", {4, 4}}, {"shard_shape", {128, 128}}},
                      "shard_shape [128, 128] does not match shape / shard_grid = [256, 256]"},
        BadAnnotation{json::array({1, 2}), "malformed annotation: expected an object"}));

// N-D sharding: a 3-D buffer's shard grid lays its last dim along x and the others along y.
TEST(InferTTLayout, ThreeDimensionalShardGridIsCheckedAgainstTheWorkerGrid) {
  GemmParts p = make_gemm_parts(1024, 1024, 1024, 128, 128, 32);
  Module m = make_module(p, reference_body(p));
  Buffer d = make_buffer("D", {4, 128, 256}, DataType::Float16, MemScope::Global, span_of("def matmul("));
  m.funcs[0].params.push_back(d);
  m.attrs["tt.buffer.D"] = json{{"layout", "sharded"}, {"shard_grid", {4, 2, 8}}};
  DiagnosticList ok = infer(m);
  EXPECT_EQ(headlines(ok), Headlines{"example_gemm.py:6:1: warning: buffer 'D' is never used by the kernel"});
  EXPECT_EQ(get_buffer_layout(m, "D")->shard_shape, (std::vector<int64_t>{1, 64, 32}));
  EXPECT_EQ(get_buffer_layout(m, "D")->tiles, (std::vector<int64_t>{4, 4, 8}));
  EXPECT_EQ(get_buffer_layout(m, "D")->role, "unused");

  Module bad = make_module(p, reference_body(p));
  bad.funcs[0].params.push_back(d);
  bad.attrs["tt.buffer.D"] = json{{"layout", "sharded"}, {"shard_grid", {4, 4, 1}}};
  DiagnosticList diags = infer(bad);
  ASSERT_EQ(diags.size(), 2u);
  EXPECT_EQ(headlines(diags)[1],
            "example_gemm.py:6:1: error: tt.buffer.D: shard_grid [4, 4, 1] does not fit the 8x8 "
            "worker grid of wormhole_n150: 16 shard rows > 8 core rows");
}

TEST(InferTTLayout, AnnotationOfAnUnknownBufferIsAnError) {
  Module m = make_gemm_module(1024, 1024, 1024, 128, 128, 32);
  m.attrs["tt.buffer.Z"] = json{{"memory", "L1"}};
  EXPECT_EQ(headlines(infer(m)), Headlines{"example_gemm.py:9:5: error: tt.buffer.Z annotates no parameter of 'gemm'"});
}

TEST(InferTTLayout, InoutRoleFromTheBody) {
  // C is read back (accumulate into the existing output): C is inout.
  GemmParts p = make_gemm_parts(1024, 1024, 1024, 128, 128, 32);
  Region c_src{p.c, {mul(p.by, int_imm(128)), mul(p.bx, int_imm(128))}, {128, 128}, {}};
  Stmt load_c = make_copy(c_src, full_region(p.c_local), p.clear->span);
  Module m = make_module(p, {p.alloc_a, p.alloc_b, p.alloc_c, load_c, p.k_loop, p.copy_out});
  ASSERT_TRUE(infer(m).empty());
  EXPECT_EQ(get_buffer_layout(m, "C")->role, "inout");
}

}  // namespace
}  // namespace tt::test
