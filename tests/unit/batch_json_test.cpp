// `tt-inspect batch --json`: one valid JSON document on stdout whatever other flags are given,
// listing every diagnostic of every file and kernel with its location, severity and category.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace tt {
namespace {

namespace fs = std::filesystem;

// stdout of the real binary (stderr discarded).
std::string run_stdout(const std::string& args) {
  std::string cmd = std::string("\"") + TT_INSPECT_BINARY + "\" " + args + " 2>/dev/null";
  std::string out;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  pclose(pipe);
  return out;
}

TEST(BatchJson, ListsEveryDiagnosticWithItsCategoryAndStaysValidWithIrDumps) {
  fs::path dir = fs::path(testing::TempDir()) / "tt_batch_json";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string bad = (dir / "bad.py").string();
  {
    std::ifstream in(std::string(TT_TESTS_DIR) + "/bad_inputs/111_thread_binding_in_kernel.py");
    std::ofstream(bad) << in.rdbuf();
  }
  std::string good = std::string(TT_INSPECT_ASSETS_DIR) + "/examples/example_gemm.py";
  std::string out = run_stdout("batch \"" + good + "\" \"" + bad + "\" -o \"" + (dir / "out").string() +
                               "\" --json --print-after-all -q -D M=2048");
  nlohmann::json j = nlohmann::json::parse(out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << out.substr(0, 200);
  ASSERT_EQ(j.size(), 2u);
  EXPECT_TRUE(j[0]["ok"].get<bool>());
  const nlohmann::json& note = j[0]["diagnostics"][0];
  EXPECT_EQ(note["severity"], "note");
  EXPECT_EQ(note["line"], 14);
  EXPECT_EQ(note["col"], 69);
  EXPECT_NE(note["message"].get<std::string>().find("threads=128"), std::string::npos);
  EXPECT_FALSE(j[1]["ok"].get<bool>());
  EXPECT_EQ(j[1]["errors"], 1);
  const nlohmann::json& error = j[1]["diagnostics"][0];
  EXPECT_EQ(error["file"], bad);
  EXPECT_EQ(error["line"], 12);
  EXPECT_EQ(error["col"], 14);
  EXPECT_EQ(error["severity"], "error");
  EXPECT_EQ(error["category"], "unsupported");
  EXPECT_EQ(error["message"],
            "T.get_thread_binding is a GPU-only intrinsic (thread bindings): it has no Tenstorrent lowering");
  EXPECT_TRUE(error["notes"].is_array());
  // The reference GEMM gets advice notes (compiler/advice); a failed kernel none.
  const nlohmann::json& advice = j[0]["kernels"][0]["advice"];
  ASSERT_TRUE(advice.is_array());
  ASSERT_FALSE(advice.empty());
  EXPECT_EQ(advice[0]["severity"], "note");
  EXPECT_EQ(advice[0]["category"], "target");
  EXPECT_EQ(advice[0]["pass"], "advice");
  EXPECT_EQ(advice[0]["message"].get<std::string>().rfind("advice [", 0), 0u) << advice[0]["message"];
  fs::remove_all(dir);
}

TEST(BatchJson, EachKernelCarriesThePlansPerformanceEstimate) {
  fs::path dir = fs::path(testing::TempDir()) / "tt_batch_json_estimate";
  fs::remove_all(dir);
  const std::string gemm = std::string(TT_INSPECT_ASSETS_DIR) + "/examples/example_gemm.py";
  nlohmann::json j = nlohmann::json::parse(
      run_stdout("batch \"" + gemm + "\" -o \"" + (dir / "out").string() + "\" --json -q"), nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  const nlohmann::json& kernel = j[0]["kernels"][0];
  const nlohmann::json& estimate = kernel["estimate"];
  ASSERT_TRUE(estimate.is_object()) << kernel.dump();
  // The reference GEMM (1024^3 fp16 in 128x128 blocks): one core per row reads each A panel and one per
  // column each B panel (16 x 256 KiB) and multicasts it, C is written once (2 MiB); (1024/32)^3 tile
  // matmuls. The busiest NoC port (core (0, 0), which sends both) binds.
  EXPECT_EQ(estimate["binding"], "noc");
  EXPECT_EQ(estimate["counts"]["dram_read_bytes"], 16 * 262144);
  EXPECT_EQ(estimate["dram_bytes_by_buffer"]["C"]["write_bytes"], 2 * 1024 * 1024);
  EXPECT_EQ(estimate["counts"]["tile_matmuls"], 32 * 32 * 32);
  EXPECT_LE(estimate["tflops"].get<double>(), estimate["peak_tflops"].get<double>());
  // The same object as the plan written beside the kernels.
  std::ifstream plan_file(dir / "out" / kernel["name"].get<std::string>() / "tt.plan.json");
  nlohmann::json plan = nlohmann::json::parse(plan_file, nullptr, false);
  ASSERT_FALSE(plan.is_discarded());
  EXPECT_EQ(plan["performance_estimate"], estimate);

  // A pipeline stopped early has no final program to estimate.
  j = nlohmann::json::parse(run_stdout("batch \"" + gemm + "\" -o \"" + (dir / "stopped").string() +
                                       "\" --json -q --stop-after infer_tt_layout"),
                            nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_TRUE(j[0]["kernels"][0]["estimate"].is_null());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tt
