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
  // The reference GEMM (1024^3 fp16 in 128x128 blocks): DRAM-bound, each core streams its own A and
  // B panels (64 x 512 KiB) and C is written once (2 MiB); (1024/32)^3 tile matmuls.
  EXPECT_EQ(estimate["binding"], "dram");
  EXPECT_EQ(estimate["counts"]["dram_read_bytes"], 64 * 524288);
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

TEST(BatchJson, ListsAnUncalledKernelWithoutSizesAsSkipped) {
  fs::path dir = fs::path(testing::TempDir()) / "tt_batch_json_skipped";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string kernel = R"(
def NAME(A, block_M):
    M, N = T.const("M, N")
    A: T.Tensor((M, N), T.float16)
    B = T.empty((M, N), T.float16)
    with T.Kernel(T.ceildiv(N, block_M), T.ceildiv(M, block_M), threads=128) as (bx, by):
        A_s = T.alloc_shared((block_M, block_M), T.float16)
        B_s = T.alloc_fragment((block_M, block_M), T.float16)
        T.copy(A[by * block_M, bx * block_M], A_s)
        for i, j in T.Parallel(block_M, block_M):
            B_s[i, j] = T.exp(A_s[i, j])
        T.copy(B_s, B[by * block_M, bx * block_M])
    return B
)";
  const std::string file = (dir / "two.py").string();
  std::ofstream(file) << "import tilelang\nimport tilelang.language as T\n\n@tilelang.jit"
                      << std::string(kernel).replace(kernel.find("NAME"), 4, "copy_splitk") << "\n@tilelang.jit"
                      << std::string(kernel).replace(kernel.find("NAME"), 4, "copy")
                      << "\ncopy.compile(M=64, N=64, block_M=32)\n";
  nlohmann::json j = nlohmann::json::parse(
      run_stdout("batch \"" + file + "\" -o \"" + (dir / "out").string() + "\" --json -q"), nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_TRUE(j[0]["ok"].get<bool>());
  ASSERT_EQ(j[0]["kernels"].size(), 1u);
  EXPECT_EQ(j[0]["kernels"][0]["name"], "copy");
  const nlohmann::json& skipped = j[0]["skipped_kernels"];
  ASSERT_EQ(skipped.size(), 1u) << j.dump();
  EXPECT_EQ(skipped[0]["name"], "copy_splitk");
  EXPECT_EQ(skipped[0]["line"], 5);
  EXPECT_EQ(skipped[0]["reason"].get<std::string>().rfind("kernel 'copy_splitk' is not compiled: no call", 0), 0u);
  EXPECT_EQ(j[0]["diagnostics"][0]["severity"], "note");
  EXPECT_EQ(j[0]["diagnostics"][0]["message"], skipped[0]["reason"]);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tt
