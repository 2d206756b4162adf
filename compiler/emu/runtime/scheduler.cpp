// Token-passing scheduler, deadlock detection and the watchdog; see scheduler.h.
#include "scheduler.h"

#include <algorithm>
#include <exception>
#include <iterator>

#include "circular_buffer.h"
#include "core.h"

namespace ttemu {

namespace {

bool satisfied(const BlockReason& b) {
  switch (b.op) {
    case BlockReason::Op::Reserve:
      return b.cb->free_pages() >= b.pages;
    case BlockReason::Op::Wait:
      return b.cb->filled >= b.pages;
    case BlockReason::Op::None:
      return true;
  }
  return true;
}

const char* op_name(BlockReason::Op op) { return op == BlockReason::Op::Reserve ? "cb_reserve_back" : "cb_wait_front"; }

std::string blocked_call(const BlockReason& b) {
  return std::string(op_name(b.op)) + "(" + b.cb->label() + ", n=" + std::to_string(b.pages) + ")";
}

}  // namespace

Scheduler::Outcome Scheduler::run(std::chrono::milliseconds watchdog) {
  Outcome out;
  if (threads_.empty()) {
    out.completed = true;
    return out;
  }
  std::unique_lock lk(mu_);
  for (KernelThread* t : threads_) host_threads_.emplace_back([this, t] { thread_main(*t); });
  current_ = 0;
  threads_[0]->cv.notify_one();
  const bool ended = main_cv_.wait_for(lk, watchdog, [&] { return all_finished_ || aborted_; });
  if (!ended) {
    Fault f;
    f.kind = "timeout";
    const auto now = std::chrono::steady_clock::now();
    const auto quiet = std::chrono::duration_cast<std::chrono::milliseconds>(now - last_handoff_);
    // Pages still moving in the second half of the window: the program is fine, only longer than the watchdog.
    const bool progressing = handoffs_ > 0 && quiet * 2 < watchdog;
    const std::string progress =
        progressing ? "the program was making progress (" + std::to_string(handoffs_) +
                          " CB pushes and pops, the last " + std::to_string(quiet.count()) +
                          " ms before the watchdog fired): it needs more time than the watchdog allows; raise "
                          "--timeout (e.g. --timeout " +
                          std::to_string(std::max<long long>(10, watchdog.count() * 10 / 1000)) + ")"
        : handoffs_ == 0
            ? "no CB page was pushed or popped: a kernel loops without CB calls, or one computation "
              "takes longer than the watchdog"
            : "no CB page moved in the last " + std::to_string(quiet.count()) + " ms (" + std::to_string(handoffs_) +
                  " pushes and pops before that): a kernel loops without CB calls, or one computation "
                  "takes longer than the watchdog";
    std::string running = "no kernel holds the run token";
    if (current_ >= 0 && current_ < static_cast<int>(threads_.size())) {
      const KernelThread& t = *threads_[current_];
      const char* file = t.last_file.load();
      running = t.label + " was running; its last API call was " + std::string(t.last_op.load()) +
                (file ? " at " + short_location({file, t.last_line.load()}) : std::string());
      f.core_x = t.core->x;
      f.core_y = t.core->y;
      f.kernel = t.name();
      f.file = file ? file : "";
      f.line = t.last_line.load();
    }
    f.message = "timeout: the run exceeded the " + std::to_string(watchdog.count()) + " ms watchdog; " + progress +
                "; " + running;
    abort_locked(std::move(f));
  }
  // Threads blocked on their condition variable unwind at once; one spinning in kernel code cannot be stopped.
  const bool all_exited = main_cv_.wait_for(lk, std::chrono::milliseconds(250),
                                            [&] { return exited_ == static_cast<int>(threads_.size()); });
  lk.unlock();
  for (auto& h : host_threads_) {
    if (all_exited)
      h.join();
    else
      h.detach();
  }
  out.stuck = !all_exited;
  out.completed = all_finished_ && !aborted_;
  return out;
}

void Scheduler::thread_main(KernelThread& t) {
  set_current_thread(&t);
  bool go = false;
  {
    std::unique_lock lk(mu_);
    t.cv.wait(lk, [&] { return current_ == t.id || aborted_; });
    go = !aborted_;
  }
  if (go) {
    try {
      t.entry();
      finish(t);
    } catch (const KernelAbort&) {
    } catch (const std::exception& e) {
      Fault f;
      f.kind = "kernel_exception";
      f.message = "kernel_exception: " + t.label + " threw: " + e.what();
      f.core_x = t.core->x;
      f.core_y = t.core->y;
      f.kernel = t.name();
      const char* file = t.last_file.load();
      f.file = file ? file : "";
      f.line = t.last_line.load();
      abort_with(std::move(f));
    }
  }
  std::lock_guard lk(mu_);
  ++exited_;
  main_cv_.notify_all();
}

bool Scheduler::runnable(const KernelThread& t) const {
  return t.state == ThreadState::Ready || (t.state == ThreadState::Blocked && satisfied(t.block));
}

int Scheduler::pick_next(int after) const {
  const int n = static_cast<int>(threads_.size());
  for (int i = 1; i <= n; ++i) {
    const int idx = (after + i) % n;
    if (runnable(*threads_[idx])) return idx;
  }
  return -1;
}

void Scheduler::hand_over(std::unique_lock<std::mutex>& lk, KernelThread& self, int next) {
  current_ = next;
  threads_[next]->cv.notify_one();
  self.cv.wait(lk, [&] { return current_ == self.id || aborted_; });
  if (aborted_) throw KernelAbort{};
}

void Scheduler::yield(KernelThread& self) {
  std::unique_lock lk(mu_);
  if (aborted_) throw KernelAbort{};
  ++handoffs_;
  last_handoff_ = std::chrono::steady_clock::now();
  const int next = pick_next(self.id);
  if (next != self.id) hand_over(lk, self, next);
}

void Scheduler::block(KernelThread& self, const BlockReason& why) {
  std::unique_lock lk(mu_);
  if (aborted_) throw KernelAbort{};
  self.block = why;
  self.state = ThreadState::Blocked;
  if (!satisfied(why)) {
    const int next = pick_next(self.id);
    if (next < 0) {
      report_deadlock();
      throw KernelAbort{};
    }
    hand_over(lk, self, next);  // we get the token back only once `why` is satisfied
  }
  self.state = ThreadState::Ready;
  self.block = {};
}

void Scheduler::finish(KernelThread& self) {
  std::lock_guard lk(mu_);
  self.state = ThreadState::Finished;
  if (aborted_) return;  // the run is being torn down; nobody waits for the token
  const int next = pick_next(self.id);
  if (next >= 0) {
    current_ = next;
    threads_[next]->cv.notify_one();
    return;
  }
  bool all = true;
  for (const KernelThread* t : threads_) all &= t->state == ThreadState::Finished;
  if (all) {
    all_finished_ = true;
    current_ = -1;
    main_cv_.notify_all();
  } else {
    report_deadlock();
  }
}

std::string Scheduler::describe_state(const KernelThread& t, const KernelThread& asking) const {
  std::string who = std::string(t.name()) + (&t == &asking ? " (this kernel)" : "");
  switch (t.state) {
    case ThreadState::Finished:
      return who + " finished";
    case ThreadState::Blocked:
      return who + " blocked in " + blocked_call(t.block);
    case ThreadState::Ready:
      return who + " running";
  }
  return who;
}

// One fault per blocked kernel. Kernels whose wait no other kernel could ever end (the other side of the CB
// is the kernel itself, has finished, or does not exist) are the cause and are listed first; the others
// wait on them.
void Scheduler::report_deadlock() {
  std::vector<Fault> causes, found;
  for (const KernelThread* t : threads_) {
    if (t->state != ThreadState::Blocked) continue;
    const BlockReason& b = t->block;
    const bool wait = b.op == BlockReason::Op::Wait;
    std::string detail = wait ? std::to_string(b.cb->filled) + " of " + std::to_string(b.pages) + " pages available"
                              : std::to_string(b.cb->free_pages()) + " of " + std::to_string(b.cb->num_pages) +
                                    " pages free, " + std::to_string(b.pages) + " needed";
    const std::uint8_t mask = wait ? b.cb->producers : b.cb->consumers;
    const char* side = wait ? "producer" : "consumer";
    std::string others;
    bool cause = mask != 0;  // with no known other side we cannot tell
    for (Role r : kRoles) {
      if (!(mask & (1u << static_cast<int>(r)))) continue;
      const KernelThread* o = t->core->threads[static_cast<int>(r)];
      others += std::string(others.empty() ? "" : "; ") + side + " " + describe_state(*o, *t);
      cause &= o == t || o->state == ThreadState::Finished;
    }
    if (others.empty())
      others = wait ? "no kernel has pushed to this CB yet" : "no kernel has popped from this CB yet";
    else if ((wait ? b.cb->producers : b.cb->consumers) == (1u << static_cast<int>(t->role)))
      others += wait ? " - the kernel is its own producer" : " - the kernel is its own consumer";
    Fault f;
    f.kind = "deadlock";
    f.core_x = t->core->x;
    f.core_y = t->core->y;
    f.kernel = t->name();
    f.cb = static_cast<int>(b.cb->index);
    f.file = b.loc.file ? b.loc.file : "";
    f.line = b.loc.line;
    f.message = "deadlock: " + t->label + " blocked in " + blocked_call(b) + " at " + short_location(b.loc) + ": " +
                detail + ", " + others + " (" + b.cb->history() + ")";
    (cause ? causes : found).push_back(std::move(f));
  }
  found.insert(found.begin(), std::make_move_iterator(causes.begin()), std::make_move_iterator(causes.end()));
  if (found.empty()) {
    Fault f;
    f.kind = "deadlock";
    f.message = "deadlock: no kernel can run";
    found.push_back(std::move(f));
  }
  for (auto& f : found) faults_.push_back(std::move(f));
  aborted_ = true;
  run_aborted = true;
  for (KernelThread* t : threads_) t->cv.notify_all();
  main_cv_.notify_all();
}

void Scheduler::abort_locked(Fault f) {
  faults_.push_back(std::move(f));
  aborted_ = true;
  run_aborted = true;
  for (KernelThread* t : threads_) t->cv.notify_all();
  main_cv_.notify_all();
}

void Scheduler::abort_with(Fault f) {
  std::lock_guard lk(mu_);
  abort_locked(std::move(f));
}

std::vector<Fault> Scheduler::faults() const {
  std::lock_guard lk(mu_);
  return faults_;
}

}  // namespace ttemu
