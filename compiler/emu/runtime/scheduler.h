// Deterministic scheduler of the kernel threads: exactly one thread holds the run token at a time and the
// token moves round-robin at every cb_push_back / cb_pop_front and whenever a CB call blocks, so a run
// (results, trace, diagnostics) is the same every time.
// Because it knows every thread's state it detects deadlock exactly: no thread can run, some are blocked.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
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
  // Runs all kernels to completion, a fault, a deadlock or the wall-clock watchdog.
  Outcome run(std::chrono::milliseconds watchdog);

  // Called by a kernel thread at each push/pop: lets the next runnable thread go first (round-robin).
  void yield(KernelThread& self);
  // Called when a CB call cannot proceed; returns once its condition holds. Deadlock raises a fault.
  void block(KernelThread& self, const BlockReason& why);
  // Records `f`, stops the run and wakes every thread (they unwind with KernelAbort).
  void abort_with(Fault f);

  std::vector<Fault> faults() const;

 private:
  void thread_main(KernelThread& t);
  void finish(KernelThread& self);
  bool runnable(const KernelThread& t) const;
  int pick_next(int after) const;
  void hand_over(std::unique_lock<std::mutex>& lk, KernelThread& self, int next);
  void report_deadlock();  // requires mu_
  std::string describe_state(const KernelThread& t, const KernelThread& asking) const;
  void abort_locked(Fault f);

  std::vector<KernelThread*> threads_;
  std::vector<std::thread> host_threads_;
  mutable std::mutex mu_;
  std::condition_variable main_cv_;
  int current_ = -1;
  bool aborted_ = false;
  bool all_finished_ = false;
  int exited_ = 0;
  std::vector<Fault> faults_;
  // Progress for the watchdog's message: a run stopped while CB pages still moved was only too long.
  std::uint64_t handoffs_ = 0;  // push/pop calls so far
  std::chrono::steady_clock::time_point last_handoff_{};
};

}  // namespace ttemu
