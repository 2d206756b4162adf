// Every TT-Metalium function the generated kernels call is in assets/devices/api_checked.json (the
// list of signatures checked against tenstorrent/tt-metal, with where) with a matching arity and is
// available in that kernel type; host calls that the list covers match its arity too.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "codegen_fixture.h"

namespace tt {
namespace {

using nlohmann::json;

struct Call {
  std::string name;
  size_t args = 0;
  size_t line = 0;
};

// Drops // comments and the contents of string literals, so neither can look like a call.
std::string strip_comments_and_strings(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "//") == 0) {
      while (i < text.size() && text[i] != '\n') ++i;
      if (i < text.size()) out += '\n';
      continue;
    }
    if (text[i] == '"') {
      out += "\"\"";
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
      continue;
    }
    out += text[i];
  }
  return out;
}

// `name(` or `name<...>(`, with arguments counted at parenthesis depth 0 (commas inside (), [], {}
// do not count). Definitions (`void name(`) and control keywords are skipped.
std::vector<Call> parse_calls(const std::string& source) {
  static const std::set<std::string> kSkip{"if", "for", "while", "switch", "return", "sizeof", "static_cast",
                                           "reinterpret_cast", "const_cast", "defined"};
  const std::string text = strip_comments_and_strings(source);
  std::vector<Call> calls;
  std::regex re(R"(([A-Za-z_][A-Za-z_0-9]*(?:::[A-Za-z_][A-Za-z_0-9]*)*)\s*(<[^<>();{}]*>)?\s*\()");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    std::string name = m[1].str();
    if (kSkip.count(name)) continue;
    const size_t begin = static_cast<size_t>(m.position(0));
    const std::string before = text.substr(begin >= 5 ? begin - 5 : 0, begin >= 5 ? 5 : begin);
    if (before == "void ") continue;
    size_t depth = 0, args = 0;
    bool any = false;
    for (size_t i = begin + static_cast<size_t>(m.length(0)); i < text.size(); ++i) {
      char c = text[i];
      if (c == '(' || c == '[' || c == '{') ++depth;
      if (c == ')' || c == ']' || c == '}') {
        if (depth == 0) break;
        --depth;
      }
      if (depth == 0 && c == ',') ++args;
      if (!std::isspace(static_cast<unsigned char>(c))) any = true;
    }
    const size_t line = static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<long>(begin), '\n')) + 1;
    calls.push_back({name, any ? args + 1 : 0, line});
  }
  return calls;
}

json load_api_list() {
  std::ifstream in(std::string(TT_INSPECT_ASSETS_DIR) + "/devices/api_checked.json");
  EXPECT_TRUE(in) << "assets/devices/api_checked.json is missing";
  return in ? json::parse(in) : json::object();
}

std::map<std::string, json> entries(const json& list, const char* section) {
  std::map<std::string, json> out;
  for (const json& e : list.value(section, json::array())) out[e.at("name").get<std::string>()] = e;
  return out;
}

std::vector<testing::GemmFixture> fixtures() {
  testing::GemmFixture reference, bf16, transpose_b, small;
  bf16.dtype = "bfloat16";
  bf16.block_k = 64;
  transpose_b.transpose_b = true;
  small.m = small.n = small.k = 256;
  small.block_m = small.block_n = 64;  // fits DST: no spill path
  return {reference, bf16, transpose_b, small};
}

TEST(CodegenApiCheck, ParserCountsTopLevelArguments) {
  auto calls = parse_calls("f(a, g(b, c), {d, e});  // h(1)\n  x = get_arg_val<uint32_t>(2); k();\nvoid kernel_main() {}");
  ASSERT_EQ(calls.size(), 4u);
  EXPECT_EQ(calls[0].name, "f");
  EXPECT_EQ(calls[0].args, 3u);
  EXPECT_EQ(calls[1].name, "g");
  EXPECT_EQ(calls[1].args, 2u);
  EXPECT_EQ(calls[2].name, "get_arg_val");
  EXPECT_EQ(calls[2].args, 1u);
  EXPECT_EQ(calls[3].name, "k");
  EXPECT_EQ(calls[3].args, 0u);
}

