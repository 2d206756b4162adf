// TT-Metalium host API subset that generated host programs use (tt_metal/api/tt-metalium/host_api.hpp,
// kernel_types.hpp, circular_buffer_config.hpp, core_coord.hpp; see ../../API_CHECKED.md). On the emulator a
// Program only records what the host asks for; EnqueueMeshWorkload runs it on the emulated cores. The
// single-device API (CreateDevice, CommandQueue, EnqueueProgram, ...) is gone, as in tt-metal (issue #22835).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "hostdevcommon/kernel_structs.h"
#include "ttemu/data_format.h"

namespace tt {
using DataFormat = ::DataFormat;  // tt_backend_api_types.hpp: the host spelling of the Tensix formats
}  // namespace tt

namespace tt::tt_metal {

using DeviceAddr = std::uint64_t;
using KernelHandle = std::uint32_t;
using CBHandle = std::uintptr_t;
constexpr std::uint32_t NUM_CIRCULAR_BUFFERS = 32;

struct CoreCoord {
  std::size_t x = 0, y = 0;
  CoreCoord() = default;
  CoreCoord(std::size_t x_, std::size_t y_) : x(x_), y(y_) {}
  auto operator<=>(const CoreCoord&) const = default;
};

struct CoreRange {
  CoreCoord start_coord, end_coord;  // inclusive
  CoreRange(const CoreCoord& point) : start_coord(point), end_coord(point) {}
  CoreRange(const CoreCoord& start, const CoreCoord& end) : start_coord(start), end_coord(end) {}
  bool contains(const CoreCoord& c) const {
    return c.x >= start_coord.x && c.x <= end_coord.x && c.y >= start_coord.y && c.y <= end_coord.y;
  }
  auto operator<=>(const CoreRange&) const = default;
};

class CoreRangeSet {
 public:
  CoreRangeSet() = default;
  CoreRangeSet(const CoreRange& range) : ranges_{range} {}
  CoreRangeSet(const std::set<CoreRange>& ranges) : ranges_(ranges.begin(), ranges.end()) {}
  const std::vector<CoreRange>& ranges() const { return ranges_; }
  bool contains(const CoreCoord& c) const {
    for (const CoreRange& r : ranges_)
      if (r.contains(c)) return true;
    return false;
  }

 private:
  std::vector<CoreRange> ranges_;
};

enum class BufferType { DRAM, L1, SYSTEM_MEMORY, L1_SMALL, TRACE };
enum class DataMovementProcessor { RISCV_0 = 0, RISCV_1 = 1 };
enum NOC : std::uint8_t { RISCV_0_default = 0, RISCV_1_default = 1, NOC_0 = 0, NOC_1 = 1 };
enum NOC_MODE : std::uint8_t { DM_DEDICATED_NOC = 0, DM_DYNAMIC_NOC = 1 };
enum class MathFidelity : std::uint8_t { LoFi = 0, HiFi2 = 2, HiFi3 = 3, HiFi4 = 4, Invalid = 0xff };
enum class UnpackToDestMode : std::uint8_t { Default, UnpackToDestFp32 };
enum class KernelBuildOptLevel : std::uint8_t { O1, O2, O3, O0, Os, Ofast, Oz };

struct DataMovementConfig {
  DataMovementProcessor processor = DataMovementProcessor::RISCV_0;
  NOC noc = NOC::RISCV_0_default;
  NOC_MODE noc_mode = NOC_MODE::DM_DEDICATED_NOC;
  std::vector<std::uint32_t> compile_args;
  std::map<std::string, std::string> defines;
  std::unordered_map<std::string, std::uint32_t> named_compile_args;
  KernelBuildOptLevel opt_level = KernelBuildOptLevel::O2;
};

struct ComputeConfig {
  MathFidelity math_fidelity = MathFidelity::HiFi4;
  bool fp32_dest_acc_en = false;
  bool dst_full_sync_en = false;
  std::vector<UnpackToDestMode> unpack_to_dest_mode;
  bool bfp8_pack_precise = false;
  bool math_approx_mode = false;
  std::vector<std::uint32_t> compile_args;
  std::map<std::string, std::string> defines;
  std::unordered_map<std::string, std::uint32_t> named_compile_args;
  KernelBuildOptLevel opt_level = KernelBuildOptLevel::O3;
};

class CircularBufferConfig {
 public:
  CircularBufferConfig(std::uint32_t total_size, const std::map<std::uint8_t, tt::DataFormat>& data_format_spec)
      : total_size_(total_size), formats_(data_format_spec) {}
  CircularBufferConfig& set_page_size(std::uint32_t buffer_index, std::uint32_t page_size) {
    page_sizes_[static_cast<std::uint8_t>(buffer_index)] = page_size;
    return *this;
  }
  std::uint32_t total_size() const { return total_size_; }
  const std::map<std::uint8_t, tt::DataFormat>& data_formats() const { return formats_; }
  const std::map<std::uint8_t, std::uint32_t>& page_sizes() const { return page_sizes_; }

 private:
  std::uint32_t total_size_;
  std::map<std::uint8_t, tt::DataFormat> formats_;
  std::map<std::uint8_t, std::uint32_t> page_sizes_;
};

using CoreSpec = std::variant<CoreCoord, CoreRange, CoreRangeSet>;

// What the host program asked for; read by the emulator when the program is enqueued.
class Program {
 public:
  struct CircularBuffer {
    CoreRangeSet cores;
    CircularBufferConfig config;
  };
  struct Kernel {
    std::string file;
    CoreRangeSet cores;
    std::variant<DataMovementConfig, ComputeConfig> config;
    std::map<std::pair<std::size_t, std::size_t>, std::vector<std::uint32_t>> runtime_args;  // by (x, y)
  };
  struct Semaphore {
    CoreRangeSet cores;
    std::uint32_t initial_value = 0;
  };
  std::vector<CircularBuffer> circular_buffers;
  std::vector<Kernel> kernels;
  std::vector<Semaphore> semaphores;  // the id of each is its index
};

Program CreateProgram();

CBHandle CreateCircularBuffer(Program& program, const CoreSpec& core_spec, const CircularBufferConfig& config);

// A semaphore (a 4-byte L1 word, set to initial_value before the kernels start) on every core of core_spec;
// returns its id, which kernels turn into an address with get_semaphore(id).
std::uint32_t CreateSemaphore(Program& program, const std::variant<CoreRange, CoreRangeSet>& core_spec,
                              std::uint32_t initial_value);

KernelHandle CreateKernel(Program& program, const std::string& file_name, const CoreSpec& core_spec,
                          const std::variant<DataMovementConfig, ComputeConfig>& config);

void SetRuntimeArgs(Program& program, KernelHandle kernel, const CoreSpec& core_spec,
                    const std::vector<std::uint32_t>& runtime_args);

}  // namespace tt::tt_metal
