// Typed view of tt.plan.json as the emulator reads it (the contract is documented in ../README.md).
// load_plan validates every field it uses and throws PlanError naming the JSON path of the first problem.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "ttemu/data_format.h"

namespace ttemu {

struct PlanError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The three kernels of a program, in the order their threads are created on each core.
enum class Role : std::uint8_t { Reader = 0, Compute = 1, Writer = 2 };
inline constexpr std::array<Role, 3> kRoles = {Role::Reader, Role::Compute, Role::Writer};
const char* role_name(Role r);

struct DeviceSpec {
  std::string name;
  std::uint32_t l1_bytes = 0;
  std::uint32_t l1_reserved_bytes = 0;      // optional; CBs must lie in [l1_reserved_bytes, l1_bytes)
  std::uint32_t max_circular_buffers = 32;  // optional; CB indices are 0..max_circular_buffers-1
  std::uint32_t dst_tiles_16bit = 0;
  std::uint32_t dst_tiles_32bit = 0;
};

struct BufferSpec {
  std::string name;
  std::string dtype;
  DataFormat format = DataFormat::Invalid;
  // The matrix the pages tile: an N-D buffer is a stack of matrices (tt.plan.json "tiled_dims"):
  // rows = all elements / cols, cols = the tiled column dim.
  std::uint32_t rows = 0, cols = 0;
  std::uint32_t page_size = 0, num_pages = 0;
  bool is_output = false;
  bool stacked = false;  // more than 2 dims: a stack of matrices, not one matrix
};

struct GemmSpec {
  std::string a, b, c;
  bool transpose_a = false, transpose_b = false;
};

struct CbSpec {
  std::string name;
  std::uint32_t index = 0;
  DataFormat format = DataFormat::Invalid;
  std::uint32_t page_size = 0, num_pages = 0;
  std::optional<std::uint32_t> l1_address;
  std::uint8_t producers = 0, consumers = 0;  // optional "producer"/"consumer" kernel names, bit per Role
  bool all_cores = true;
  std::vector<std::pair<int, int>> cores;  // when !all_cores
};

struct KernelSpec {
  Role role = Role::Reader;
  std::string file;
  std::vector<std::uint32_t> compile_args;
  std::vector<std::string> runtime_arg_names;
  std::map<std::string, std::string> defines;  // optional extra -D for this kernel
  bool fp32_dest_acc_en = false;               // compute only
  std::vector<std::uint32_t> unpack_to_dest_fp32;  // compute only, optional: CBs marked UnpackToDestFp32
};

struct ArgSpec {
  std::uint32_t value = 0;
  std::string buffer;  // non-empty: {"buffer_address": buffer}, resolved by the driver
};

struct CoreSpec {
  int x = 0, y = 0;
  std::array<std::vector<ArgSpec>, 3> runtime_args;  // indexed by Role
};

struct Plan {
  DeviceSpec device;
  int grid_x = 0, grid_y = 0;
  std::vector<BufferSpec> buffers;
  GemmSpec gemm;
  std::vector<CbSpec> cbs;
  std::array<KernelSpec, 3> kernels;  // indexed by Role
  std::vector<CoreSpec> cores;

  const BufferSpec& buffer(const std::string& name) const;
  const KernelSpec& kernel(Role r) const { return kernels[static_cast<int>(r)]; }
};

Plan load_plan(const std::filesystem::path& file);

}  // namespace ttemu
