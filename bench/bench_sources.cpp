// Benchmark inputs: text surgery on the reference GEMM (the factory between its decorator and main()).
#include "bench/bench_sources.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tt::bench {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {

const std::string kReferencePath = TT_INSPECT_ASSETS_DIR "/examples/example_gemm.py";

// The reference factory with `def matmul(` renamed to `def <name>(`.
std::string factory_named(const std::string& name) {
  static const std::string text = read_text(kReferencePath);
  const size_t begin = text.find("@tilelang.jit");
  const size_t end = text.find("def main():");
  std::string factory = text.substr(begin, end - begin);
  const std::string from = "def matmul(";
  factory.replace(factory.find(from), from.size(), "def " + name + "(");
  return factory;
}

std::string kernels_file(const std::vector<std::string>& names) {
  std::string out = "import tilelang\nimport tilelang.language as T\n\n\n";
  std::string calls;
  for (const std::string& n : names) {
    out += factory_named(n);
    calls += "    " + n + "_kernel = " + n + "(1024, 1024, 1024, 128, 128, 32)\n";
  }
  return out + "def main():\n" + calls;
}

}  // namespace

SourceFile reference_gemm() { return SourceFile(kReferencePath, read_text(kReferencePath)); }

SourceFile multi_kernel_source(int kernels) {
  std::vector<std::string> names;
  for (int i = 0; i < kernels; ++i) names.push_back("matmul_" + std::to_string(i));
  return SourceFile("multi_kernel_" + std::to_string(kernels) + ".py", kernels_file(names));
}

std::vector<std::string> write_kernel_files(const std::string& dir, int count) {
  std::filesystem::create_directories(dir);
  std::vector<std::string> paths;
  for (int i = 0; i < count; ++i) {
    const std::string name = "matmul_" + std::to_string(i);
    paths.push_back(dir + "/" + name + ".py");
    std::ofstream(paths.back()) << kernels_file({name});
  }
  return paths;
}

}  // namespace tt::bench
