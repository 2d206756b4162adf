// CB occupancy trace: one event per completed reserve/push/wait/pop, stamped with a global logical clock
// (the event counter), written as trace.json for the GUI's occupancy timeline.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace ttemu {

struct Core;
struct CircularBuffer;
struct KernelThread;

class Trace {
 public:
  enum class Kind : std::uint8_t { Reserve, Push, Wait, Pop };
  struct Event {
    std::uint64_t t;
    Kind kind;
    std::uint8_t role;
    std::uint16_t core;  // index into the cores list
    std::uint8_t cb;
    std::uint32_t pages;
    std::uint32_t filled;    // after the event
    std::uint32_t reserved;  // after the event
  };

  // Only the thread holding the run token records, so no locking is needed.
  void record(Kind kind, const KernelThread& t, const CircularBuffer& cb, std::uint32_t pages);
  std::uint64_t clock() const { return clock_; }
  bool truncated() const { return truncated_; }
  void write(const std::filesystem::path& file, const std::vector<const Core*>& cores) const;

 private:
  static constexpr std::size_t kMaxEvents = 4'000'000;
  std::vector<Event> events_;
  std::uint64_t clock_ = 0;
  bool truncated_ = false;
};

}  // namespace ttemu
