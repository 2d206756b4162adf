// The TT-Metalium host API subset on the emulator (include/tt-metalium/*.hpp): DRAM buffers of a unit mesh,
// and EnqueueMeshWorkload, which turns the recorded Program into a run of the emulated cores. The device is
// described by the tt.plan.json named in $TTEMU_PLAN (device model, and the buffer and CB names diagnostics
// use); results go to $TTEMU_OUT. A fault ends the host program with exit code 2 after writing result.json.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <set>

#include "dram.h"
#include "emulator.h"
#include "plan.h"
#include "session.h"
#include "tt-metalium/distributed.hpp"
#include "ttemu/kernel_registry.h"

namespace ttemu {

namespace {
std::vector<RegisteredKernel>& registry() {
  static std::vector<RegisteredKernel> kernels;
  return kernels;
}
}  // namespace

KernelRegistration::KernelRegistration(const char* file, void (*entry)(),
                                       std::initializer_list<std::uint32_t> compile_args) {
  registry().push_back({file, entry, compile_args});
}

const RegisteredKernel* find_kernel(const std::string& file) {
  const std::string base = std::filesystem::path(file).filename().string();
  for (const RegisteredKernel& k : registry())
    if (k.file == base) return &k;
  return nullptr;
}

namespace host {

namespace fs = std::filesystem;
using namespace tt::tt_metal;
using nlohmann::json;

struct DeviceState {
  Plan model;  // the device facts and names of $TTEMU_PLAN
  Dram dram;
  fs::path out_dir;
  std::chrono::milliseconds timeout{10000};
};

namespace {

const char* env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

// Ends the host program the way a failed run ends: result.json with the fault, the message on stderr. It
// leaves with _Exit: a kernel that never returned (watchdog) cannot be joined, so no destructors run.
[[noreturn]] void end_with_faults(const DeviceState& s, json result, const std::vector<Fault>& faults) {
  result["status"] = "fault";
  result["passed"] = false;
  result["message"] = faults.front().message;
  if (!s.out_dir.empty()) write_json_atomic(s.out_dir / "result.json", result);
  for (const Fault& f : faults) std::cerr << f.message << '\n';
  std::cerr.flush();
  std::cout.flush();
  std::_Exit(2);
}

[[noreturn]] void setup_fault(const DeviceState& s, const std::string& message) {
  Fault f;
  f.kind = "setup";
  f.message = "setup: " + message;
  json result;
  result["faults"] = json::array({fault_json(f)});
  end_with_faults(s, result, {f});
}

std::vector<CoreCoord> cores_of(const tt::tt_metal::CoreSpec& spec) {
  std::vector<CoreCoord> out;
  auto add_range = [&](const CoreRange& r) {
    for (std::size_t y = r.start_coord.y; y <= r.end_coord.y; ++y)
      for (std::size_t x = r.start_coord.x; x <= r.end_coord.x; ++x) out.emplace_back(x, y);
  };
  if (const auto* c = std::get_if<CoreCoord>(&spec)) out.push_back(*c);
  if (const auto* r = std::get_if<CoreRange>(&spec)) add_range(*r);
  if (const auto* set = std::get_if<CoreRangeSet>(&spec))
    for (const CoreRange& r : set->ranges()) add_range(r);
  return out;
}

std::string list(const std::vector<std::uint32_t>& v) {
  std::string s = "{";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "}";
}

// The data-movement processor a kernel runs on decides its slot: the reader on RISCV_1 (NCRISC), the
// writer on RISCV_0 (BRISC), as in tt-metal's matmul examples.
Role role_of(const Program::Kernel& k) {
  if (std::holds_alternative<ComputeConfig>(k.config)) return Role::Compute;
  return std::get<DataMovementConfig>(k.config).processor == DataMovementProcessor::RISCV_1 ? Role::Reader
                                                                                            : Role::Writer;
}

// Names the DRAM buffers after the plan's buffers: a runtime argument that the plan declares as
// {"buffer_address": X} and that the host set to a buffer's address makes that buffer X.
void name_buffers(DeviceState& s, const Plan& run) {
  for (const CoreSpec& model_core : s.model.cores)
    for (const CoreSpec& run_core : run.cores) {
      if (model_core.x != run_core.x || model_core.y != run_core.y) continue;
      for (Role r : kRoles) {
        const auto& names = model_core.runtime_args[static_cast<int>(r)];
        const auto& values = run_core.runtime_args[static_cast<int>(r)];
        for (std::size_t i = 0; i < names.size() && i < values.size(); ++i) {
          if (names[i].buffer.empty()) continue;
          DramBuffer* b = s.dram.by_base(values[i].value);
          if (!b) continue;
          const BufferSpec& spec = s.model.buffer(names[i].buffer);
          if (spec.page_size == b->spec.page_size && spec.num_pages == b->spec.num_pages) b->spec = spec;
        }
      }
    }
}

Plan plan_of(DeviceState& s, const Program& program, void (*entries[3])()) {
  Plan p;
  p.device = s.model.device;
  p.grid_x = s.model.grid_x;
  p.grid_y = s.model.grid_y;
  std::set<std::pair<std::size_t, std::size_t>> active;  // (y, x): cores in row-major order
  bool seen[3] = {false, false, false};
  for (const Program::Kernel& k : program.kernels) {
    const Role r = role_of(k);
    const int slot = static_cast<int>(r);
    if (seen[slot]) setup_fault(s, std::string("two ") + role_name(r) + " kernels in one program");
    seen[slot] = true;
    const RegisteredKernel* reg = find_kernel(k.file);
    if (!reg) setup_fault(s, "CreateKernel(\"" + k.file + "\"): no kernel of that name was built for this program");
    KernelSpec& ks = p.kernels[slot];
    ks.role = r;
    ks.file = reg->file;
    if (const auto* c = std::get_if<ComputeConfig>(&k.config)) {
      ks.compile_args = c->compile_args;
      ks.fp32_dest_acc_en = c->fp32_dest_acc_en;
      for (std::size_t cb = 0; cb < c->unpack_to_dest_mode.size(); ++cb)
        if (c->unpack_to_dest_mode[cb] == UnpackToDestMode::UnpackToDestFp32)
          ks.unpack_to_dest_fp32.push_back(static_cast<std::uint32_t>(cb));
    } else {
      ks.compile_args = std::get<DataMovementConfig>(k.config).compile_args;
    }
    if (ks.compile_args != reg->compile_args)
      setup_fault(s, "CreateKernel(\"" + k.file + "\") passes compile-time arguments " + list(ks.compile_args) +
                         " but the kernel was built with " + list(reg->compile_args) + " (tt.plan.json compile_args)");
    entries[slot] = reg->entry;
    for (const CoreCoord& c : cores_of(k.cores)) active.insert({c.y, c.x});
  }
  for (Role r : kRoles)
    if (!seen[static_cast<int>(r)]) setup_fault(s, std::string("the program has no ") + role_name(r) + " kernel");

  for (const auto& [y, x] : active) {
    CoreSpec cs;
    cs.x = static_cast<int>(x);
    cs.y = static_cast<int>(y);
    if (cs.x >= p.grid_x || cs.y >= p.grid_y)
      setup_fault(s, "core (" + std::to_string(x) + "," + std::to_string(y) + ") is outside the " +
                         std::to_string(p.grid_x) + "x" + std::to_string(p.grid_y) + " worker grid");
    for (const Program::Kernel& k : program.kernels) {
      auto it = k.runtime_args.find({x, y});
      if (it == k.runtime_args.end()) continue;
      for (std::uint32_t v : it->second) cs.runtime_args[static_cast<int>(role_of(k))].push_back({v, ""});
    }
    p.cores.push_back(std::move(cs));
  }

  for (const Program::CircularBuffer& cb : program.circular_buffers) {
    for (const auto& [index, format] : cb.config.data_formats()) {
      CbSpec spec;
      spec.index = index;
      spec.format = format;
      auto ps = cb.config.page_sizes().find(index);
      if (ps == cb.config.page_sizes().end() || ps->second == 0 || cb.config.total_size() % ps->second)
        setup_fault(s, "CircularBufferConfig for CB " + std::to_string(index) +
                           ": no set_page_size, or a total size that is not a whole number of pages");
      spec.page_size = ps->second;
      spec.num_pages = cb.config.total_size() / ps->second;
      spec.name = "cb" + std::to_string(index);
      for (const CbSpec& model : s.model.cbs)
        if (model.index == index) {
          spec.name = model.name;
          spec.producers = model.producers;
          spec.consumers = model.consumers;
        }
      spec.all_cores = false;
      for (const CoreCoord& c : cores_of(cb.cores))
        spec.cores.emplace_back(static_cast<int>(c.x), static_cast<int>(c.y));
      p.cbs.push_back(std::move(spec));
    }
  }
  for (std::size_t id = 0; id < program.semaphores.size(); ++id) {
    SemaphoreSpec sem;
    sem.id = static_cast<std::uint32_t>(id);
    sem.initial_value = program.semaphores[id].initial_value;
    sem.all_cores = false;
    for (const CoreCoord& c : cores_of(program.semaphores[id].cores))
      sem.cores.emplace_back(static_cast<int>(c.x), static_cast<int>(c.y));
    p.semaphores.push_back(std::move(sem));
  }
  for (const DramBuffer& b : s.dram.buffers()) p.buffers.push_back(b.spec);
  return p;
}

}  // namespace

void run_program(DeviceState& s, const Program& program) {
  void (*entries[3])() = {nullptr, nullptr, nullptr};
  Plan plan = plan_of(s, program, entries);
  name_buffers(s, plan);
  plan.buffers.clear();
  for (const DramBuffer& b : s.dram.buffers()) plan.buffers.push_back(b.spec);
  Emulator e(std::move(plan), std::move(s.dram));
  const SessionOutcome o = run_session(e, entries, s.timeout);
  json result = session_json(e, o, s.out_dir.empty() ? fs::path("trace.json") : s.out_dir / "trace.json");
  if (!o.faults.empty()) end_with_faults(s, result, o.faults);
  result["status"] = "ran";
  if (!s.out_dir.empty()) write_json_atomic(s.out_dir / "result.json", result);
  s.dram = std::move(e.dram);
  set_emu(nullptr);
}

}  // namespace host
}  // namespace ttemu

