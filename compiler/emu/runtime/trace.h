// CB occupancy trace: one event per completed reserve/push/wait/pop, written as trace.json for the GUI's
// occupancy timeline. Each core group (core_groups.h) records its own stream, stamped with the group's event
// count, so recording needs no lock across runner threads and the streams do not depend on how groups were
// dealt to runners; trace.json interleaves them round-robin (group-local time, then group), so its logical
// clock `t` is the same for any number of runners.
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
    Kind kind;
    std::uint8_t role;
    std::uint16_t core;  // index into the cores list
    std::uint8_t cb;
    std::uint32_t pages;
    std::uint32_t filled;    // after the event
    std::uint32_t reserved;  // after the event
  };

  // One stream per core group; call before the run (the default is one group).
  void set_groups(int groups);
  // Only the runner owning t's group records into its stream, so no locking is needed.
  void record(Kind kind, const KernelThread& t, const CircularBuffer& cb, std::uint32_t pages);
  std::uint64_t clock() const;  // events recorded, kept or not
  bool truncated() const;
  void write(const std::filesystem::path& file, const std::vector<const Core*>& cores) const;

 private:
  static constexpr std::size_t kMaxEvents = 4'000'000;  // kept over all streams, split evenly between groups
  struct alignas(64) Stream {                           // one cache line apart: written by different runners
    std::vector<Event> events;
    std::uint64_t clock = 0;  // events recorded (the first max_per_stream_ are kept)
  };
  std::vector<Stream> streams_ = std::vector<Stream>(1);
  std::size_t max_per_stream_ = kMaxEvents;
};

}  // namespace ttemu
