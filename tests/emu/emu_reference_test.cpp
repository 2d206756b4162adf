// The reference GEMM kernels run unchanged on the emulator and match the double-precision reference; the
// run is deterministic and records the CB occupancy trace. Timings are printed for the record.
#include <cstdio>

#include "emu_test_util.h"

namespace ttemu::test {
namespace {

TEST(ReferenceGemm, Gemm256OneBlockPerCore) {
  const TimedRun t = run(reference_dir(), "tt.plan.json");
  expect_pass(t, "256^3, 4 blocks on 4 cores");
  remove_work_dir(t.result);
}

TEST(ReferenceGemm, Gemm256MoreBlocksThanCores) {
  const TimedRun t = run(reference_dir(), "tt.plan.more_blocks_than_cores.json");
  expect_pass(t, "256^3, 4 blocks on 3 cores");
  remove_work_dir(t.result);
}

TEST(ReferenceGemm, Gemm1024On64Cores) {
  const TimedRun t = run(reference_dir(), "tt.plan.1024.json");
  expect_pass(t, "1024^3, 64 blocks on 64 cores");
  remove_work_dir(t.result);
}

TEST(ReferenceGemm, RunsAreDeterministic) {
  expect_identical_runs(reference_dir(), "tt.plan.more_blocks_than_cores.json");
}

TEST(ReferenceGemm, TraceRecordsCbOccupancy) {
  const TimedRun t = run(reference_dir(), "tt.plan.json");
  ASSERT_EQ(t.result.status, RunResult::Status::Pass) << describe(t.result);
  const auto trace = nlohmann::json::parse(read_text(t.result.trace_file));
  EXPECT_EQ(trace["cores"].size(), 4u);
  EXPECT_EQ(trace["circular_buffers"].size(), 16u);  // 4 CBs on each of 4 cores
  const auto& events = trace["events"];
  ASSERT_EQ(events.size(), t.result.events);
  std::map<std::string, int> kinds;
  std::uint64_t previous = 0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    kinds[e["kind"].get<std::string>()]++;
    if (i) {
      EXPECT_EQ(e["t"].get<std::uint64_t>(), previous + 1);
    }
    previous = e["t"].get<std::uint64_t>();
    EXPECT_LE(e["filled"].get<int>(), 16);
  }
  EXPECT_EQ(kinds["reserve"], kinds["push"]);
  EXPECT_GT(kinds["wait"], 0);
  EXPECT_GT(kinds["pop"], 0);
  // A_shared on core (0,0): 8 K steps x 4 tiles pushed by the reader, all popped by compute.
  int a_pushed = 0;
  for (const auto& e : events)
    if (e["core"] == nlohmann::json::array({0, 0}) && e["cb"] == 0 && e["kind"] == "push")
      a_pushed += e["pages"].get<int>();
  EXPECT_EQ(a_pushed, 32);
  remove_work_dir(t.result);
}

TEST(ReferenceGemm, Bfloat16Buffers) {
  Scratch s;
  s.edit_plan([](nlohmann::json& p) {
    for (auto& [name, b] : p["buffers"].items()) b["dtype"] = "bfloat16", b["data_format"] = "Float16_b";
    for (auto& cb : p["circular_buffers"])
      if (cb["dtype"] == "float16") cb["dtype"] = "bfloat16", cb["data_format"] = "Float16_b";
  });
  const TimedRun t = run(s.dir());
  expect_pass(t, "256^3 bfloat16");
  remove_work_dir(t.result);
}

// B stored as [N, K]: the reader walks B^T's tiles and matmul_init's transpose flag transposes each tile.
TEST(ReferenceGemm, TransposedB) {
  Scratch s;
  s.replace_once("reader.cpp", "noc_async_read_page((k * block_kt + kk) * Nt + bx * block_nt + n, b, l1_addr);",
                 "noc_async_read_page((bx * block_nt + n) * Kt + k * block_kt + kk, b, l1_addr);");
  s.replace_once("compute.cpp", "    matmul_init(cb_a, cb_b);\n\n", "    matmul_init(cb_a, cb_b, 1);\n\n");
  s.replace_once("compute.cpp", "cb_b);\n                        matmul_init(cb_a, cb_b);",
                 "cb_b);\n                        matmul_init(cb_a, cb_b, 1);");
  s.edit_plan([](nlohmann::json& p) { p["gemm"]["transpose_b"] = true; });
  const TimedRun t = run(s.dir());
  expect_pass(t, "256^3 with B transposed");
  remove_work_dir(t.result);

  // The same plan with the untransposed kernels computes A x B, not A x B^T.
  Scratch plain;
  plain.edit_plan([](nlohmann::json& p) { p["gemm"]["transpose_b"] = true; });
  const TimedRun wrong = run(plain.dir());
  EXPECT_EQ(wrong.result.status, RunResult::Status::Mismatch) << describe(wrong.result);
  remove_work_dir(wrong.result);
}

// L1 addresses are real host addresses below 4 GiB, so kernels that touch CB pages through pointers work.
TEST(ReferenceGemm, KernelsMayDereferenceL1Addresses) {
  Scratch s;
  s.replace_once("writer.cpp", "uint32_t l1_addr = get_read_ptr(cb_out);",
                 "uint32_t l1_addr = get_read_ptr(cb_out);\n"
                 "                volatile uint32_t* first_word = reinterpret_cast<volatile uint32_t*>(l1_addr);\n"
                 "                *first_word = *first_word;");
  const TimedRun t = run(s.dir());
  EXPECT_EQ(t.result.status, RunResult::Status::Pass) << describe(t.result);
  remove_work_dir(t.result);
}

TEST(ReferenceGemm, WrongOutputTileIsAMismatch) {
  Scratch s;
  s.replace_once("writer.cpp", "noc_async_write_page(row * Nt + col, c, l1_addr);",
                 "noc_async_write_page(col * Nt + row, c, l1_addr);");
  const TimedRun t = run(s.dir());
  EXPECT_EQ(t.result.status, RunResult::Status::Mismatch) << describe(t.result);
  EXPECT_GT(t.result.mismatches, 0u);
  remove_work_dir(t.result);
}

}  // namespace
}  // namespace ttemu::test