namespace tt::tt_metal {

using ttemu::host::DeviceState;

Program CreateProgram() { return Program{}; }

CBHandle CreateCircularBuffer(Program& program, const CoreSpec& core_spec, const CircularBufferConfig& config) {
  CoreRangeSet cores;
  std::set<CoreRange> ranges;
  for (const CoreCoord& c : ttemu::host::cores_of(core_spec)) ranges.insert(CoreRange(c));
  program.circular_buffers.push_back({CoreRangeSet(ranges), config});
  return program.circular_buffers.size();
}

std::uint32_t CreateSemaphore(Program& program, const std::variant<CoreRange, CoreRangeSet>& core_spec,
                              std::uint32_t initial_value) {
  if (program.semaphores.size() >= ttemu::kMaxSemaphores)
    throw std::invalid_argument("CreateSemaphore: a program has at most " + std::to_string(ttemu::kMaxSemaphores) +
                                " semaphores per core");
  CoreRangeSet cores = std::visit([](const auto& c) { return CoreRangeSet(c); }, core_spec);
  program.semaphores.push_back({std::move(cores), initial_value});
  return static_cast<std::uint32_t>(program.semaphores.size() - 1);
}

KernelHandle CreateKernel(Program& program, const std::string& file_name, const CoreSpec& core_spec,
                          const std::variant<DataMovementConfig, ComputeConfig>& config) {
  std::set<CoreRange> ranges;
  for (const CoreCoord& c : ttemu::host::cores_of(core_spec)) ranges.insert(CoreRange(c));
  program.kernels.push_back({file_name, CoreRangeSet(ranges), config, {}});
  return static_cast<KernelHandle>(program.kernels.size() - 1);
}

void SetRuntimeArgs(Program& program, KernelHandle kernel, const CoreSpec& core_spec,
                    const std::vector<std::uint32_t>& runtime_args) {
  if (kernel >= program.kernels.size()) throw std::invalid_argument("SetRuntimeArgs: unknown kernel handle");
  Program::Kernel& k = program.kernels[kernel];
  for (const CoreCoord& c : ttemu::host::cores_of(core_spec)) {
    if (!k.cores.contains(c))
      throw std::invalid_argument("SetRuntimeArgs: core (" + std::to_string(c.x) + "," + std::to_string(c.y) +
                                  ") is not in the cores of kernel " + k.file);
    k.runtime_args[{c.x, c.y}] = runtime_args;
  }
}

namespace distributed {

MeshDevice::MeshDevice(int device_id) : state_(std::make_unique<DeviceState>()) {
  const char* plan = std::getenv("TTEMU_PLAN");
  if (!plan || !*plan) {
    std::cerr << "ttemu: device " << device_id
              << ": set TTEMU_PLAN to the program's tt.plan.json (it describes the emulated device)\n";
    std::exit(3);
  }
  try {
    state_->model = ttemu::load_plan(plan);
  } catch (const ttemu::PlanError& e) {
    std::cerr << e.what() << '\n';
    std::exit(3);
  }
  state_->out_dir = ttemu::host::env_or("TTEMU_OUT", "");
  if (!state_->out_dir.empty()) std::filesystem::create_directories(state_->out_dir);
  state_->timeout = std::chrono::milliseconds(std::atol(ttemu::host::env_or("TTEMU_TIMEOUT_MS", "10000")));
}

MeshDevice::~MeshDevice() = default;

std::shared_ptr<MeshDevice> MeshDevice::create_unit_mesh(int device_id) {
  return std::make_shared<MeshDevice>(device_id);
}

MeshCommandQueue& MeshDevice::mesh_command_queue(std::optional<std::uint8_t> cq_id) {
  if (cq_id && *cq_id != 0) throw std::invalid_argument("the emulated device has one command queue");
  return cq_;
}

CoreCoord MeshDevice::worker_core_from_logical_core(const CoreCoord& logical_core) const {
  return CoreCoord(ttemu::noc_x_of_logical(static_cast<std::uint32_t>(logical_core.x)),
                   ttemu::noc_y_of_logical(static_cast<std::uint32_t>(logical_core.y)));
}

CoreCoord MeshDevice::compute_with_storage_grid_size() const {
  return CoreCoord(static_cast<std::size_t>(state_->model.grid_x), static_cast<std::size_t>(state_->model.grid_y));
}

bool MeshDevice::close() { return true; }

std::shared_ptr<MeshBuffer> MeshBuffer::create(const MeshBufferConfig& mesh_buffer_config,
                                               const DeviceLocalBufferConfig& device_local_config,
                                               MeshDevice* mesh_device, std::optional<DeviceAddr> address) {
  const DeviceAddr size = std::get<ReplicatedBufferConfig>(mesh_buffer_config).size;
  const DeviceAddr page = device_local_config.page_size;
  if (address) throw std::invalid_argument("MeshBuffer::create: fixed addresses are not emulated");
  if (device_local_config.buffer_type != BufferType::DRAM)
    throw std::invalid_argument("MeshBuffer::create: only DRAM buffers are emulated");
  if (page == 0 || size % page)
    throw std::invalid_argument("MeshBuffer::create: size " + std::to_string(size) +
                                " is not a whole number of pages of " + std::to_string(page) + " bytes");
  ttemu::BufferSpec spec;
  spec.name = "buffer" + std::to_string(mesh_device->state().dram.buffers().size());
  spec.page_size = static_cast<std::uint32_t>(page);
  spec.num_pages = static_cast<std::uint32_t>(size / page);
  const ttemu::DramBuffer& b = mesh_device->state().dram.add(spec);
  return std::make_shared<MeshBuffer>(mesh_device, b.base, size, page, device_local_config.buffer_type);
}

void MeshCommandQueue::enqueue_write_mesh_buffer(const std::shared_ptr<MeshBuffer>& buffer, const void* host_data,
                                                 bool blocking) {
  (void)blocking;  // transfers complete at once
  ttemu::DramBuffer* b = device_->state().dram.by_base(static_cast<std::uint32_t>(buffer->address()));
  std::memcpy(b->data.data(), host_data, b->data.size());
}

void MeshCommandQueue::enqueue_read_mesh_buffer(void* host_data, const std::shared_ptr<MeshBuffer>& buffer,
                                                bool blocking) {
  (void)blocking;
  ttemu::DramBuffer* b = device_->state().dram.by_base(static_cast<std::uint32_t>(buffer->address()));
  std::memcpy(host_data, b->data.data(), b->data.size());
}

void EnqueueMeshWorkload(MeshCommandQueue& mesh_cq, MeshWorkload& mesh_workload, bool blocking) {
  (void)blocking;  // the emulated run completes before this returns
  for (const Program& p : mesh_workload.get_programs()) ttemu::host::run_program(mesh_cq.device()->state(), p);
}

void Finish(MeshCommandQueue& mesh_cq) { (void)mesh_cq; }

}  // namespace distributed
}  // namespace tt::tt_metal
