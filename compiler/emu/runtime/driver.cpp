// driver_main: the emulated run end to end (plan -> buffers -> kernel threads -> checks -> result.json and
// trace.json). Exit code 0 pass, 1 numerical mismatch, 2 fault (protocol error, deadlock, timeout), 3 bad
// plan or command line.
#include "ttemu/driver.h"

#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "emulator.h"
#include "gemm_check.h"

namespace ttemu {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Args {
  fs::path plan, out;
  std::uint64_t seed = 0;
  long timeout_ms = 10000;
  double rtol = 1e-2, atol = 1e-2;
};

bool parse_args(int argc, char** argv, Args& a, std::string& err) {
  for (int i = 1; i < argc; ++i) {
    const std::string k = argv[i];
    if (i + 1 >= argc) {
      err = "missing value after " + k;
      return false;
    }
    const std::string v = argv[++i];
    try {
      if (k == "--plan")
        a.plan = v;
      else if (k == "--out")
        a.out = v;
      else if (k == "--seed")
        a.seed = std::stoull(v);
      else if (k == "--timeout-ms")
        a.timeout_ms = std::stol(v);
      else if (k == "--rtol")
        a.rtol = std::stod(v);
      else if (k == "--atol")
        a.atol = std::stod(v);
      else {
        err = "unknown option " + k;
        return false;
      }
    } catch (const std::exception&) {
      err = "bad value for " + k + ": " + v;
      return false;
    }
  }
  if (a.plan.empty() || a.out.empty()) err = "usage: --plan tt.plan.json --out DIR [--seed N] [--timeout-ms N]";
  return err.empty();
}

json fault_json(const Fault& f) {
  json j = {{"kind", f.kind}, {"message", f.message}};
  if (f.core_x >= 0) j["core"] = {f.core_x, f.core_y};
  if (!f.kernel.empty()) j["kernel"] = f.kernel;
  if (f.cb >= 0) j["cb"] = f.cb;
  if (!f.file.empty()) {
    j["file"] = f.file;
    j["line"] = f.line;
  }
  return j;
}

void write_json(const fs::path& file, const json& j) {
  const fs::path tmp = file.string() + ".tmp";
  std::ofstream(tmp) << j.dump(2) << '\n';
  fs::rename(tmp, file);
}

// Faults found after every kernel returned: pages left in a CB mean producer and consumer disagree.
std::vector<Fault> exit_checks(const Emulator& e) {
  std::vector<Fault> out;
  for (const auto& core : e.cores)
    for (const auto& cb : core->cbs) {
      if (!cb || (cb->filled == 0 && cb->reserved == 0)) continue;
      Fault f;
      f.kind = "cb_unbalanced_at_exit";
      f.core_x = core->x;
      f.core_y = core->y;
      f.cb = static_cast<int>(cb->index);
      f.message = "cb_unbalanced_at_exit: " + core->label + ": " + cb->label() + " still holds " +
                  std::to_string(cb->filled) + " filled and " + std::to_string(cb->reserved) +
                  " reserved pages after every kernel finished (" + cb->history() + ")";
      out.push_back(std::move(f));
    }
  return out;
}

// Crash report for a kernel that dereferences a bad pointer: say which kernel it was.
void on_crash(int sig) {
  char buf[512];
  const KernelThread* t = current_thread_or_null();
  const char* file = t ? t->last_file.load() : nullptr;
  const char* slash = file ? std::strrchr(file, '/') : nullptr;
  const int n =
      std::snprintf(buf, sizeof buf, "crash: signal %d (%s) in %s; its last API call was %s at %s:%u\n", sig,
                    strsignal(sig), t ? t->label.c_str() : "the emulator driver", t ? t->last_op.load() : "(none)",
                    file ? (slash ? slash + 1 : file) : "?", t ? t->last_line.load() : 0u);
  if (n > 0) (void)!write(2, buf, static_cast<std::size_t>(n));
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

}  // namespace

int driver_main(int argc, char** argv, std::initializer_list<KernelEntry> kernels) {
  Args args;
  std::string err;
  json result;
  if (!parse_args(argc, argv, args, err)) {
    std::cerr << "ttemu: " << err << '\n';
    return 3;
  }
  fs::create_directories(args.out);
  const fs::path result_file = args.out / "result.json", trace_file = args.out / "trace.json";

  std::unique_ptr<Emulator> e;
  try {
    e = std::make_unique<Emulator>(load_plan(args.plan));
  } catch (const PlanError& pe) {
    result = {{"status", "plan_error"}, {"passed", false}, {"message", pe.what()}, {"faults", json::array()}};
    write_json(result_file, result);
    std::cerr << pe.what() << '\n';
    return 3;
  }
  set_emu(e.get());

  void (*entries[3])() = {nullptr, nullptr, nullptr};
  for (const KernelEntry& k : kernels)
    for (Role r : kRoles)
      if (std::strcmp(k.name, role_name(r)) == 0) entries[static_cast<int>(r)] = k.entry;
  for (Role r : kRoles)
    if (!entries[static_cast<int>(r)]) {
      std::cerr << "ttemu: the driver has no entry point for kernel " << role_name(r) << '\n';
      return 3;
    }

  fill_buffers(e->dram, args.seed);
  std::vector<Fault> faults = e->build(entries);
  Scheduler::Outcome outcome;
  const auto t0 = std::chrono::steady_clock::now();
  if (faults.empty()) {
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL}) std::signal(sig, on_crash);
    outcome = e->scheduler.run(std::chrono::milliseconds(args.timeout_ms));
    faults = e->scheduler.faults();
    if (faults.empty()) faults = exit_checks(*e);
  }
  const auto t1 = std::chrono::steady_clock::now();

  result["faults"] = json::array();
  for (const Fault& f : faults) result["faults"].push_back(fault_json(f));
  int code = 2;
  if (faults.empty()) {
    const GemmCheck c = check_gemm(e->dram, e->plan.gemm, args.rtol, args.atol);
    code = c.passed ? 0 : 1;
    result["status"] = c.passed ? "pass" : "mismatch";
    result["max_abs_error"] = c.max_abs_error;
    result["max_rel_error"] = c.max_rel_error;
    result["checked_elements"] = c.checked;
    result["mismatches"] = c.mismatches;
    if (c.has_first)
      result["first_mismatch"] = {
          {"row", c.first_row}, {"col", c.first_col}, {"got", c.first_got}, {"want", c.first_want}};
    result["message"] = c.passed ? "C matches the reference GEMM"
                                 : std::to_string(c.mismatches) + " of " + std::to_string(c.checked) + " elements of " +
                                       e->plan.gemm.c + " differ from the reference GEMM";
  } else {
    result["status"] = "fault";
    result["message"] = faults.front().message;
  }
  const auto t2 = std::chrono::steady_clock::now();
  auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
  result["passed"] = code == 0;
  result["kernel_run_ms"] = ms(t1 - t0);
  result["check_ms"] = ms(t2 - t1);
  result["cores"] = e->cores.size();
  result["threads"] = e->threads.size();
  result["events"] = e->trace.clock();
  result["trace_file"] = trace_file.filename().string();
  result["seed"] = args.seed;
  e->trace.write(trace_file, e->core_list());
  write_json(result_file, result);

  if (code == 0)
    std::cout << "ttemu: pass (max abs error " << result["max_abs_error"].dump() << ")\n";
  else
    for (const Fault& f : faults) std::cerr << f.message << '\n';
  if (code == 1) std::cerr << result["message"].get<std::string>() << '\n';
  std::cout.flush();
  std::cerr.flush();
  // A kernel that never returned (watchdog) cannot be joined: leave without running destructors.
  if (outcome.stuck) std::_Exit(code);
  return code;
}

}  // namespace ttemu
