// Tree-sitter highlighting with the grammars' own queries: captures, predicates we evaluate
// (#match?), "last pattern wins", and the C++ = C++ query + C query combination.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "viewer/code_text.h"
#include "viewer/factory_params.h"
#include "viewer/syntax_highlight.h"

namespace tt::viewer {
namespace {

// The kind of the run covering column `col` of line `line` (Plain when none).
TokenKind kind_at(const LineRuns& runs, size_t line, uint32_t col) {
  for (const TokenRun& r : runs.at(line)) {
    if (col >= r.begin && col < r.end) return r.kind;
  }
  return TokenKind::Plain;
}

TEST(Highlight, PythonKeywordsStringsNumbersComments) {
  std::string error;
  LineRuns r = highlight(Language::Python, "def f(x=1):\n    return \"s\"  # done\n", &error);
  EXPECT_TRUE(error.empty()) << error;
  EXPECT_EQ(kind_at(r, 0, 0), TokenKind::Keyword);   // def
  EXPECT_EQ(kind_at(r, 0, 4), TokenKind::Function);  // f
  EXPECT_EQ(kind_at(r, 0, 8), TokenKind::Number);    // 1
  EXPECT_EQ(kind_at(r, 1, 4), TokenKind::Keyword);   // return
  EXPECT_EQ(kind_at(r, 1, 11), TokenKind::String);
  EXPECT_EQ(kind_at(r, 1, 16), TokenKind::Comment);
}

TEST(Highlight, PythonMatchPredicatesAreEvaluated) {
  // `(identifier) @variable` comes first; the #match? patterns after it win when they hold.
  LineRuns r = highlight(Language::Python, "x = Foo + BAR_2 + len(y)\n");
  EXPECT_EQ(kind_at(r, 0, 0), TokenKind::Plain);      // variable: default color
  EXPECT_EQ(kind_at(r, 0, 4), TokenKind::Function);   // ^[A-Z] -> constructor
  EXPECT_EQ(kind_at(r, 0, 10), TokenKind::Function);  // "BAR_2": constructor holds, constant's regex fails
  LineRuns c = highlight(Language::Python, "X = ABC\n");
  EXPECT_EQ(kind_at(c, 0, 4), TokenKind::Constant);   // ALL CAPS -> constant
  EXPECT_EQ(kind_at(r, 0, 18), TokenKind::Function);  // builtin call
}

TEST(Highlight, CppUsesTheCppAndCQueries) {
  std::string error;
  LineRuns r = highlight(Language::Cpp,
                         "#include \"dataflow_api.h\"\n"
                         "void kernel_main() {\n"
                         "  uint32_t n = get_arg_val<uint32_t>(0);  // count\n"
                         "  cb_push_back(tt::CBIndex::c_0, 4);\n"
                         "}\n",
                         &error);
  EXPECT_TRUE(error.empty()) << error;
  EXPECT_EQ(kind_at(r, 0, 0), TokenKind::Keyword);   // #include (C query)
  EXPECT_EQ(kind_at(r, 0, 10), TokenKind::String);   // "dataflow_api.h"
  EXPECT_EQ(kind_at(r, 1, 0), TokenKind::Type);      // void
  EXPECT_EQ(kind_at(r, 1, 5), TokenKind::Function);  // kernel_main (C: function_declarator)
  EXPECT_EQ(kind_at(r, 2, 2), TokenKind::Type);      // uint32_t
  EXPECT_EQ(kind_at(r, 2, 15), TokenKind::Function); // get_arg_val (C++: template_function)
  EXPECT_EQ(kind_at(r, 2, 43), TokenKind::Comment);
  EXPECT_EQ(kind_at(r, 3, 2), TokenKind::Function);  // cb_push_back call
  EXPECT_EQ(kind_at(r, 3, 33), TokenKind::Number);
}

TEST(Highlight, CodeTextIndexesLinesAndSearches) {
  CodeText t("alpha\nBeta gamma\n\nalphabet\n", Language::Python);
  ASSERT_EQ(t.line_count(), 4u);
  EXPECT_EQ(t.line(1), "Beta gamma");
  EXPECT_EQ(t.line(2), "");
  EXPECT_EQ(t.max_line_columns(), 10u);
  EXPECT_EQ(t.find("ALPHA"), (std::vector<size_t>{0, 3}));
  EXPECT_TRUE(t.find("").empty());
}

TEST(FactoryParams, FindsTheGemmFactoryAndItsInstantiation) {
  std::ifstream in(std::string(TT_INSPECT_SOURCE_DIR) + "/assets/examples/example_gemm.py");
  std::stringstream s;
  s << in.rdbuf();
  std::vector<Factory> fs = find_factories(s.str());
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].name, "matmul");
  ASSERT_EQ(fs[0].params.size(), 8u);
  EXPECT_EQ(fs[0].params[0].name, "M");
  EXPECT_EQ(fs[0].params[0].effective(), "1024");
  EXPECT_EQ(fs[0].params[5].name, "block_K");
  EXPECT_EQ(fs[0].params[5].effective(), "32");
  EXPECT_EQ(fs[0].params[6].name, "dtype");
  EXPECT_EQ(fs[0].params[6].default_value, "\"float16\"");
  EXPECT_TRUE(fs[0].params[6].is_string);
  EXPECT_EQ(unquote_python_string(fs[0].params[7].effective()), "float");
  EXPECT_EQ(quote_python_string("bfloat16"), "\"bfloat16\"");
}

TEST(FactoryParams, EagerKernelsShowTheirTConstSymbolsNotTheirTensors) {
  auto fs = find_factories(
      "@tilelang.jit\ndef matmul(A, B, block_M, dtype=T.float16):\n    M, N, K = T.const(\"M, N, K\")\n"
      "    A: T.Tensor((M, K), dtype)\n    B: T.Tensor((K, N), dtype)\n    C = T.empty((M, N), dtype)\n"
      "    with T.Kernel(T.ceildiv(N, block_M)) as bx:\n        pass\n    return C\n"
      "k = matmul.compile(M=1024, N=512, K=256, block_M=128)\n");
  ASSERT_EQ(fs.size(), 1u);
  std::vector<std::string> names, values;
  for (const FactoryParam& p : fs[0].params) {
    names.push_back(p.name);
    values.push_back(p.effective());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"block_M", "dtype", "M", "N", "K"}));
  EXPECT_EQ(values, (std::vector<std::string>{"128", "T.float16", "1024", "512", "256"}));
}

TEST(FactoryParams, KeywordArgumentsAndNoFactory) {
  auto fs = find_factories(
      "def f(M, N=4):\n    @T.prim_func\n    def g(A: T.Tensor((M, N), 'float16')):\n        pass\n    return g\n"
      "k = f(N=8, M=2)\n");
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].params[0].effective(), "2");
  EXPECT_EQ(fs[0].params[1].effective(), "8");
  EXPECT_TRUE(find_factories("def plain(x):\n    return x\n").empty());
}

}  // namespace
}  // namespace tt::viewer
