// Broken variants of the reference kernels and plan: each bug is diagnosed as one named fault, naming the
// core, kernel, CB and generated source line, and the run ends within 10 s instead of hanging.
#include <cstdio>

#include "emu_test_util.h"

namespace ttemu::test {
namespace {

TEST(EmuFaults, ComputePopsOneTileTooFew) {
  Scratch s;
  s.replace_once("compute.cpp", "cb_pop_front(cb_a, a_tiles);", "cb_pop_front(cb_a, a_tiles - 1);");
  const TimedRun t = run(s.dir());
  // Popping 3 of 4 tiles leaves the front of A_shared misaligned; the fourth wait's window would run past
  // the end of the 12-page CB, which TT-Metalium CBs cannot do.
  const RunFault f = expect_fault(t, "cb_window_wraps");
  EXPECT_EQ(f.kernel, "compute");
  EXPECT_EQ(f.cb, 0);
  EXPECT_EQ(f.core_x, 0);
  EXPECT_EQ(f.line, line_of(s.dir() / "compute.cpp", "cb_wait_front(cb_a, a_tiles);"));
  EXPECT_NE(f.message.find("cb_wait_front(cb=0 'A_shared', n=4)"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("starting at page 9 of 12"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("9 popped in 3 calls"), std::string::npos) << f.message;
  remove_work_dir(t.result);
}

TEST(EmuFaults, PartialsCbOfOneSubblockDeadlocks) {
  Scratch s;
  // C_local must hold the partials of both 8-tile sub-blocks between K steps (2 x 8 pages); give it 1 x 8.
  s.edit_plan([](nlohmann::json& p) {
    for (auto& cb : p["circular_buffers"])
      if (cb["index"] == 24) cb["num_pages"] = 8;
  });
  const TimedRun t = run(s.dir());
  expect_fault(t, "deadlock");
  const std::string compute_msg =
      "deadlock: core (0,0) kernel compute blocked in cb_reserve_back(cb=24 'C_local', n=8) at compute.cpp:" +
      std::to_string(line_of(s.dir() / "compute.cpp", "cb_reserve_back(cb_dst, subblock_tiles);")) +
      ": 0 of 8 pages free, 8 needed, consumer compute (this kernel) blocked in cb_reserve_back(cb=24 'C_local', n=8) "
      "- "
      "the kernel is its own consumer";
  bool found = false;
  for (const auto& f : t.result.faults) found |= f.message.rfind(compute_msg, 0) == 0;
  EXPECT_TRUE(found) << "expected a fault starting with\n  " << compute_msg << "\n" << describe(t.result);
  // The cause (compute waiting on itself) is listed first, so it is also the run's summary message.
  ASSERT_FALSE(t.result.faults.empty());
  EXPECT_EQ(t.result.faults.front().message.rfind(compute_msg, 0), 0u) << describe(t.result);
  EXPECT_EQ(t.result.message, t.result.faults.front().message);
  // Every blocked kernel on every core is reported, e.g. the reader waiting for room in A_shared.
  bool reader = false;
  for (const auto& f : t.result.faults)
    reader |= f.message.find("core (0,0) kernel reader blocked in cb_reserve_back(cb=0 'A_shared', n=4)") !=
              std::string::npos;
  EXPECT_TRUE(reader) << describe(t.result);
  remove_work_dir(t.result);
}

// A fault on every core, and a deadlock on every core: with the four cores on two runner threads the run
// reports what one runner reports, fault for fault, with the same CB trace (a fault stops its core's group only,
// and the run names the lowest group's fault, so neither depends on which thread got there first).
TEST(EmuFaults, TwoRunnersReportWhatOneRunnerReports) {
  const auto pop_too_few = [](Scratch& s) {
    s.replace_once("compute.cpp", "cb_pop_front(cb_a, a_tiles);", "cb_pop_front(cb_a, a_tiles - 1);");
  };
  const auto partials_too_small = [](Scratch& s) {
    s.edit_plan([](nlohmann::json& p) {
      for (auto& cb : p["circular_buffers"])
        if (cb["index"] == 24) cb["num_pages"] = 8;
    });
  };
  for (const auto& edit :
       {std::function<void(Scratch&)>(pop_too_few), std::function<void(Scratch&)>(partials_too_small)}) {
    Scratch s;
    edit(s);
    const TimedRun one = run_with_runners(1, s.dir()), two = run_with_runners(2, s.dir());
    EXPECT_EQ(one.result.runners, 1);
    EXPECT_EQ(two.result.runners, 2);
    ASSERT_EQ(one.result.status, RunResult::Status::Fault) << describe(one.result);
    ASSERT_EQ(two.result.status, RunResult::Status::Fault) << describe(two.result);
    ASSERT_EQ(one.result.faults.size(), two.result.faults.size()) << describe(one.result) << describe(two.result);
    for (std::size_t i = 0; i < one.result.faults.size(); ++i)
      EXPECT_EQ(one.result.faults[i].message, two.result.faults[i].message);
    EXPECT_EQ(one.result.faults.front().core_x, 0);
    EXPECT_EQ(one.result.events, two.result.events);
    EXPECT_EQ(read_text(one.result.trace_file), read_text(two.result.trace_file));
    remove_work_dir(one.result);
    remove_work_dir(two.result);
  }
}

TEST(EmuFaults, DstIndexOverCapacity) {
  Scratch s;
  // A 4x4 sub-block: 16 fp32 tiles in a DST that holds 8.
  s.edit_plan([](nlohmann::json& p) {
    for (auto& k : p["kernels"])
      if (k["name"] == "compute") k["compile_args"][4] = 4;
  });
  const TimedRun t = run(s.dir());
  const RunFault f = expect_fault(t, "dst_index_out_of_capacity");
  EXPECT_EQ(f.kernel, "compute");
  EXPECT_EQ(f.line, line_of(s.dir() / "compute.cpp", "matmul_tiles(cb_a, cb_b"));
  EXPECT_NE(f.message.find("matmul_tiles(dst=8): DST holds 8 tiles with fp32_dest_acc_en=true"), std::string::npos)
      << f.message;
  remove_work_dir(t.result);
}

TEST(EmuFaults, PopMoreThanWaited) {
  Scratch s;
  s.replace_once("compute.cpp", "cb_pop_front(cb_b, b_tiles);", "cb_pop_front(cb_b, b_tiles + 1);");
  const TimedRun t = run(s.dir());
  const RunFault f = expect_fault(t, "cb_pop_more_than_waited");
  EXPECT_EQ(f.cb, 1);
  EXPECT_NE(f.message.find("cb_pop_front(cb=1 'B_shared', n=5): only 4 pages were made visible"), std::string::npos)
      << f.message;
  remove_work_dir(t.result);
}

TEST(EmuFaults, PushMoreThanReserved) {
  Scratch s;
  s.replace_once("reader.cpp", "cb_push_back(cb_b, b_tiles);", "cb_push_back(cb_b, b_tiles + 1);");
  const TimedRun t = run(s.dir());
  const RunFault f = expect_fault(t, "cb_push_more_than_reserved");
  EXPECT_EQ(f.kernel, "reader");
  EXPECT_EQ(f.line, line_of(s.dir() / "reader.cpp", "cb_push_back(cb_b, b_tiles"));
  remove_work_dir(t.result);
}

TEST(EmuFaults, PushBeforeReadBarrier) {
  Scratch s;
  s.replace_once("reader.cpp", "            noc_async_read_barrier();\n", "");
  const TimedRun t = run(s.dir());
  const RunFault f = expect_fault(t, "noc_read_barrier_missing");
  EXPECT_NE(f.message.find("cb_push_back(cb=0 'A_shared', n=4)"), std::string::npos) << f.message;
  remove_work_dir(t.result);
}

TEST(EmuFaults, MissingPackReconfig) {
  Scratch s;
  s.replace_once("compute.cpp", "pack_reconfig_data_format(cb_dst);", "");
  const TimedRun t = run(s.dir());
  const RunFault f = expect_fault(t, "pack_format_mismatch");
  EXPECT_NE(f.message.find("pack_tile into cb=24 'C_local' (Float32) but the packer is configured for Float16"),
            std::string::npos)
      << f.message;
  remove_work_dir(t.result);
}

TEST(EmuFaults, ReloadWithoutSrcAReconfig) {
  Scratch s;
  s.replace_once("compute.cpp", "copy_tile_to_dst_init_short_with_dt(cb_b, cb_partials);",
                 "copy_tile_to_dst_init_short(cb_partials);");
  const TimedRun t = run(s.dir());
  expect_fault(t, "unpack_format_mismatch");
  remove_work_dir(t.result);
}

TEST(EmuFaults, WriterPageOutOfRange) {
  Scratch s;
  s.replace_once("writer.cpp", "noc_async_write_page(row * Nt + col, c, l1_addr);",
                 "noc_async_write_page(row * Nt + col + 64, c, l1_addr);");
  const TimedRun t = run(s.dir());
  const RunFault f = expect_fault(t, "dram_out_of_bounds");
  EXPECT_EQ(f.kernel, "writer");
  EXPECT_NE(f.message.find("noc_async_write_page(page 64 of buffer C): C has only 64 pages"), std::string::npos)
      << f.message;
  remove_work_dir(t.result);
}

TEST(EmuFaults, RuntimeArgIsNotABufferAddress) {
  Scratch s;
  s.edit_plan([](nlohmann::json& p) { p["cores"][0]["runtime_args"]["reader"][1] = 4096; });
  const TimedRun t = run(s.dir());
  const RunFault f = expect_fault(t, "dram_unknown_buffer");
  EXPECT_NE(f.message.find("no DRAM buffer has bank_base_address 0x1000"), std::string::npos) << f.message;
  remove_work_dir(t.result);
}

TEST(EmuFaults, EndlessLoopHitsTheWatchdog) {
  Scratch s;
  s.replace_once("compute.cpp", "    matmul_init(cb_a, cb_b);\n\n",
                 "    matmul_init(cb_a, cb_b);\n    for (volatile int spin = 0; spin >= 0; spin = 1) {}\n");
  const TimedRun t = run(s.dir(), "tt.plan.json", std::chrono::milliseconds(1000));
  const RunFault f = expect_fault(t, "timeout");
  EXPECT_NE(f.message.find("kernel compute was running; its last API call was matmul_init"), std::string::npos)
      << f.message;
  // No page moved while compute spun: not a run that is merely long.
  EXPECT_NE(f.message.find("a kernel loops without CB calls"), std::string::npos) << f.message;
  EXPECT_EQ(f.message.find("making progress"), std::string::npos) << f.message;
  remove_work_dir(t.result);
}

// A compute kernel slowed down by a busy loop after every pop: its pages keep moving but the run needs
// far longer than 300 ms (the spin is long enough that fibers, which made switches cheap, still need
// seconds), so the message says to raise the timeout, not to look for an endless loop.
TEST(EmuFaults, ALongRunThatMakesProgressSuggestsRaisingTheTimeout) {
  Scratch s("tt.plan.1024.json");
  s.replace_once("compute.cpp", "cb_pop_front(cb_a, a_tiles);",
                 "cb_pop_front(cb_a, a_tiles);\n      for (volatile int spin = 0; spin < 3000000; ++spin) {}");
  const TimedRun t = run(s.dir(), "tt.plan.json", std::chrono::milliseconds(300));
  const RunFault f = expect_fault(t, "timeout");
  EXPECT_NE(f.message.find("the program was making progress ("), std::string::npos) << f.message;
  // The watchdog samples the push/pop count (the push/pop path reads no clock), so the last move is known to
  // within one sampling slice: "the last less than N ms before the watchdog fired".
  EXPECT_NE(f.message.find(" CB pushes and pops, the last less than "), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("raise --timeout"), std::string::npos) << f.message;
  EXPECT_EQ(f.message.find("loops without CB calls"), std::string::npos) << f.message;
  remove_work_dir(t.result);
}

// A crash ends the process at once: on one runner the first core's writer crashes first; with the four cores
// on two runners, which of two crashing writers is named depends on timing (the one fault that is not
// deterministic across runner counts), so that run only has to name a writer at the same line.
TEST(EmuFaults, CrashNamesTheKernel) {
  Scratch s;
  s.replace_once("writer.cpp", "uint32_t l1_addr = get_read_ptr(cb_out);",
                 "uint32_t l1_addr = get_read_ptr(cb_out);\n"
                 "                *reinterpret_cast<volatile uint32_t*>(uintptr_t{16}) = 1;");
  const TimedRun t = run_with_runners(1, s.dir());
  EXPECT_EQ(t.result.status, RunResult::Status::Crash) << describe(t.result);
  EXPECT_EQ(t.result.message.rfind("crash: signal 11", 0), 0u) << t.result.message;
  EXPECT_NE(t.result.message.find("in core (0,0) kernel writer; its last API call was get_read_ptr at writer.cpp:"),
            std::string::npos)
      << t.result.message;
  std::printf("[ ttemu ] crash reported in %.0f ms: %s\n", t.total_ms, t.result.message.c_str());
  remove_work_dir(t.result);
  const TimedRun two = run_with_runners(2, s.dir());
  EXPECT_EQ(two.result.status, RunResult::Status::Crash) << describe(two.result);
  EXPECT_NE(two.result.message.find(",0) kernel writer; its last API call was get_read_ptr at writer.cpp:"),
            std::string::npos)
      << two.result.message;
  remove_work_dir(two.result);
}

TEST(EmuFaults, PlanErrorNamesTheField) {
  Scratch s;
  s.edit_plan([](nlohmann::json& p) { p["circular_buffers"][1].erase("page_size"); });
  const TimedRun t = run(s.dir());
  EXPECT_EQ(t.result.status, RunResult::Status::PlanError) << describe(t.result);
  EXPECT_EQ(t.result.message, "tt.plan.json: $.circular_buffers[1]: missing required field 'page_size'");
}

TEST(EmuFaults, KernelThatDoesNotCompile) {
  Scratch s;
  s.replace_once("reader.cpp", "noc_async_read_barrier();", "noc_async_read_barrier(;");
  const TimedRun t = run(s.dir());
  EXPECT_EQ(t.result.status, RunResult::Status::BuildError) << describe(t.result);
  EXPECT_NE(t.result.log.find("reader.cpp"), std::string::npos);
  remove_work_dir(t.result);
}

}  // namespace
}  // namespace ttemu::test
