// The report of an emulated run as the app builds it (issue 15, finding 8): a fault names its core,
// kernel, CB and generated line; a numerical mismatch names the first wrong element, its tile, its
// (bx, by) block and the core that computed it, which the report selects.
#include "app/emulation_job.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "compiler/ir/tt_metadata.h"
#include "viewer_fixture.h"

namespace tt::app {
namespace {

KernelResult fixture_kernel_with_output() {
  KernelResult k = viewer::testing::make_gemm_result(SourceFile("k.py", viewer::testing::fixture_source())).kernels[0];
  ir::BufferLayout c;
  c.name = "C";
  c.role = "output";
  c.shape = {1280, 1280};
  ir::set_buffer_layout(k.module, c);
  return k;
}

TEST(EmulationJob, AMismatchIsLocatedToItsTileBlockAndCore) {
  const std::filesystem::path dir = std::filesystem::path(TT_VIEWER_TEST_OUT_DIR) / "emulation_job";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "result.json") << R"({"status": "mismatch", "passed": false, "mismatches": 3,
    "first_mismatch": {"row": 200, "col": 700, "got": 1.5, "want": 2.0}})";
  ttemu::RunResult run;
  run.status = ttemu::RunResult::Status::Mismatch;
  run.message = "3 of 1638400 elements of C differ from the reference GEMM";
  run.result_file = dir / "result.json";
  viewer::EmulationReport r = make_emulation_report(fixture_kernel_with_output(), run);
  EXPECT_TRUE(r.ran);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.summary, "emulation: mismatch: 3 of 1638400 elements of C differ from the reference GEMM");
  ASSERT_EQ(r.details.size(), 3u);
  EXPECT_EQ(r.details[0], "first wrong element: C[200, 700], tile (6, 21), block (bx 5, by 1) = linear block 15");
  EXPECT_EQ(r.details[1], "computed by core (7, 0), blocks [14, 16)");
  EXPECT_EQ(r.details[2], "got 1.5, expected 2.0");
  ASSERT_TRUE(r.core);
  EXPECT_EQ(*r.core, (viewer::CoreXY{7, 0}));
}

TEST(EmulationJob, AFaultNamesCoreKernelCbAndLine) {
  ttemu::RunResult run;
  run.status = ttemu::RunResult::Status::Fault;
  run.message = "deadlock: compute waits on CB 0";
  ttemu::RunFault f;
  f.kind = "deadlock";
  f.message = "deadlock: compute waits on CB 0 that nothing fills";
  f.core_x = 2;
  f.core_y = 3;
  f.kernel = "compute";
  f.cb = 0;
  f.file = "compute.cpp";
  f.line = 42;
  run.faults.push_back(f);
  viewer::EmulationReport r = make_emulation_report(fixture_kernel_with_output(), run);
  EXPECT_EQ(r.summary, "emulation: fault: deadlock: compute waits on CB 0");
  ASSERT_EQ(r.details.size(), 1u);
  EXPECT_EQ(r.details[0],
            "deadlock: compute waits on CB 0 that nothing fills [core (2, 3), compute kernel, CB c_0, compute.cpp:42]");
  EXPECT_EQ(r.core, (viewer::CoreXY{2, 3}));
}

}  // namespace
}  // namespace tt::app
