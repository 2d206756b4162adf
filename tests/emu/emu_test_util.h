// Helpers for the emulator tests: run the reference GEMM kernels, or a scratch copy of them with one edit
// (a kernel line or a plan field) that introduces a specific bug.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>

#include "runner.h"

namespace ttemu::test {

namespace fs = std::filesystem;

inline fs::path reference_dir() { return fs::path(TTEMU_TESTS_DIR) / "reference_gemm"; }

inline std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_text(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

// 1-based line of the first occurrence of `needle` in `file`, 0 when absent.
inline unsigned line_of(const fs::path& file, const std::string& needle) {
  std::istringstream in(read_text(file));
  unsigned n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    if (line.find(needle) != std::string::npos) return n;
  }
  return 0;
}

// A temporary copy of a kernel set (the reference kernels by default), its host program main.cpp when it has
// one, and one of its plans, edited by the test, removed afterwards.
class Scratch {
 public:
  explicit Scratch(const std::string& plan = "tt.plan.json", const fs::path& from = reference_dir()) {
    std::string pattern = (fs::temp_directory_path() / "ttemu-test-XXXXXX").string();
    dir_ = mkdtemp(pattern.data());
    for (const char* f : {"reader.cpp", "compute.cpp", "writer.cpp"}) fs::copy_file(from / f, dir_ / f);
    if (fs::exists(from / "main.cpp")) fs::copy_file(from / "main.cpp", dir_ / "main.cpp");
    fs::copy_file(from / plan, dir_ / "tt.plan.json");
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  const fs::path& dir() const { return dir_; }

  // Replaces the single occurrence of `from` in `file` (a kernel or main.cpp); the edit must apply exactly once.
  void replace_once(const std::string& file, const std::string& from, const std::string& to) {
    std::string text = read_text(dir_ / file);
    const auto pos = text.find(from);
    ASSERT_NE(pos, std::string::npos) << "'" << from << "' not found in " << file;
    ASSERT_EQ(text.find(from, pos + 1), std::string::npos) << "'" << from << "' occurs twice in " << file;
    text.replace(pos, from.size(), to);
    write_text(dir_ / file, text);
  }

  void edit_plan(const std::function<void(nlohmann::json&)>& edit) {
    nlohmann::json j = nlohmann::json::parse(read_text(dir_ / "tt.plan.json"));
    edit(j);
    write_text(dir_ / "tt.plan.json", j.dump(2));
  }

 private:
  fs::path dir_;
};

// Sets TTEMU_RUNNERS (how many host threads run the emulated cores) for the scope; the emulated program
// inherits it. Restores the previous value.
class RunnersEnv {
 public:
  explicit RunnersEnv(int runners) {
    if (const char* v = std::getenv("TTEMU_RUNNERS")) previous_ = v;
    ::setenv("TTEMU_RUNNERS", std::to_string(runners).c_str(), 1);
  }
  ~RunnersEnv() {
    if (previous_)
      ::setenv("TTEMU_RUNNERS", previous_->c_str(), 1);
    else
      ::unsetenv("TTEMU_RUNNERS");
  }
  RunnersEnv(const RunnersEnv&) = delete;
  RunnersEnv& operator=(const RunnersEnv&) = delete;

 private:
  std::optional<std::string> previous_;
};

struct TimedRun {
  RunResult result;
  double total_ms = 0;  // build + run, as a user of the runner waits for it
};

inline TimedRun run(const fs::path& kernel_dir, const std::string& plan = "tt.plan.json",
                    std::chrono::milliseconds timeout = std::chrono::milliseconds(10000)) {
  RunOptions o;
  o.kernel_dir = kernel_dir;
  o.plan_file = kernel_dir / plan;
  o.seed = 7;
  o.timeout = timeout;
  const auto t0 = std::chrono::steady_clock::now();
  TimedRun r{run_generated_kernels(o), 0};
  r.total_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

// run() with the emulated cores on `runners` host threads (when they form that many groups).
inline TimedRun run_with_runners(int runners, const fs::path& kernel_dir, const std::string& plan = "tt.plan.json") {
  RunnersEnv env(runners);
  return run(kernel_dir, plan);
}

// Everything a failing assertion should show: status, faults, and the build/run log.
inline std::string describe(const RunResult& r) {
  std::string s = std::string("status ") + to_string(r.status) + ": " + r.message + "\n";
  for (const auto& f : r.faults) s += "  " + f.message + "\n";
  return s + "work dir " + r.work_dir.string() + "\nlog:\n" + r.log;
}

// Removes the run's work directory unless the test failed (then it is kept for inspection).
inline void remove_work_dir(const RunResult& r) {
  std::error_code ec;
  if (!r.work_dir.empty() && !::testing::Test::HasFailure()) fs::remove_all(r.work_dir, ec);
}

// Runs the kernels twice: both pass, with the same error and a byte-identical CB trace.
inline void expect_identical_runs(const fs::path& kernel_dir, const std::string& plan = "tt.plan.json") {
  const TimedRun a = run(kernel_dir, plan);
  const TimedRun b = run(kernel_dir, plan);
  ASSERT_EQ(a.result.status, RunResult::Status::Pass) << describe(a.result);
  ASSERT_EQ(b.result.status, RunResult::Status::Pass) << describe(b.result);
  EXPECT_EQ(a.result.max_abs_error, b.result.max_abs_error);
  EXPECT_EQ(read_text(a.result.trace_file), read_text(b.result.trace_file));
  remove_work_dir(a.result);
  remove_work_dir(b.result);
}

// Asserts a passing run within float16 tolerance and prints its timings for the record.
inline void expect_pass(const TimedRun& t, const char* what) {
  const RunResult& r = t.result;
  ASSERT_EQ(r.status, RunResult::Status::Pass) << describe(r);
  EXPECT_TRUE(r.passed);
  EXPECT_TRUE(r.faults.empty());
  EXPECT_LT(r.max_rel_error, 1e-2);  // float16 output rounding (2^-11) plus fp32 accumulation near zero
  std::printf(
      "[ ttemu ] %s: build %.0f ms, emulated run %.0f ms (kernels %.1f ms), max abs err %.3g, max rel err %.3g, %llu "
      "CB events\n",
      what, r.build_ms, r.run_ms, r.kernel_run_ms, r.max_abs_error, r.max_rel_error,
      static_cast<unsigned long long>(r.events));
}

inline const RunFault* find_fault(const RunResult& r, const std::string& kind) {
  for (const auto& f : r.faults)
    if (f.kind == kind) return &f;
  return nullptr;
}

// Asserts the run ended with fault `kind`, prints the diagnosis with its timing (no assertion on it: build
// times vary with the machine's load), returns the fault.
inline RunFault expect_fault(const TimedRun& t, const std::string& kind) {
  const RunResult& r = t.result;
  EXPECT_EQ(r.status, RunResult::Status::Fault) << describe(r);
  const RunFault* f = find_fault(r, kind);
  EXPECT_NE(f, nullptr) << "expected a " << kind << " fault\n" << describe(r);
  if (!f) return {};
  EXPECT_EQ(f->message.rfind(kind + ":", 0), 0u) << f->message;
  std::printf("[ ttemu ] %s diagnosed in %.0f ms (emulated run %.0f ms): %s\n", kind.c_str(), t.total_ms, r.run_ms,
              f->message.c_str());
  return *f;
}

}  // namespace ttemu::test
