// Deterministic scheduler of the kernel threads: every kernel runs as a fiber (its own stack, ucontext) on one
// of a few host threads, the runners; on a runner exactly one fiber runs at a time and control moves
// round-robin at every cb_push_back / cb_pop_front and whenever a call blocks. A switch is a user-space context
// swap, not an OS thread hand-off (192 kernels of 64 cores on 2 CPUs made the kernel scheduler the bottleneck:
// futex waits and wake-ups took more time than the tile math).
// Cores are dealt to runners by group (core_groups.h): kernels of cores that synchronise with each other share a
// runner, so what happens on one runner never depends on another, and a run (results, per-group trace,
// diagnostics) is the same every time and for any number of runners:
// - a runner whose fibers are all blocked can never be woken by another runner: once every runner has stopped
//   (finished or stuck) the scheduler knows every kernel's state and detects deadlock exactly;
// - a fault stops the kernels of its group only; the others run to their end, and the run reports the fault of
//   the lowest group that faulted (what one runner would find first does not depend on timing either).
#pragma once

#include <ucontext.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "fault.h"
#include "kernel_thread.h"

namespace ttemu {

class Scheduler {
 public:
  struct Outcome {
    bool completed = false;  // every kernel returned
    bool stuck = false;      // some thread never unwound (the watchdog fired while it ran without API calls)
  };

  void add(KernelThread* t) { threads_.push_back(t); }
  // Deals the added kernels to runners: kernel t (with t->group set) goes to runner runner_of_group[t->group].
  // Without a call, everything is one group on one runner.
  void partition(int groups, const std::vector<int>& runner_of_group);
  int runners() const { return static_cast<int>(runners_.size()); }
  // Runs all kernels to completion, a fault, a deadlock or the wall-clock watchdog.
  Outcome run(std::chrono::milliseconds watchdog);

  // Called by a kernel thread at each push/pop: lets the next runnable fiber of its runner go first.
  void yield(KernelThread& self);
  // Called when a call cannot proceed; returns once its condition holds. Deadlock unwinds the kernel.
  void block(KernelThread& self, const BlockReason& why);
  // From a kernel thread: records `f` as its group's fault (the first one counts) and stops the group (its
  // kernels unwind with KernelAbort). From elsewhere: stops the whole run.
  void abort_with(Fault f);

  std::vector<Fault> faults() const;

 private:
  struct Fiber {
    ucontext_t context{};
    std::unique_ptr<char[]> stack;
    bool started = false, exited = false;
  };
  // A group's state is touched only by the runner that owns the group (and read by run() once it has stopped).
  struct Group {
    bool stopped = false;
    std::optional<Fault> fault;
  };
  struct alignas(64) Runner {  // the counters below are written often: one line per runner
    std::vector<int> threads;  // ids of its kernels, ascending: the round-robin order
    ucontext_t context{};
    std::thread host;
    std::atomic<int> current{-1};            // the fiber running now, -1 none; read by the watchdog
    std::atomic<std::uint64_t> handoffs{0};  // push/pop calls so far (one writer); sampled by the watchdog
    bool idle = false;                       // guarded by mu_: no fiber can run (finished, or waiting for the verdict)
    bool done = false;                       // guarded by mu_: every fiber exited
  };

  void runner_main(Runner& r);
  static void fiber_entry(unsigned hi, unsigned lo);  // makecontext passes ints: the Scheduler* in two halves
  void run_kernel(KernelThread& t);
  Runner& runner_of(const KernelThread& t) { return *runners_[t.runner]; }
  // Switches from `from` (a fiber or the runner) to fiber `next`; returns when something switches back.
  void switch_to(Runner& r, ucontext_t& from, int next);
  // The running fiber has exited: continue with another fiber of its runner that must unwind or run, or the runner.
  [[noreturn]] void leave(KernelThread& self);
  // Parks `self` and runs fiber `next` (-1: back to the runner); unwinds `self` if it is resumed to stop.
  void hand_over(KernelThread& self, int next);
  bool stopping(const KernelThread& t) const;
  // Whether fiber t should be resumed: it can run, or it started and must unwind. Marks a fiber that never
  // started and will not run as exited.
  bool resumable(const KernelThread& t);
  // The next fiber of `r` after slot `after` in round-robin order (-1: none; after = -1 starts at the first).
  int pick_next(Runner& r, int after);
  // Decides the end of a run once every runner is idle: the lowest group's fault, or a deadlock. Requires mu_.
  void judge_stopped_runners();
  void report_deadlock();                                 // requires mu_
  Fault semaphore_deadlock(const KernelThread& t) const;  // requires mu_
  std::string describe_state(const KernelThread& t, const KernelThread& asking) const;
  void stop_all_locked();      // every kernel unwinds (faults_ say why); requires mu_
  void abort_locked(Fault f);  // records f and stops all; requires mu_
  std::string timeout_message(std::chrono::milliseconds watchdog, std::chrono::milliseconds quiet,
                              std::chrono::milliseconds slice, std::uint64_t handoffs, Fault& f) const;
  std::uint64_t handoffs() const;

  std::vector<KernelThread*> threads_;
  std::vector<Fiber> fibers_;  // by thread id
  std::vector<Group> groups_;
  std::vector<std::unique_ptr<Runner>> runners_;
  // Guards what run() (the watchdog) and the runners share: aborted_, faults_, the runners' idle/done flags.
  mutable std::mutex mu_;
  std::condition_variable main_cv_;    // a runner became idle or done
  std::condition_variable runner_cv_;  // the run was aborted: idle runners unwind their fibers
  bool aborted_ = false;
  bool all_finished_ = false;
  std::vector<Fault> faults_;
};

}  // namespace ttemu
