// File > Export without a window: the CSV tables and JSON documents of the real reference GEMM compile,
// checked field by field against numbers derived by hand from the device model and the kernel.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "viewer/export_menu.h"
#include "viewer/table_export.h"

namespace tt::viewer {
namespace {

namespace fs = std::filesystem;

const std::string kExample = std::string(TT_INSPECT_SOURCE_DIR) + "/assets/examples/example_gemm.py";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Export, CsvFieldQuotesOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("A_shared"), "A_shared");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
}

TEST(Export, L1TableOfTheReferenceGemm) {
  ViewerState state;
  ASSERT_TRUE(state.open_file(kExample));
  ASSERT_TRUE(state.current()->ok());
  std::string why;
  auto csv = export_text(state, ExportKind::L1Csv, why);
  ASSERT_TRUE(csv) << why;
  // Wormhole n150: 1,499,136 B of L1 per core, 102,784 B reserved. CBs: A_shared and B_shared 4 tiles x
  // 3 stages x 2 KiB, C (the float16 output) 16 x 2 KiB, C_local (fp32 accumulator) 16 x 4 KiB.
  EXPECT_EQ(*csv,
            "region,cb_index,data_format,page_size,num_pages,bytes,percent_l1,producer,consumer\n"
            "reserved,,,,,102784,6.86,,\n"
            "A_shared,0,Float16,2048,12,24576,1.64,reader,compute\n"
            "B_shared,1,Float16,2048,12,24576,1.64,reader,compute\n"
            "C,16,Float16,2048,16,32768,2.19,compute,writer\n"
            "C_local,24,Float32,4096,16,65536,4.37,compute,compute\n"
            "total,,,,,250240,16.69,,\n"
            "l1_size,,,,,1499136,100.00,,\n");
}

TEST(Export, CoreGridTableListsIdleCoresAndRuntimeArgs) {
  ViewerState state;
  state.configure({{"M", "256"}, {"N", "384"}}, "wormhole_n150");
  ASSERT_TRUE(state.open_file(kExample));
  ASSERT_TRUE(state.current()->ok());
  std::string why;
  auto csv = export_text(state, ExportKind::CoreGridCsv, why);
  ASSERT_TRUE(csv) << why;
  const std::vector<std::string> rows = lines_of(*csv);
  // 2 x 3 blocks of 128x128 on an 8x8 grid: block (bx, by) on core (bx, by) (the A panel is multicast along
  // rows of 3 cores, B down columns of 2), six busy cores, 58 idle ones, all listed.
  ASSERT_EQ(rows.size(), 1u + 64u);
  EXPECT_EQ(rows[0], "x,y,state,start_block,num_blocks,reader_args,compute_args,writer_args");
  EXPECT_EQ(rows[1],
            "0,0,busy,0,1,A_addr=address(A);B_addr=address(B);start_block=0;num_blocks=1;A_mcast_sender=1;"
            "A_mcast_x0=noc_x(1);A_mcast_y0=noc_y(0);A_mcast_x1=noc_x(2);A_mcast_y1=noc_y(0);A_mcast_num_dests=2;"
            "A_sender_x=noc_x(0);A_sender_y=noc_y(0);A_sender_sem=semaphore(A_sender_sem);"
            "A_receiver_sem=semaphore(A_receiver_sem);B_mcast_sender=1;B_mcast_x0=noc_x(0);B_mcast_y0=noc_y(1);"
            "B_mcast_x1=noc_x(0);B_mcast_y1=noc_y(1);B_mcast_num_dests=1;B_sender_x=noc_x(0);B_sender_y=noc_y(0);"
            "B_sender_sem=semaphore(B_sender_sem);B_receiver_sem=semaphore(B_receiver_sem),"
            "start_block=0;num_blocks=1,C_addr=address(C);start_block=0;num_blocks=1");
  EXPECT_EQ(rows[6], "5,0,idle,6,0,,,");
  EXPECT_EQ(rows[9].rfind("0,1,busy,3,1,", 0), 0u) << rows[9];  // block (0, 1) = 1 * 3 + 0
  int busy = 0, idle = 0;
  for (size_t i = 1; i < rows.size(); ++i) {
    busy += rows[i].find(",busy,") != std::string::npos;
    idle += rows[i].find(",idle,") != std::string::npos;
  }
  EXPECT_EQ(busy, 6);
  EXPECT_EQ(idle, 58);
}

TEST(Export, PlanAndTraceAreWrittenAtomicallyBesideTheSource) {
  const fs::path dir = fs::path(TT_VIEWER_TEST_OUT_DIR) / "export_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(kExample, dir / "gemm.py");
  ViewerState state;
  ASSERT_TRUE(state.open_file((dir / "gemm.py").string()));
  EXPECT_EQ(default_export_path(state, ExportKind::PlanJson), (dir / "gemm.matmul.tt.plan.json").string());
  EXPECT_EQ(default_export_path(state, ExportKind::PanelPng, "Core grid"), (dir / "gemm.matmul.core_grid.png").string());

  ExportMenu menu;
  std::string status;
  const fs::path plan = dir / "gemm.matmul.tt.plan.json";
  ASSERT_TRUE(menu.write(state, ExportKind::PlanJson, "", plan.string(), status)) << status;
  EXPECT_EQ(status, "exported " + plan.string());
  EXPECT_EQ(read_file(plan), state.kernel()->find_artifact("tt.plan.json")->text);

  // No trace loaded: nothing is written, and the reason is given.
  const fs::path trace = dir / "trace.json";
  EXPECT_FALSE(menu.write(state, ExportKind::TraceJson, "", trace.string(), status));
  EXPECT_EQ(status, "nothing to export: no emulation trace (Compile > Run emulation, or File > Load emulation trace)");
  EXPECT_FALSE(fs::exists(trace));
  // PNGs need the app's window.
  EXPECT_FALSE(menu.write(state, ExportKind::PanelPng, "L1", (dir / "l1.png").string(), status));
  EXPECT_EQ(status, "PNG export needs the desktop window");

  // An unwritable target leaves no temporary file behind.
  EXPECT_FALSE(menu.write(state, ExportKind::L1Csv, "", (dir / "no_such_dir_file" / "x").string() + "/", status));
  for (const auto& e : fs::directory_iterator(dir)) EXPECT_EQ(e.path().string().find(".tmp"), std::string::npos) << e.path();
}

}  // namespace
}  // namespace tt::viewer
