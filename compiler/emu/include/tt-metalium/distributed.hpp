// Mesh host API subset (tt_metal/api/tt-metalium/distributed.hpp, mesh_device.hpp, mesh_buffer.hpp,
// mesh_workload.hpp, mesh_command_queue.hpp): a unit mesh of one emulated device, replicated DRAM buffers,
// and a command queue that runs a workload's program on the emulated cores when it is enqueued.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <stdexcept>
#include <variant>
#include <vector>

#include "tt-metalium/host_api.hpp"

namespace ttemu::host {
struct DeviceState;
}  // namespace ttemu::host

namespace tt::tt_metal::distributed {

class MeshDevice;
class MeshBuffer;

struct MeshShape {
  std::uint32_t rows = 1, cols = 1;
};

class MeshCoordinateRange {
 public:
  explicit MeshCoordinateRange(const MeshShape& shape) : shape_(shape) {}
  const MeshShape& shape() const { return shape_; }

 private:
  MeshShape shape_;
};

class MeshCommandQueue {
 public:
  explicit MeshCommandQueue(MeshDevice* device) : device_(device) {}
  MeshDevice* device() const { return device_; }
  void enqueue_write_mesh_buffer(const std::shared_ptr<MeshBuffer>& buffer, const void* host_data, bool blocking);
  void enqueue_read_mesh_buffer(void* host_data, const std::shared_ptr<MeshBuffer>& buffer, bool blocking);

 private:
  MeshDevice* device_;
};

class MeshDevice {
 public:
  static std::shared_ptr<MeshDevice> create_unit_mesh(int device_id);
  explicit MeshDevice(int device_id);
  ~MeshDevice();
  MeshDevice(const MeshDevice&) = delete;
  MeshDevice& operator=(const MeshDevice&) = delete;

  MeshCommandQueue& mesh_command_queue(std::optional<std::uint8_t> cq_id = std::nullopt);
  const MeshShape& shape() const { return shape_; }
  std::size_t num_devices() const { return 1; }
  CoreCoord compute_with_storage_grid_size() const;
  // NoC coordinates of a worker core (what get_noc_addr / get_noc_multicast_addr take in kernels).
  CoreCoord worker_core_from_logical_core(const CoreCoord& logical_core) const;
  bool close();
  ttemu::host::DeviceState& state() { return *state_; }

 private:
  MeshShape shape_;
  MeshCommandQueue cq_{this};
  std::unique_ptr<ttemu::host::DeviceState> state_;
};

struct DeviceLocalBufferConfig {
  DeviceAddr page_size = 0;
  BufferType buffer_type = BufferType::DRAM;
  bool bottom_up = true;
};

struct ReplicatedBufferConfig {
  DeviceAddr size = 0;
};

using MeshBufferConfig = std::variant<ReplicatedBufferConfig>;

class MeshBuffer {
 public:
  static std::shared_ptr<MeshBuffer> create(const MeshBufferConfig& mesh_buffer_config,
                                            const DeviceLocalBufferConfig& device_local_config, MeshDevice* mesh_device,
                                            std::optional<DeviceAddr> address = std::nullopt);
  MeshBuffer(MeshDevice* device, DeviceAddr address, DeviceAddr size, DeviceAddr page_size, BufferType type)
      : device_(device), address_(address), size_(size), page_size_(page_size), type_(type) {}

  MeshDevice* device() const { return device_; }
  DeviceAddr address() const { return address_; }
  DeviceAddr size() const { return size_; }
  DeviceAddr page_size() const { return page_size_; }
  BufferType buffer_type() const { return type_; }

 private:
  MeshDevice* device_;
  DeviceAddr address_, size_, page_size_;
  BufferType type_;
};

class MeshWorkload {
 public:
  void add_program(const MeshCoordinateRange& device_range, Program&& program) {
    (void)device_range;  // a unit mesh: the one program runs on the one device
    programs_.push_back(std::move(program));
  }
  std::vector<Program>& get_programs() { return programs_; }

 private:
  std::vector<Program> programs_;
};

void EnqueueMeshWorkload(MeshCommandQueue& mesh_cq, MeshWorkload& mesh_workload, bool blocking);
void Finish(MeshCommandQueue& mesh_cq);

template <typename DType>
void EnqueueWriteMeshBuffer(MeshCommandQueue& mesh_cq, std::shared_ptr<MeshBuffer>& mesh_buffer,
                            const std::vector<DType>& src, bool blocking = false) {
  if (src.size() * sizeof(DType) != mesh_buffer->size())
    throw std::runtime_error("EnqueueWriteMeshBuffer: host vector of " + std::to_string(src.size() * sizeof(DType)) +
                             " bytes for a buffer of " + std::to_string(mesh_buffer->size()) + " bytes");
  mesh_cq.enqueue_write_mesh_buffer(mesh_buffer, src.data(), blocking);
}

template <typename DType>
void EnqueueReadMeshBuffer(MeshCommandQueue& mesh_cq, std::vector<DType>& dst, std::shared_ptr<MeshBuffer>& mesh_buffer,
                           bool blocking = true) {
  dst.resize(mesh_buffer->size() / sizeof(DType));
  mesh_cq.enqueue_read_mesh_buffer(dst.data(), mesh_buffer, blocking);
}

}  // namespace tt::tt_metal::distributed
