// driver_main: the emulated run end to end (plan -> buffers -> kernel threads -> checks -> result.json and
// trace.json). Exit code 0 pass, 1 numerical mismatch, 2 fault (protocol error, deadlock, timeout), 3 bad
// plan or command line.
#include "ttemu/driver.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "emulator.h"
#include "gemm_check.h"
#include "session.h"

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
    write_json_atomic(result_file, result);
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
  const SessionOutcome outcome = run_session(*e, entries, std::chrono::milliseconds(args.timeout_ms));
  const std::vector<Fault>& faults = outcome.faults;
  const auto t1 = std::chrono::steady_clock::now();

  result = session_json(*e, outcome, trace_file);
  int code = 2;
  if (faults.empty() && e->plan.gemm.c.empty()) {
    code = 0;
    result["status"] = "pass";
    result["message"] =
        "ran without faults; the plan has no GEMM for the driver to check (the engine's oracle checks "
        "element-wise kernels)";
  } else if (faults.empty()) {
    const Comparison c = check_gemm(e->dram, e->plan.gemm, args.rtol, args.atol);
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
  result["check_ms"] = ms(t2 - t1);
  result["seed"] = args.seed;
  write_json_atomic(result_file, result);

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
