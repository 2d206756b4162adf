// Loading and validating device JSON files.
#include "compiler/target/device.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/ir/suggest.h"
#include "compiler/resources/resource_paths.h"

namespace tt {

namespace fs = std::filesystem;

std::optional<int64_t> DeviceModel::tile_bytes_of(DataType dtype) const {
  auto it = tile_bytes.find(dtype_name(dtype));
  if (it == tile_bytes.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> DeviceModel::data_format_of(DataType dtype) const {
  auto it = data_formats.find(dtype_name(dtype));
  if (it == data_formats.end()) return std::nullopt;
  return it->second;
}

bool DeviceModel::supports(DataType dtype) const {
  return std::find(supported_dtypes.begin(), supported_dtypes.end(), dtype_name(dtype)) != supported_dtypes.end();
}

bool DeviceModel::supports_matmul(DataType dtype) const {
  return matmul_dtypes.empty() ||
         std::find(matmul_dtypes.begin(), matmul_dtypes.end(), dtype_name(dtype)) != matmul_dtypes.end();
}

int64_t DeviceModel::dst_capacity(DataType accum) const {
  return dtype_bits(accum) > 16 ? dst_tiles_32bit : dst_tiles_16bit;
}

std::string devices_dir() {
  if (const char* env = std::getenv("TT_INSPECT_DEVICES_DIR")) return env;
  return (resource_paths().assets_dir / "devices").string();
}

std::vector<std::string> available_devices() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(devices_dir(), ec)) {
    if (entry.path().extension() != ".json") continue;
    std::string stem = entry.path().stem().string();
    if (stem == "api_checked") continue;  // the TT-Metalium API list lives beside the devices
    names.push_back(stem);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<DeviceModel> load_device(const std::string& name_or_path, std::string& error) {
  fs::path path = name_or_path;
  if (path.extension() != ".json") path = fs::path(devices_dir()) / (name_or_path + ".json");
  std::ifstream in(path);
  if (!in) {
    error = unknown_name_message("device", name_or_path, available_devices(), "known devices");
    return std::nullopt;
  }
  try {
    nlohmann::json j = nlohmann::json::parse(in);
    DeviceModel d;
    d.name = path.stem().string();
    d.display_name = j.value("display_name", d.name);
    d.arch = j.at("arch").get<std::string>();
    auto grid = j.at("worker_grid").get<std::vector<int64_t>>();
    if (grid.size() != 2 || grid[0] <= 0 || grid[1] <= 0) throw std::runtime_error("worker_grid must be [x, y]");
    d.grid_x = grid[0];
    d.grid_y = grid[1];
    d.l1_bytes = j.at("l1_bytes").get<int64_t>();
    d.l1_reserved_bytes = j.at("l1_reserved_bytes").get<int64_t>();
    d.max_circular_buffers = j.at("max_circular_buffers").get<int64_t>();
    d.dst_tiles_16bit = j.at("dst_tiles").at("16bit").get<int64_t>();
    d.dst_tiles_32bit = j.at("dst_tiles").at("32bit").get<int64_t>();
    d.tile = j.at("tile").get<std::vector<int64_t>>();
    d.tile_bytes = j.at("tile_bytes").get<std::map<std::string, int64_t>>();
    d.data_formats = j.at("data_formats").get<std::map<std::string, std::string>>();
    d.supported_dtypes = j.at("supported_dtypes").get<std::vector<std::string>>();
    d.matmul_dtypes = j.value("matmul_dtypes", std::vector<std::string>{});
    d.dram_banks = j.at("dram_banks").get<int64_t>();
    d.dram_bytes = j.value("dram_bytes", int64_t{0});
    d.dram_bandwidth_gbps = j.value("dram_bandwidth_gbps", 0.0);
    d.clock_mhz = j.value("clock_mhz", int64_t{0});
    d.matmul_cycles_per_tile = j.value("matmul_cycles_per_tile", std::map<std::string, int64_t>{});
    d.noc_word_bytes = j.value("noc_word_bytes", int64_t{0});
    d.raw = std::move(j);
    return d;
  } catch (const std::exception& e) {
    error = path.string() + ": invalid device description: " + e.what();
    return std::nullopt;
  }
}

}  // namespace tt
