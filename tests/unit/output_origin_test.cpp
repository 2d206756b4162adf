// locate_output_element(): an element of the reference GEMM's C is placed in its tile, block and core,
// and the generated lines that pack and write it are found through provenance.
#include "compiler/codegen/output_origin.h"

#include <gtest/gtest.h>

#include <sstream>

namespace tt {
namespace {

CompileResult reference_gemm(const std::map<std::string, std::string>& defines = {}) {
  CompileOptions options;
  options.defines = defines;
  return compile_file(std::string(TT_INSPECT_ASSETS_DIR) + "/examples/example_gemm.py", options);
}

// 1-based number of the only line of `artifact` containing `text`, 0 when not exactly one.
int line_of(const KernelResult& k, const std::string& artifact, const std::string& text) {
  const Artifact* a = k.find_artifact(artifact);
  if (!a) return 0;
  std::istringstream in(a->text);
  int n = 0, found = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    if (line.find(text) != std::string::npos) found = found ? -1 : n;
  }
  return found > 0 ? found : 0;
}

TEST(OutputOrigin, AnElementOfTheReferenceGemmIsPlacedInItsTileBlockCoreAndWritingLines) {
  CompileResult r = reference_gemm();
  ASSERT_TRUE(r.ok());
  const KernelResult& k = r.kernels[0];
  // 128 x 128 blocks of 4 x 4 tiles over an 8 x 8 block grid, one block per core.
  const OutputOrigin o = locate_output_element(k, "", 130, 260);
  EXPECT_EQ(o.buffer, "C");
  ASSERT_TRUE(o.located);
  EXPECT_EQ(o.tile_row, 4);
  EXPECT_EQ(o.tile_col, 8);
  EXPECT_EQ(o.by, 1);
  EXPECT_EQ(o.bx, 2);
  EXPECT_EQ(o.block, 10);
  ASSERT_TRUE(o.core);
  EXPECT_EQ(o.core->start, 10);
  EXPECT_EQ(o.core->count, 1);
  ASSERT_EQ(o.writers.size(), 2u);
  EXPECT_EQ(o.writers[0].artifact, "compute.cpp");
  EXPECT_EQ(o.writers[0].text, "pack_tile(t_1, cb_C);");  // the final pack, not the partials' into cb_C_local
  EXPECT_EQ(o.writers[0].line, line_of(k, "compute.cpp", "pack_tile(t_1, cb_C);"));
  EXPECT_EQ(o.writers[1].artifact, "writer.cpp");
  EXPECT_EQ(o.writers[1].line, line_of(k, "writer.cpp", "noc_async_write_page("));
  // The final pack is part of the T.gemm's DST section (line 24); the write is T.copy(C_local, C[...]) (26).
  EXPECT_EQ(o.writers[0].source.begin.line, 24);
  EXPECT_EQ(o.writers[1].source.begin.line, 26);

  const std::vector<std::string> lines = describe(o);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "C[130, 260], tile (4, 8), block (bx 2, by 1) = linear block 10");
  EXPECT_EQ(lines[1].rfind("computed by core (", 0), 0u) << lines[1];
  EXPECT_EQ(lines[2], "written by compute.cpp:" + std::to_string(o.writers[0].line) +
                          " `pack_tile(t_1, cb_C);` (source line 24)");
}

TEST(OutputOrigin, BlocksOfSeveralPerCoreNameTheCoreRange) {
  // 64 x 64 blocks: a 16 x 16 grid of 256 blocks over 64 cores, four each.
  CompileResult r = reference_gemm({{"block_M", "64"}, {"block_N", "64"}});
  ASSERT_TRUE(r.ok());
  const OutputOrigin o = locate_output_element(r.kernels[0], "C", 1023, 1023);
  EXPECT_EQ(o.block, 255);
  ASSERT_TRUE(o.core);
  EXPECT_EQ(o.core->start + o.core->count, 256);
  EXPECT_EQ(o.core->count, 4);
}

TEST(OutputOrigin, AnUnknownBufferIsNamedButNotLocated) {
  CompileResult r = reference_gemm();
  ASSERT_TRUE(r.ok());
  const OutputOrigin o = locate_output_element(r.kernels[0], "D", 1, 2);
  EXPECT_FALSE(o.located);
  EXPECT_EQ(describe(o), std::vector<std::string>{"D[1, 2]"});
}

}  // namespace
}  // namespace tt