TEST(CodegenApiCheck, KernelCallsAreCheckedTtMetaliumFunctions) {
  const json list = load_api_list();
  const auto api = entries(list, "kernel");
  ASSERT_FALSE(api.empty());
  for (const testing::GemmFixture& params : fixtures()) {
    testing::BuiltKernel built = testing::build_gemm_kernel(params);
    DiagnosticList diags;
    ASSERT_TRUE(generate_artifacts(built.kernel, built.device, built.source, diags));
    for (const char* file : {"reader.cpp", "compute.cpp", "writer.cpp"}) {
      const std::string role = std::string(file).substr(0, std::string(file).find('.'));
      const Artifact* a = built.kernel.find_artifact(file);
      ASSERT_NE(a, nullptr);
      for (const Call& c : parse_calls(a->text)) {
        SCOPED_TRACE(std::string(file) + ":" + std::to_string(c.line) + " " + c.name);
        auto it = api.find(c.name);
        ASSERT_NE(it, api.end()) << c.name << " is not in api_checked.json";
        const json& e = it->second;
        EXPECT_GE(c.args, e.at("min_arity").get<size_t>());
        EXPECT_LE(c.args, e.at("arity").get<size_t>());
        const auto kinds = e.at("kind").get<std::vector<std::string>>();
        EXPECT_NE(std::find(kinds.begin(), kinds.end(), role), kinds.end()) << c.name << " is not available in a " << role << " kernel";
      }
      // Each #include is one of the headers api_checked.json lists for this kind of kernel.
      const auto headers = list.at("includes").at(role).get<std::vector<std::string>>();
      std::regex include(R"re(#include "([^"]+)")re");
      for (auto it = std::sregex_iterator(a->text.begin(), a->text.end(), include); it != std::sregex_iterator();
           ++it) {
        EXPECT_NE(std::find(headers.begin(), headers.end(), (*it)[1].str()), headers.end()) << (*it)[1].str();
      }
    }
  }
}

TEST(CodegenApiCheck, HostCallsMatchCheckedArity) {
  const auto api = entries(load_api_list(), "host");
  ASSERT_FALSE(api.empty());
  testing::BuiltKernel built = testing::build_gemm_kernel({});
  DiagnosticList diags;
  ASSERT_TRUE(generate_artifacts(built.kernel, built.device, built.source, diags));
  std::set<std::string> called;
  for (const Call& c : parse_calls(built.kernel.find_artifact("main.cpp")->text)) {
    // distributed::MeshBuffer::create is listed as `create`: the namespace and class qualify the name.
    const size_t colons = c.name.rfind("::");
    const std::string name = colons == std::string::npos ? c.name : c.name.substr(colons + 2);
    auto it = api.find(name);
    if (it == api.end()) continue;  // our helpers, std::, methods of returned objects
    SCOPED_TRACE("main.cpp:" + std::to_string(c.line) + " " + c.name);
    called.insert(name);
    EXPECT_GE(c.args, it->second.at("min_arity").get<size_t>());
    EXPECT_LE(c.args, it->second.at("arity").get<size_t>());
  }
  for (const char* f : {"create_unit_mesh",
                        "mesh_command_queue",
                        "CreateProgram",
                        "create",
                        "CreateCircularBuffer",
                        "CircularBufferConfig",
                        "TensorAccessorArgs",
                        "append_to",
                        "CreateKernel",
                        "SetRuntimeArgs",
                        "tilize_nfaces",
                        "EnqueueWriteMeshBuffer",
                        "add_program",
                        "MeshCoordinateRange",
                        "EnqueueMeshWorkload",
                        "EnqueueReadMeshBuffer",
                        "untilize_nfaces",
                        "close",
                        "CoreRange",
                        "CoreCoord"}) {
    EXPECT_TRUE(called.count(f)) << "main.cpp does not call " << f;
  }
}

// Acceptance of issue #11: nothing the 2025 API had and today's tt-metal removed appears in any generated
// file, for every GEMM variant.
TEST(CodegenApiCheck, NoRemovedApiInAnyGeneratedFile) {
  const std::regex removed(
      R"(\bNAMESPACE\b|\bMAIN\b|\bmm_init|compute_kernel_api/|noc_async_read_tile|noc_async_write_tile|)"
      R"(InterleavedAddrGenFast|\bCreateDevice\b|\bEnqueueProgram\b|\bCommandQueue\b|\bCloseDevice\b|)"
      R"(\bEnqueueWriteBuffer\b|\bEnqueueReadBuffer\b)");
  for (const testing::GemmFixture& params : fixtures()) {
    testing::BuiltKernel built = testing::build_gemm_kernel(params);
    DiagnosticList diags;
    ASSERT_TRUE(generate_artifacts(built.kernel, built.device, built.source, diags));
    for (const Artifact& a : built.kernel.artifacts) {
      std::smatch m;
      EXPECT_FALSE(std::regex_search(a.text, m, removed)) << a.name << ": " << m.str();
      for (const Call& c : parse_calls(a.text)) {
        SCOPED_TRACE(a.name + ":" + std::to_string(c.line));
        if (c.name == "matmul_tiles") {
          EXPECT_EQ(c.args, 5u);
        }
      }
    }
  }
}

}  // namespace
}  // namespace tt
