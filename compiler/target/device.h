// Device models (Wormhole, Blackhole, ...) loaded from assets/devices/<name>.json: the passes read
// target facts from here, never from constants in code.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/dtype.h"

namespace tt {

struct DeviceModel {
  std::string name;          // file stem, e.g. "wormhole_n150"
  std::string display_name;  // "Wormhole n150"
  std::string arch;
  int64_t grid_x = 0, grid_y = 0;  // worker grid usable by a program
  int64_t l1_bytes = 0;            // per-core L1
  int64_t l1_reserved_bytes = 0;   // firmware/runtime part of L1 not available to CBs
  int64_t max_circular_buffers = 0;
  int64_t dst_tiles_16bit = 0;     // DST capacity in tiles (full sync) for 16-bit accumulation
  int64_t dst_tiles_32bit = 0;     // ... and for fp32 accumulation
  std::vector<int64_t> tile{32, 32};
  std::map<std::string, int64_t> tile_bytes;        // dtype -> bytes of one tile
  std::map<std::string, std::string> data_formats;  // dtype -> TT DataFormat name
  std::vector<std::string> supported_dtypes;
  std::vector<std::string> matmul_dtypes;  // operand/accumulator dtypes of the matrix engine (empty: unchecked)
  int64_t dram_banks = 0;
  int64_t dram_bytes = 0;
  double dram_bandwidth_gbps = 0;
  int64_t clock_mhz = 0;
  // Performance rates (perf/estimate): matrix-engine cycles per 32x32x32 tile matmul by math
  // fidelity ("LoFi", "HiFi2", ...), and the bytes a core's NoC interface moves per cycle.
  std::map<std::string, int64_t> matmul_cycles_per_tile;
  int64_t noc_word_bytes = 0;
  nlohmann::json raw;  // the whole file, for the plan and the GUI

  int64_t l1_budget() const { return l1_bytes - l1_reserved_bytes; }
  int64_t num_workers() const { return grid_x * grid_y; }
  std::optional<int64_t> tile_bytes_of(DataType dtype) const;
  std::optional<std::string> data_format_of(DataType dtype) const;
  bool supports(DataType dtype) const;
  bool supports_matmul(DataType dtype) const;
  // DST tiles available when accumulating in `accum` (fp32 halves the capacity).
  int64_t dst_capacity(DataType accum) const;
};

// The directory holding <name>.json device files (the source tree's assets/devices by default;
// TT_INSPECT_DEVICES_DIR overrides it).
std::string devices_dir();
std::vector<std::string> available_devices();
// Loads a device by name (looked up in devices_dir()) or by path to a .json file.
std::optional<DeviceModel> load_device(const std::string& name_or_path, std::string& error);

}  // namespace tt
