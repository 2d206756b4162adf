// The emulated SDK has today's tt-metal API and nothing tt-metal removed: code written for the 2025 API fails
// to compile against it, as against the real SDK, and the same code in today's spelling compiles.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "process.h"

namespace ttemu {
namespace {

namespace fs = std::filesystem;

struct Snippet {
  const char* what;
  const char* source;
};

// Syntax-checks each snippet against the emulated headers, in parallel; returns the exit status of each.
std::vector<ProcessResult> compile_all(const std::vector<Snippet>& snippets) {
  std::string pattern = (fs::temp_directory_path() / "ttemu-api-XXXXXX").string();
  const fs::path dir = ::mkdtemp(pattern.data());
  std::vector<pid_t> pids;
  for (std::size_t i = 0; i < snippets.size(); ++i) {
    const fs::path src = dir / ("snippet" + std::to_string(i) + ".cpp");
    std::ofstream(src) << snippets[i].source;
    pids.push_back(
        spawn_process({TTEMU_TEST_CXX, "-std=c++20", "-fsyntax-only", "-I", TTEMU_TEST_INCLUDE_DIR, src.string()},
                      dir / ("snippet" + std::to_string(i) + ".log")));
  }
  std::vector<ProcessResult> out;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  for (std::size_t i = 0; i < pids.size(); ++i)
    out.push_back(wait_process(pids[i], dir / ("snippet" + std::to_string(i) + ".log"), deadline));
  std::error_code ec;
  fs::remove_all(dir, ec);
  return out;
}

constexpr const char* kCompute =
    "#include \"api/compute/compute_kernel_hw_startup.h\"\n#include \"api/compute/matmul.h\"\n";
constexpr const char* kDataflow = "#include \"api/dataflow/dataflow_api.h\"\n";
constexpr const char* kHost =
    "#include <tt-metalium/host_api.hpp>\n#include <tt-metalium/distributed.hpp>\nusing namespace tt::tt_metal;\n";

std::string with(const char* prelude, const char* body) { return std::string(prelude) + body; }

TEST(EmuApiSurface, RemovedApiDoesNotCompile) {
  const std::vector<std::pair<std::string, std::string>> removed = {
      {"NAMESPACE/MAIN entry", with(kCompute, "namespace NAMESPACE {\nvoid MAIN {}\n}\n")},
      {"compute_kernel_api/ headers", "#include \"compute_kernel_api/matmul.h\"\n"},
      {"dataflow_api.h at the old path", "#include \"dataflow_api.h\"\n"},
      {"mm_init", with(kCompute, "void kernel_main() { mm_init(0, 1, 16); }\n")},
      {"mm_init_short_with_dt", with(kCompute, "void kernel_main() { mm_init_short_with_dt(0, 1, 24); }\n")},
      {"6-argument matmul_tiles", with(kCompute, "void kernel_main() { matmul_tiles(0, 1, 0, 0, 0, 0); }\n")},
      {"noc_async_read_tile", with(kDataflow, "void kernel_main() { noc_async_read_tile(0, 0, 0); }\n")},
      {"noc_async_write_tile", with(kDataflow, "void kernel_main() { noc_async_write_tile(0, 0, 0); }\n")},
      {"InterleavedAddrGenFast",
       with(kDataflow,
            "void kernel_main() { const InterleavedAddrGenFast<true> g = {0, 2048, DataFormat::Float16}; }\n")},
      {"CreateDevice", with(kHost, "int main() { IDevice* d = CreateDevice(0); }\n")},
      {"EnqueueProgram", with(kHost, "int main() { Program p = CreateProgram(); EnqueueProgram(p, false); }\n")},
  };
  std::vector<Snippet> snippets;
  for (const auto& [what, source] : removed) snippets.push_back({what.c_str(), source.c_str()});
  // Today's spelling of the same calls compiles: the failures above are the API's, not the snippets'.
  const std::string today[] = {
      with(kCompute,
           "void kernel_main() {\n  compute_kernel_hw_startup<SrcOrder::Reverse>(0, 1, 16);\n  matmul_init(0, 1);\n"
           "  tile_regs_acquire();\n  matmul_tiles(0, 1, 0, 0, 0);\n}\n"),
      with(kDataflow,
           "void kernel_main() {\n  constexpr auto a_args = TensorAccessorArgs<0>();\n"
           "  const auto a = TensorAccessor(a_args, get_arg_val<uint32_t>(0));\n"
           "  noc_async_read_page(0, a, get_write_ptr(0));\n  noc_async_write_page(0, a, get_read_ptr(0));\n}\n"),
      with(kHost,
           "int main() {\n  auto device = distributed::MeshDevice::create_unit_mesh(0);\n"
           "  distributed::MeshWorkload workload;\n"
           "  workload.add_program(distributed::MeshCoordinateRange(device->shape()), CreateProgram());\n"
           "  distributed::EnqueueMeshWorkload(device->mesh_command_queue(), workload, false);\n}\n"),
  };
  const std::string ct_args = "#define KERNEL_COMPILE_TIME_ARGS 2, 2048\n";
  const std::string dataflow_today = ct_args + today[1];
  snippets.push_back({"today: compute", today[0].c_str()});
  snippets.push_back({"today: dataflow", dataflow_today.c_str()});
  snippets.push_back({"today: host", today[2].c_str()});
  const std::string reduce_today =
      "#include \"api/compute/compute_kernel_hw_startup.h\"\n#include \"api/compute/reduce.h\"\n"
      "void kernel_main() {\n  compute_kernel_hw_startup(0, 2, 16);\n"
      "  reduce_init<PoolType::SUM, ReduceDim::REDUCE_ROW>(0, 2, 16);\n  tile_regs_acquire();\n"
      "  reduce_tile<PoolType::SUM, ReduceDim::REDUCE_ROW>(0, 2, 0, 0, 0);\n  reduce_uninit();\n}\n";
  snippets.push_back({"today: reduce", reduce_today.c_str()});
  // bcast.h @00b0fa3f: the short inits, the ROW form's optional bcast_row_idx, the templated forms.
  const std::string bcast_today =
      "#include \"api/compute/compute_kernel_hw_startup.h\"\n#include \"api/compute/bcast.h\"\n"
      "void kernel_main() {\n  compute_kernel_hw_startup(0, 1, 16);\n  tile_regs_acquire();\n"
      "  init_bcast<EltwiseBinaryType::ELWSUB, BroadcastType::COL>(0, 1, 16);\n  sub_tiles_bcast_cols(0, 1, 0, 0, 0);\n"
      "  sub_bcast_cols_init_short(0, 1);\n  sub_tiles_bcast<BroadcastType::COL>(0, 1, 0, 0, 0);\n"
      "  mul_bcast_rows_init_short(0, 1);\n  mul_tiles_bcast_rows(0, 1, 0, 0, 1, 3);\n"
      "  add_bcast_rows_init_short(0, 1);\n  add_tiles_bcast_rows(0, 1, 0, 0, 1);\n"
      "  mul_tiles_bcast_scalar_init_short(0, 1);\n  mul_tiles_bcast_scalar(0, 1, 0, 0, 2);\n"
      "  add_bcast_scalar_init_short(0, 1);\n  add_tiles_bcast_scalar(0, 1, 0, 0, 2);\n"
      "  sub_tiles_bcast_scalar_init_short(0, 1);\n  sub_tiles_bcast_scalar(0, 1, 0, 0, 2);\n"
      "  mul_bcast_cols_init_short(0, 1);\n  mul_tiles_bcast_cols(0, 1, 0, 0, 2);\n"
      "  add_bcast_cols_init_short(0, 1);\n  add_tiles_bcast_cols(0, 1, 0, 0, 2);\n"
      "  sub_bcast_rows_init_short(0, 1);\n  sub_tiles_bcast_rows(0, 1, 0, 0, 2, 0);\n"
      "  unary_bcast_init<BroadcastType::ROW>(1, 16);\n  unary_bcast<BroadcastType::ROW>(1, 0, 3);\n"
      "  unary_bcast_uninit<BroadcastType::ROW>(1);\n  unary_bcast_init<BroadcastType::COL>(1, 16);\n"
      "  unary_bcast<BroadcastType::COL>(1, 0, 3);\n  unary_bcast_uninit<BroadcastType::COL>(1);\n}\n";
  snippets.push_back({"today: bcast", bcast_today.c_str()});
  // eltwise_unary/typecast.h @01ccd211: the Float32 -> Float16_b pair, formats as uint32_t template arguments.
  const std::string typecast_today =
      "#include \"api/compute/compute_kernel_hw_startup.h\"\n#include \"api/compute/eltwise_unary/typecast.h\"\n"
      "void kernel_main() {\n  compute_kernel_hw_startup(0, 0, 16);\n  tile_regs_acquire();\n"
      "  typecast_tile_init<static_cast<uint32_t>(DataFormat::Float32), "
      "static_cast<uint32_t>(DataFormat::Float16_b)>();\n"
      "  typecast_tile<static_cast<uint32_t>(DataFormat::Float32), "
      "static_cast<uint32_t>(DataFormat::Float16_b)>(0);\n}\n";
  snippets.push_back({"today: typecast", typecast_today.c_str()});

  const std::vector<ProcessResult> results = compile_all(snippets);
  for (std::size_t i = 0; i < snippets.size(); ++i) {
    SCOPED_TRACE(snippets[i].what);
    const bool should_compile = i >= removed.size();
    EXPECT_EQ(results[i].ok(), should_compile) << snippets[i].source << "\n" << results[i].output;
  }
}

}  // namespace
}  // namespace ttemu
