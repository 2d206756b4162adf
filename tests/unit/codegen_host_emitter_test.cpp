// host_emitter: per-core argument table columns (shared by name when every core agrees, split
// otherwise), and located errors for inputs the host program cannot generate.
#include <gtest/gtest.h>

#include "codegen_fixture.h"
#include "compiler/codegen/host_emitter.h"
#include "compiler/ir/tt_metadata.h"

namespace tt {
namespace {

std::string host_text(testing::BuiltKernel& built, DiagnosticList& diags) {
  if (!generate_artifacts(built.kernel, built.device, built.source, diags)) return "";
  return built.kernel.find_artifact("main.cpp")->text;
}

TEST(HostEmitter, SharesTableColumnsBetweenKernelsByName) {
  testing::BuiltKernel built = testing::build_gemm_kernel({});
  DiagnosticList diags;
  const std::string text = host_text(built, diags);
  EXPECT_NE(text.find("one row per active core: x, y, start_block, num_blocks.\n"), std::string::npos);
  EXPECT_NE(text.find("constexpr uint32_t kCoreArgs[64][4] = {\n  {0, 0, 0, 1}, {1, 0, 1, 1},"), std::string::npos);
  EXPECT_NE(text.find("SetRuntimeArgs(program, reader, core, std::vector<uint32_t>{A_address, B_address, row[2], row[3]});"),
            std::string::npos);
  EXPECT_NE(text.find("SetRuntimeArgs(program, writer, core, std::vector<uint32_t>{C_address, row[2], row[3]});"),
            std::string::npos);
}

TEST(HostEmitter, SplitsAColumnWhenKernelsDisagree) {
  testing::BuiltKernel built = testing::build_gemm_kernel({});
  ir::RuntimeArgs args = *ir::get_runtime_args(built.kernel.module);
  args.cores[3].compute[1].value = 7;  // the compute kernel's num_blocks differs on core (3,0)
  ir::set_runtime_args(built.kernel.module, args);
  DiagnosticList diags;
  const std::string text = host_text(built, diags);
  EXPECT_NE(text.find("x, y, start_block, num_blocks, compute.num_blocks.\n"), std::string::npos) << text;
  EXPECT_NE(text.find("{2, 0, 2, 1, 1}, {3, 0, 3, 1, 7},"), std::string::npos);
  EXPECT_NE(text.find("SetRuntimeArgs(program, compute, core, std::vector<uint32_t>{row[2], row[4]});"), std::string::npos);
}

TEST(HostEmitter, RejectsInputsItCannotGenerate) {
  testing::BuiltKernel built = testing::build_gemm_kernel({});
  DiagnosticList collect;
  auto info = codegen::collect_program_info(built.kernel, built.device, built.source, collect);
  ASSERT_TRUE(info);
  info->buffers[0].data_format = "Bfp8_b";
  DiagnosticList diags;
  EXPECT_FALSE(codegen::emit_host(*info, built.device, diags));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags.items()[0].message,
            "host program: cannot generate data for buffer 'A' (Bfp8_b); it supports Float16, Float16_b and Float32");
  EXPECT_EQ(diags.items()[0].span.begin.line, 10u);  // A: T.Tensor((M, K), dtype)
}

}  // namespace
}  // namespace tt
