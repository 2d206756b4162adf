// Panel reuse by NoC multicast on the emulator: the hand-written multicast reader (reference_gemm/reader_mcast.cpp)
// gives the same results as the streaming reader, deterministically, and each protocol bug (a wrong num_dests, a
// receiver that signals before making room, a sender that never gets its count, logical coordinates where NoC
// coordinates belong, a missing semaphore) is one named fault instead of a hang or silent corruption.
#include "emu_test_util.h"

namespace ttemu::test {
namespace {

// Rewrites a reference plan for the multicast reader: block (bx, by) on core (bx, by); per core the A group (its
// row, sender in column 0) and the B group (its column, sender in row 0) in NoC coordinates, which are logical + 1
// on the emulator (worker_core_from_logical_core); four semaphores.
void use_multicast_reader(nlohmann::json& p) {
  auto& reader = p["kernels"][0];
  reader["file"] = "reader_mcast.cpp";
  const int nt = reader["compile_args"][1], block_nt = reader["compile_args"][3];
  const int gx = nt / block_nt, gy = static_cast<int>(p["cores"].size()) / gx;
  nlohmann::json names = reader["runtime_arg_names"];
  for (const char* g : {"a", "b"})
    for (const char* f : {"sender", "x0", "y0", "x1", "y1", "num_dests", "sender_x", "sender_y"})
      names.push_back(std::string(g) + "_mcast_" + f);
  for (const char* s : {"a_sender_sem", "a_receiver_sem", "b_sender_sem", "b_receiver_sem"}) names.push_back(s);
  reader["runtime_arg_names"] = names;
  for (auto& c : p["cores"]) {
    const int block = c["start"], bx = block % gx, by = block / gx;
    c["core"] = {bx, by};
    auto& args = c["runtime_args"]["reader"];
    for (int v : {int{bx == 0}, 2, by + 1, gx, by + 1, gx - 1, 1, by + 1}) args.push_back(v);  // A: row by
    for (int v : {int{by == 0}, bx + 1, 2, bx + 1, gy, gy - 1, bx + 1, 1}) args.push_back(v);  // B: column bx
    for (int id : {0, 1, 2, 3}) args.push_back(id);
  }
  p["semaphores"] = nlohmann::json::array();
  for (int id : {0, 1, 2, 3}) p["semaphores"].push_back({{"id", id}, {"initial_value", 0}});
}

class McastScratch : public Scratch {
 public:
  explicit McastScratch(const std::string& plan) : Scratch(plan) {
    fs::copy_file(reference_dir() / "reader_mcast.cpp", dir() / "reader_mcast.cpp");
    edit_plan(use_multicast_reader);
  }
};

TEST(Multicast, Gemm256On2x2CoresMatchesReference) {
  McastScratch s("tt.plan.json");
  const TimedRun t = run(s.dir());
  expect_pass(t, "256^3 multicast, 2x2 blocks on 2x2 cores");
  remove_work_dir(t.result);
}

TEST(Multicast, Gemm1024On8x8CoresMatchesReference) {
  McastScratch s("tt.plan.1024.json");
  const TimedRun t = run(s.dir());
  expect_pass(t, "1024^3 multicast, 8x8 blocks on 8x8 cores, 7 receivers per panel");
  // The same bytes land in the same CB pages as when every core streams its panels: the same numbers.
  const TimedRun streamed = run(reference_dir(), "tt.plan.1024.json");
  ASSERT_EQ(streamed.result.status, RunResult::Status::Pass) << describe(streamed.result);
  EXPECT_EQ(t.result.max_abs_error, streamed.result.max_abs_error);
  EXPECT_EQ(t.result.max_rel_error, streamed.result.max_rel_error);
  remove_work_dir(t.result);
  remove_work_dir(streamed.result);
}

// Cores linked by semaphores keep one runner thread even when two are asked for (they synchronise through
// each other's L1): the 1024^3 multicast GEMM passes with the numbers of the streamed one, which does use two.
TEST(Multicast, LinkedCoresKeepOneRunnerWhenTwoAreRequested) {
  RunnersEnv env(2);
  McastScratch s("tt.plan.1024.json");
  const TimedRun t = run(s.dir());
  expect_pass(t, "1024^3 multicast, two runners requested");
  EXPECT_EQ(t.result.runners, 1);
  const TimedRun streamed = run(reference_dir(), "tt.plan.1024.json");
  ASSERT_EQ(streamed.result.status, RunResult::Status::Pass) << describe(streamed.result);
  EXPECT_EQ(streamed.result.runners, 2);
  EXPECT_EQ(t.result.max_abs_error, streamed.result.max_abs_error);
  EXPECT_EQ(t.result.max_rel_error, streamed.result.max_rel_error);
  remove_work_dir(t.result);
  remove_work_dir(streamed.result);
}

TEST(Multicast, RunsAreDeterministic) {
  McastScratch s("tt.plan.json");
  expect_identical_runs(s.dir());
}

TEST(Multicast, NumDestsDifferentFromTheRectangle) {
  McastScratch s("tt.plan.1024.json");
  s.replace_once("reader_mcast.cpp", "bytes, g.num_dests);", "bytes, g.num_dests - 1);");
  const TimedRun t = run(s.dir());
  const RunFault f = expect_fault(t, "noc_multicast_num_dests");
  EXPECT_EQ(f.kernel, "reader");
  EXPECT_EQ(f.line, line_of(s.dir() / "reader_mcast.cpp", "bytes, g.num_dests - 1);"));
  EXPECT_NE(f.message.find("holds 7 cores but num_dests is 6"), std::string::npos) << f.message;
  remove_work_dir(t.result);
}

TEST(Multicast, ReceiverSignalsBeforeReserving) {
  McastScratch s("tt.plan.json");
  // The B receivers signal and wait first, then reserve: the panel may land on pages the compute kernel still
  // reads. The first multicast into a receiver whose window is not reserved is diagnosed on that receiver.
  s.replace_once("reader_mcast.cpp", "            cb_reserve_back(cb_b, b_tiles);\n            if (gb.is_sender) {",
                 "            if (!gb.is_sender) receive_panel(gb);\n            cb_reserve_back(cb_b, b_tiles);\n"
                 "            if (gb.is_sender) {");
  s.replace_once("reader_mcast.cpp", "            } else {\n                receive_panel(gb);\n            }\n",
                 "            }\n");
  const TimedRun t = run(s.dir());
  const RunFault f = expect_fault(t, "l1_write_outside_reserved_window");
  EXPECT_EQ(f.kernel, "reader");
  EXPECT_EQ(f.cb, 1);
  EXPECT_NE(f.message.find("noc_async_write_multicast writes page 0 of cb=1 'B_shared' on core ("), std::string::npos)
      << f.message;
  remove_work_dir(t.result);
}

TEST(Multicast, SenderWaitsForMoreReceiversThanExist) {
  McastScratch s("tt.plan.json");
  s.replace_once("reader_mcast.cpp", "noc_semaphore_wait(g.sender_sem, g.num_dests);",
                 "noc_semaphore_wait(g.sender_sem, g.num_dests + 1);");
  const TimedRun t = run(s.dir());
  expect_fault(t, "deadlock");
  // Every blocked kernel is reported; the A sender of row 0 waits for a second receiver that does not exist.
  const std::string want =
      "deadlock: core (0,0) kernel reader blocked in noc_semaphore_wait(semaphore 0, val=2) at "
      "reader_mcast.cpp:" +
      std::to_string(line_of(s.dir() / "reader_mcast.cpp", "g.num_dests + 1);")) +
      ": the semaphore holds 1 and no kernel that can still run will make it 2";
  bool found = false;
  for (const auto& f : t.result.faults) found |= f.message.rfind(want, 0) == 0;
  EXPECT_TRUE(found) << "expected a fault starting with\n  " << want << "\n" << describe(t.result);
  remove_work_dir(t.result);
}

TEST(Multicast, LogicalCoordinatesAreNoWorker) {
  McastScratch s("tt.plan.json");
  // NoC coordinates of the A sender replaced by its logical ones (column 0 of the row).
  s.edit_plan([](nlohmann::json& p) {
    for (auto& c : p["cores"]) c["runtime_args"]["reader"][10] = 0;
  });
  const TimedRun t = run(s.dir());
  const RunFault f = expect_fault(t, "noc_no_worker");
  EXPECT_EQ(f.line, line_of(s.dir() / "reader_mcast.cpp", "noc_semaphore_inc(get_noc_addr("));
  EXPECT_NE(f.message.find("no active worker core at NoC coordinates (0,"), std::string::npos) << f.message;
  remove_work_dir(t.result);
}

TEST(Multicast, SemaphoreNotCreated) {
  McastScratch s("tt.plan.json");
  s.edit_plan([](nlohmann::json& p) { p["semaphores"].erase(3); });
  const TimedRun t = run(s.dir());
  const RunFault f = expect_fault(t, "semaphore_not_configured");
  EXPECT_NE(f.message.find("get_semaphore(3): no semaphore 3 was created on this core"), std::string::npos)
      << f.message;
  remove_work_dir(t.result);
}

}  // namespace
}  // namespace ttemu::test
