// tt.plan.json: every golden plan validates against our schema (assets/schema/tt_plan.schema.json)
// and TileLang's reference schema; our schema requires what the reference requires; plan contents.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "codegen_fixture.h"
#include "compiler/codegen/plan_emitter.h"
#include "compiler/codegen/program_info.h"
#include "compiler/perf/estimate_json.h"
#include "json_schema_subset.h"

namespace tt {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::validate_json_schema;

json load(const fs::path& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << path;
  return in ? json::parse(in) : json();
}

json our_schema() { return load(fs::path(TT_INSPECT_ASSETS_DIR) / "schema" / "tt_plan.schema.json"); }

// TileLang's canonical schema: the copy in tests/reference (see its README), and the original in the
// project's shared folder, present beside a developer's checkout but not in every CI clone.
fs::path reference_schema_path() { return fs::path(TT_TESTS_DIR) / "reference" / "TT_RUNTIME_PLAN.schema.json"; }
fs::path shared_reference_schema_path() {
  return fs::path(TT_TESTS_DIR) / ".." / ".." / "shared" / "reference" / "TT_RUNTIME_PLAN.schema.json";
}

std::string joined(const std::vector<std::string>& errors) {
  std::string out;
  for (const std::string& e : errors) out += e + "\n";
  return out;
}

std::vector<fs::path> golden_plans() {
  std::vector<fs::path> out;
  for (const char* set : {"codegen", "examples"}) {
    for (const auto& dir : fs::directory_iterator(fs::path(TT_TESTS_DIR) / "golden" / set)) {
      if (fs::exists(dir.path() / "tt.plan.json")) out.push_back(dir.path() / "tt.plan.json");
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(JsonSchemaSubset, ReportsViolationsAndUnsupportedKeywords) {
  json schema = json::parse(R"({"type": "object", "required": ["a"], "additionalProperties": false,
    "properties": {"a": {"type": "array", "items": {"type": "integer", "minimum": 0}, "maxItems": 2},
                   "b": {"$ref": "#/$defs/e"}},
    "$defs": {"e": {"type": "string", "enum": ["x"]}}})");
  EXPECT_TRUE(validate_json_schema(json::parse(R"({"a": [0, 1], "b": "x"})"), schema).empty());
  EXPECT_EQ(validate_json_schema(json::parse(R"({"b": "y"})"), schema),
            (std::vector<std::string>{"/: missing required property \"a\"", "/b: \"y\" is not one of [\"x\"]"}));
  EXPECT_EQ(validate_json_schema(json::parse(R"({"a": [-1, 2, 3], "c": 1})"), schema).size(), 3u);
  EXPECT_EQ(validate_json_schema(json(1), json::parse(R"({"oneOf": []})")),
            (std::vector<std::string>{"/: schema keyword 'oneOf' is not supported by this validator"}));
}

TEST(CodegenPlan, OurSchemaUsesOnlyTheSupportedSubset) {
  // Validating any instance walks the schema's keywords; an unsupported one would be reported.
  for (const fs::path& plan : golden_plans()) {
    for (const std::string& e : validate_json_schema(load(plan), our_schema())) {
      EXPECT_EQ(e.find("not supported"), std::string::npos) << e;
    }
  }
}

TEST(CodegenPlan, GoldenPlansValidateAgainstOurSchema) {
  const json schema = our_schema();
  const auto plans = golden_plans();
  ASSERT_GE(plans.size(), 3u);
  for (const fs::path& plan : plans) {
    EXPECT_EQ(joined(validate_json_schema(load(plan), schema)), "") << plan;
  }
}

TEST(CodegenPlan, GoldenPlansValidateAgainstTileLangReferenceSchema) {
  const json schema = load(reference_schema_path());
  for (const fs::path& plan : golden_plans()) {
    EXPECT_EQ(joined(validate_json_schema(load(plan), schema)), "") << plan;
  }
}

TEST(CodegenPlan, OurSchemaRequiresWhatTheReferenceRequires) {
  const json ref = load(reference_schema_path());
  const json ours = our_schema();
  const auto required = ours.at("required").get<std::vector<std::string>>();
  for (const json& name : ref.at("required")) {
    EXPECT_NE(std::find(required.begin(), required.end(), name.get<std::string>()), required.end()) << name;
    EXPECT_TRUE(ours.at("properties").contains(name.get<std::string>())) << name;
  }
}

TEST(CodegenPlan, ReferenceSchemaCopyMatchesTheSharedOriginal) {
  if (!fs::exists(shared_reference_schema_path())) GTEST_SKIP() << "no shared folder beside this checkout";
  EXPECT_EQ(load(reference_schema_path()), load(shared_reference_schema_path()));
}

TEST(CodegenPlan, SchemaRejectsABrokenPlan) {
  json plan = load(golden_plans().front());
  plan.erase("work_partition");
  plan["circular_buffers"][0]["producer"] = "dma";
  plan["surprise"] = 1;
  auto errors = validate_json_schema(plan, our_schema());
  EXPECT_EQ(errors.size(), 3u) << joined(errors);
}

TEST(CodegenPlan, DescribesWorkCbsAndIdleCores) {
  testing::GemmFixture small;
  small.m = small.n = small.k = 256;
  small.block_m = small.block_n = 64;  // 16 blocks over 64 cores: 48 idle
  testing::BuiltKernel built = testing::build_gemm_kernel(small);
  DiagnosticList diags;
  auto info = codegen::collect_program_info(built.kernel, built.device, built.source, diags);
  ASSERT_TRUE(info) << render_diagnostics(diags, built.source);
  json plan = json::parse(codegen::emit_plan(*info, built.device).text);
  EXPECT_EQ(joined(validate_json_schema(plan, our_schema())), "");
  EXPECT_EQ(plan["core_ranges"], json::parse(R"([{"start": [0, 0], "extent": [8, 2]}])"));
  EXPECT_EQ(plan["idle_cores"].size(), 48u);
  EXPECT_EQ(plan["work_partition"]["(5,1)"], json::parse(R"([{"io": 3, "jo": 1, "len_k": 8, "tile_order": "row_major"}])"));
  // CBs back to back from the reserved part of L1, by index.
  int64_t address = built.device.l1_reserved_bytes;
  for (const json& cb : plan["circular_buffers"]) {
    EXPECT_EQ(cb["l1_address"].get<int64_t>(), address) << cb["name"];
    address += cb["bytes"].get<int64_t>();
  }
  EXPECT_EQ(plan["l1"]["cb_end"].get<int64_t>(), address);
  EXPECT_EQ(plan["gemm"], json::parse(R"({"a": "A", "b": "B", "c": "C", "transpose_a": false, "transpose_b": false,
                                           "accum_dtype": "float32"})"));
  EXPECT_EQ(plan["cores"][0]["runtime_args"]["reader"], json::parse(R"([{"buffer_address": "A"}, {"buffer_address": "B"}, 0, 1])"));
}

TEST(CodegenPlan, PerformanceEstimateIsTheKernelsEstimateAtTheComputeKernelsFidelity) {
  testing::GemmFixture small;
  small.m = small.n = small.k = 256;
  small.block_m = small.block_n = 64;  // a 4x4 block grid, 8 K steps per block
  testing::BuiltKernel built = testing::build_gemm_kernel(small);
  DiagnosticList diags;
  ASSERT_TRUE(generate_artifacts(built.kernel, built.device, built.source, diags))
      << render_diagnostics(diags, built.source);
  ASSERT_TRUE(built.kernel.estimate) << built.kernel.estimate_unavailable;
  json plan = json::parse(built.kernel.find_artifact("tt.plan.json")->text);
  EXPECT_EQ(joined(validate_json_schema(plan, our_schema())), "");
  const json& e = plan["performance_estimate"];
  EXPECT_EQ(e, json::parse(perf::estimate_json(*built.kernel.estimate).dump()));
  for (const json& k : plan["kernels"]) {
    if (k["role"] == "compute") {
      EXPECT_EQ(k["math_fidelity"], e["math_fidelity"]);
    }
  }
  // Hand count: A (256x256 fp16, 128 KiB) is read once per block column (4), B once per block row
  // (4); C is written once; (256/32)^3 tile matmuls.
  EXPECT_EQ(e["counts"]["dram_read_bytes"], 2 * 4 * 256 * 256 * 2);
  EXPECT_EQ(e["dram_bytes_by_buffer"]["A"]["read_bytes"], 4 * 256 * 256 * 2);
  EXPECT_EQ(e["dram_bytes_by_buffer"]["C"]["write_bytes"], 256 * 256 * 2);
  EXPECT_EQ(e["counts"]["tile_matmuls"], 8 * 8 * 8);
  EXPECT_EQ(e["core_utilisation"]["active_cores"], 16);
  EXPECT_EQ(e["lower_bound_us"].get<double>(),
            std::max({e["compute_us"].get<double>(), e["dram_us"].get<double>(), e["noc_us"].get<double>()}));
}

TEST(CodegenPlan, MissingMetadataIsALocatedCodegenError) {
  testing::BuiltKernel built = testing::build_gemm_kernel({});
  built.kernel.module.attrs.erase(ir::kGemmKey);
  DiagnosticList diags;
  EXPECT_FALSE(generate_artifacts(built.kernel, built.device, built.source, diags));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags.items()[0].message, "missing or malformed tt.gemm metadata");
  EXPECT_EQ(diags.items()[0].pass, "codegen");
  // Nothing but the final IR is left: never a partial artifact set.
  ASSERT_EQ(built.kernel.artifacts.size(), 1u);
  EXPECT_EQ(built.kernel.artifacts[0].name, "final.tir");
}

}  // namespace
}  // namespace tt
