// Advice rules (compiler/advice): each fires on a variant of the reference GEMM built to trigger it,
// with the numbers behind it, and stays quiet on a variant that does not.
#include "compiler/advice/advice.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "compiler/compiler.h"

namespace tt {
namespace {

// The advice notes of the reference GEMM compiled with `defines`, one message per note.
std::vector<std::string> advice_for(const std::map<std::string, std::string>& defines,
                                    const std::pair<std::string, std::string>& edit = {}) {
  std::ifstream in(std::string(TT_INSPECT_ASSETS_DIR) + "/examples/example_gemm.py");
  std::stringstream stream;
  stream << in.rdbuf();
  std::string text = stream.str();
  if (!edit.first.empty()) {
    size_t at = text.find(edit.first);
    EXPECT_NE(at, std::string::npos) << edit.first;
    if (at != std::string::npos) text.replace(at, edit.first.size(), edit.second);
  }
  CompileOptions options;
  options.defines = defines;
  CompileResult r = compile_source(SourceFile("gemm.py", text), options);
  EXPECT_TRUE(r.ok());
  std::vector<std::string> messages;
  if (!r.ok() || r.kernels.empty()) return messages;
  DiagnosticList notes;
  advice::add_advice(r.kernels[0], *r.device, notes);
  for (const Diagnostic& d : notes) {
    EXPECT_EQ(d.severity, Severity::Note);
    EXPECT_EQ(d.pass, "advice");
    messages.push_back(d.message);
  }
  return messages;
}

// The message of rule `rule`, or "" when it did not fire.
std::string rule_message(const std::vector<std::string>& messages, const std::string& rule) {
  for (const std::string& m : messages) {
    if (m.rfind("advice [" + rule + "]: ", 0) == 0) return m;
  }
  return "";
}

struct RuleCase {
  std::string rule;
  std::map<std::string, std::string> triggers, quiet;
  std::string expect;                             // part of the message when it fires
  std::pair<std::string, std::string> edit = {};  // a source change for the triggering kernel
};

class AdviceRule : public testing::TestWithParam<RuleCase> {};

TEST_P(AdviceRule, FiresOnItsKernelAndNotOnTheOther) {
  const RuleCase& c = GetParam();
  std::string fired = rule_message(advice_for(c.triggers, c.edit), c.rule);
  EXPECT_NE(fired.find(c.expect), std::string::npos) << "'" << fired << "'";
  EXPECT_EQ(rule_message(advice_for(c.quiet), c.rule), "");
}

INSTANTIATE_TEST_SUITE_P(
    Rules, AdviceRule,
    testing::Values(
        RuleCase{"l1-nearly-full", {{"block_M", "256"}, {"block_N", "512"}, {"block_K", "128"}}, {}, "stages of"},
        RuleCase{"load-imbalance", {{"N", "1152"}}, {}, "8 cores do 2 blocks, 56 do 1 (72 blocks on 64 cores)"},
        RuleCase{"idle-cores", {{"M", "512"}}, {}, "32 of 64 cores get no block (32 blocks)"},
        RuleCase{"dst-underused",
                 {{"block_M", "32"}, {"block_N", "32"}, {"M", "256"}, {"N", "256"}},
                 {},
                 "tiles but DST holds"},
        RuleCase{"spills-per-k-step",
                 {},
                 {{"block_M", "32"}, {"block_N", "32"}, {"M", "256"}, {"N", "256"}},
                 "bytes of partial sums per K step"},
        RuleCase{"low-precision-accumulation", {{"accum_dtype", "float16"}}, {}, "sqrt(K) * 2^-11"},
        RuleCase{"single-buffered-input",
                 {},
                 {},
                 "CB 'A_shared' has one stage in a loop of 32 K steps",
                 {"num_stages=3", "num_stages=1"}},
        RuleCase{"thin-k-steps", {}, {{"block_K", "64"}}, "K steps of one tile each"},
        RuleCase{"single-k-step", {{"K", "64"}, {"block_K", "64"}}, {}, "each block is one K step of block_K=64"},
        RuleCase{"stages-beyond-k-steps",
                 {{"K", "64"}},
                 {},
                 "num_stages=3 but the K loop has 2 steps: num_stages=2 frees 16384 bytes"},
        RuleCase{"not-pipelined",
                 {},
                 {},
                 "is not T.Pipelined",
                 {"T.Pipelined(T.ceildiv(K, block_K), num_stages=3)", "T.serial(T.ceildiv(K, block_K))"}},
        RuleCase{"partials-dominate-l1",
                 {},
                 {{"accum_dtype", "float16"}},
                 "intermediate CB 'C_local' (float32 partial sums) holds 65536 of 147456 CB bytes (44%)"}),
    [](const testing::TestParamInfo<RuleCase>& p) {
      std::string name = p.param.rule;
      for (char& ch : name) ch = ch == '-' ? '_' : ch;
      return name;
    });

}  // namespace
}  // namespace tt
