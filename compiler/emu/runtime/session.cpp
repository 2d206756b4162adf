// One emulated run from built cores to result files; see session.h.
#include "session.h"

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace ttemu {

namespace fs = std::filesystem;
using nlohmann::json;

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

void write_json_atomic(const fs::path& file, const json& j) {
  const fs::path tmp = file.string() + ".tmp";
  std::ofstream(tmp) << j.dump(2) << '\n';
  fs::rename(tmp, file);
}

namespace {

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

SessionOutcome run_session(Emulator& e, void (*const entries[3])(), std::chrono::milliseconds timeout) {
  set_emu(&e);
  SessionOutcome o;
  o.faults = e.build(entries);
  if (!o.faults.empty()) return o;
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL}) std::signal(sig, on_crash);
  const auto t0 = std::chrono::steady_clock::now();
  const Scheduler::Outcome run = e.scheduler.run(timeout);
  o.kernel_run_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  o.stuck = run.stuck;
  o.faults = e.scheduler.faults();
  if (o.faults.empty()) o.faults = exit_checks(e);
  return o;
}

json session_json(const Emulator& e, const SessionOutcome& o, const fs::path& trace_file) {
  json j;
  j["faults"] = json::array();
  for (const Fault& f : o.faults) j["faults"].push_back(fault_json(f));
  j["kernel_run_ms"] = o.kernel_run_ms;
  j["cores"] = e.cores.size();
  j["threads"] = e.threads.size();
  j["runners"] = e.scheduler.runners();
  j["events"] = e.trace.clock();
  j["trace_file"] = trace_file.filename().string();
  e.trace.write(trace_file, e.core_list());
  return j;
}

}  // namespace ttemu
