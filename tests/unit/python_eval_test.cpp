// The definition-time evaluator against Python's own semantics: floor division and modulo signs,
// true division, powers, T.ceildiv, min/max, sequences, strings, comparisons, and its errors.
#include <gtest/gtest.h>

#include "compiler/frontend/evaluator.h"
#include "compiler/frontend/frontend_error.h"

namespace tt::frontend {
namespace {

// Evaluates `expr` as the right-hand side of `x = expr`; returns repr() or "error: message".
std::string eval(const std::string& expr) {
  SourceFile source("e.py", "x = " + expr + "\n");
  DiagnosticList diags;
  std::unique_ptr<ParsedFile> file = ParsedFile::parse(source, diags);
  if (!file) return "parse failed";
  Node stmt = file->root().children()[0];
  Node rhs = stmt.children()[0].field("right");
  Evaluator ev(*file);
  try {
    Scope* scope = ev.new_scope(ev.builtins());
    for (const char* module : {"math", "itertools", "torch", "tvm"}) scope->set(module, Value::name_path(module));
    return repr(ev.eval(rhs, scope));
  } catch (const FrontendError& e) {
    return "error: " + e.diagnostic.message;
  }
}

TEST(PythonEval, IntegerArithmeticFollowsPython) {
  EXPECT_EQ(eval("-7 // 2"), "-4");
  EXPECT_EQ(eval("-7 % 2"), "1");
  EXPECT_EQ(eval("7 % -2"), "-1");
  EXPECT_EQ(eval("7 / 2"), "3.5");
  EXPECT_EQ(eval("8 / 2"), "4.0");
  EXPECT_EQ(eval("2 ** 10"), "1024");
  EXPECT_EQ(eval("2 ** -1"), "0.5");
  EXPECT_EQ(eval("-2 ** 2"), "-4");
  EXPECT_EQ(eval("(1 + 2) * 3 - 4"), "5");
  EXPECT_EQ(eval("True + 1"), "2");
  EXPECT_EQ(eval("0x10 + 0o10 + 0b11 + 1_000"), "1027");
  EXPECT_EQ(eval("1 << 10 | 3"), "1027");
}

TEST(PythonEval, FloatArithmeticFollowsPython) {
  EXPECT_EQ(eval("7.5 // 2"), "3.0");
  EXPECT_EQ(eval("-7.5 % 2"), "0.5");
  EXPECT_EQ(eval("1e3 + 0.5"), "1000.5");
  EXPECT_EQ(eval("1 / 4"), "0.25");
}

TEST(PythonEval, BuiltinsAndTileLangHelpers) {
  EXPECT_EQ(eval("T.ceildiv(1000, 128)"), "8");
  EXPECT_EQ(eval("T.ceildiv(1024, 128)"), "8");
  EXPECT_EQ(eval("T.ceildiv(-7, 2)"), "-3");
  EXPECT_EQ(eval("min(3, 1, 2)"), "1");
  EXPECT_EQ(eval("max((4, 9, 2))"), "9");
  EXPECT_EQ(eval("T.max(4, 5)"), "5");
  EXPECT_EQ(eval("int(7.9)"), "7");
  EXPECT_EQ(eval("float(3)"), "3.0");
  EXPECT_EQ(eval("abs(-5)"), "5");
  EXPECT_EQ(eval("len((1, 2, 3))"), "3");
  EXPECT_EQ(eval("T.float16"), "'float16'");
  EXPECT_EQ(eval("T.float32(1)"), "1.0");
  EXPECT_EQ(eval("T.dtype(T.bfloat16)"), "'bfloat16'");
  EXPECT_EQ(eval("T.dtype('float32')"), "'float32'");
  EXPECT_EQ(eval("T.dtype(torch.randn(2, dtype=torch.float16).dtype)"), "'float16'");
  EXPECT_EQ(eval("T.dtype(torch.cuda.current_stream())"), "T.dtype(torch.cuda.current_stream())");  // run time
  EXPECT_EQ(eval("T.dtype(3)"), "error: T.dtype() expects a dtype or its name, got int 3");
  // A membership test of a run-time value is known only when the program runs (an assert on it is not checked).
  EXPECT_EQ(eval("torch.cuda.device_count() in (1, 2)"), "torch.cuda.device_count()");
}

TEST(PythonEval, SequencesStringsAndComparisons) {
  EXPECT_EQ(eval("(1, 2) + (3,)"), "(1, 2, 3)");
  EXPECT_EQ(eval("[1] * 3"), "[1, 1, 1]");
  EXPECT_EQ(eval("(10, 20, 30)[-1]"), "30");
  EXPECT_EQ(eval("'fl' 'oat' + '16'"), "'float16'");
  EXPECT_EQ(eval("'a\\tb'"), "'a\tb'");
  EXPECT_EQ(eval("r'a\\tb'"), "'a\\tb'");
  EXPECT_EQ(eval("1 < 2 < 3"), "True");
  EXPECT_EQ(eval("1 < 3 < 2"), "False");
  EXPECT_EQ(eval("2 in (1, 2)"), "True");
  EXPECT_EQ(eval("'x' not in 'abc'"), "True");
  EXPECT_EQ(eval("None is None"), "True");
  EXPECT_EQ(eval("1 if 2 > 1 else 0"), "1");
  EXPECT_EQ(eval("0 or 'default'"), "'default'");
  EXPECT_EQ(eval("not 0"), "True");
  EXPECT_EQ(eval("T.float16 == 'float16'"), "True");
}

TEST(PythonEval, ErrorsAreLocatedMessages) {
  EXPECT_EQ(eval("1 // 0"), "error: integer division or modulo by zero");
  EXPECT_EQ(eval("1 % 0"), "error: integer division or modulo by zero");
  EXPECT_EQ(eval("1 / 0"), "error: division by zero");
  EXPECT_EQ(eval("T.ceildiv(7, 0)"), "error: integer division or modulo by zero");
  EXPECT_EQ(eval("2 ** 64"),
            "error: integer overflow: the result of this definition-time arithmetic does not fit in 64 bits");
  EXPECT_EQ(eval("99999999999999999999"), "error: integer literal is too large (more than 64 bits)");
  EXPECT_EQ(eval("foo + 1"), "error: name 'foo' is not defined");
  EXPECT_EQ(eval("'a' + 1"), "error: unsupported operand types for +: 'str' and 'int'");
  EXPECT_EQ(eval("T.atomic_add(1)"),
            "error: T.atomic_add is a GPU-only intrinsic (atomics): it has no Tenstorrent lowering");
  EXPECT_EQ(eval("T.reduce_sum(1)"), "error: 'T.reduce_sum' can only be used as a statement inside a @T.prim_func");
  EXPECT_EQ(eval("T.atomicc_add(1)"), "error: unsupported TileLang construct 'T.atomicc_add'");
  EXPECT_EQ(eval("(1, 2)[5]"), "error: tuple index out of range");
  EXPECT_EQ(eval("3(4)"), "error: 'int' object is not callable");
}

TEST(PythonEval, CollectionsAndComprehensions) {
  EXPECT_EQ(eval("{'a': 1, 'b': 2}['b']"), "2");
  EXPECT_EQ(eval("{**{'a': 1}, 'a': 3}"), "{'a': 3}");
  EXPECT_EQ(eval("{1, 2, 2, 3}"), "{1, 2, 3}");
  EXPECT_EQ(eval("[i * i for i in range(5) if i % 2]"), "[1, 9]");
  EXPECT_EQ(eval("[(a, b) for a in (1, 2) for b in 'xy']"), "[(1, 'x'), (1, 'y'), (2, 'x'), (2, 'y')]");
  EXPECT_EQ(eval("{k: v * 2 for k, v in {'m': 4}.items()}"), "{'m': 8}");
  EXPECT_EQ(eval("sum(x for x in range(4))"), "6");
  EXPECT_EQ(eval("(*[1, 2], 3)"), "(1, 2, 3)");
  EXPECT_EQ(eval("(*torch.empty(2, 3).shape, 4)"), "(2, 3, 4)");  // parsed as attribute(list_splat(...))
  EXPECT_EQ(eval("[1, 2, 3, 4][1:3]"), "[2, 3]");
  EXPECT_EQ(eval("(1, 2, 3)[::-1]"), "(3, 2, 1)");
  EXPECT_EQ(eval("'float16'[5:]"), "'16'");
  EXPECT_EQ(eval("3 in {3: 'x'}"), "True");
}

TEST(PythonEval, Builtins) {
  EXPECT_EQ(eval("tuple([1, 2])"), "(1, 2)");
  EXPECT_EQ(eval("list(range(2, 8, 3))"), "[2, 5]");
  EXPECT_EQ(eval("dict(a=1, b=2)"), "{'a': 1, 'b': 2}");
  EXPECT_EQ(eval("sorted([3, 1, 2], reverse=True)"), "[3, 2, 1]");
  EXPECT_EQ(eval("list(zip([1, 2], 'ab'))"), "[(1, 'a'), (2, 'b')]");
  EXPECT_EQ(eval("list(enumerate('ab'))"), "[(0, 'a'), (1, 'b')]");
  EXPECT_EQ(eval("any([0, 1]), all([0, 1])"), "(True, False)");
  EXPECT_EQ(eval("round(2.6), divmod(7, 2), pow(2, 5)"), "(3, (3, 1), 32)");
  EXPECT_EQ(eval("isinstance(3, int), isinstance('x', (int, float))"), "(True, False)");
  EXPECT_EQ(eval("str(12) + 'x'"), "'12x'");
  EXPECT_EQ(eval("(255).bit_length()"), "8");
}

TEST(PythonEval, StringsAndFunctions) {
  EXPECT_EQ(eval("'a,b'.split(',')"), "['a', 'b']");
  EXPECT_EQ(eval("'-'.join(['x', 'y']).upper()"), "'X-Y'");
  EXPECT_EQ(eval("'float16'.startswith('float'), 'x8'.replace('8', '16')"), "(True, 'x16')");
  // f-strings: fields evaluated (str, !r, format specs messages use); {{ }} halved; a field the evaluator cannot
  // compute stays as written; run-time values show where they come from.
  EXPECT_EQ(eval("f'{1 + 1} ms'"), "'2 ms'");
  EXPECT_EQ(eval("f'{\"a\"} {{x}} {7:>4}|{3.14159:.2f}|{255:x}|{2.5:e}'"), "'a {x}    7|3.14|ff|2.500000e+00'");
  EXPECT_EQ(eval("len(f'{\"a\"!r}'), f'{12!r}'"), "(3, '12')");
  EXPECT_EQ(eval("rf'\\t{1}' + f'\\t{2}'"), "'\\t1\t2'");
  EXPECT_EQ(eval("f'{undefined_name} left'"), "'{undefined_name} left'");
  EXPECT_EQ(eval("f'{torch.cuda.device_count()} devices'"), "'torch.cuda.device_count() devices'");
  EXPECT_EQ(eval("(lambda x, y=2: x * y)(21)"), "42");
  EXPECT_EQ(eval("(lambda *a, **k: (a, k))(1, 2, z=3)"), "((1, 2), {'z': 3})");
}

TEST(PythonEval, LibraryModels) {
  EXPECT_EQ(eval("math.ceil(7 / 2), math.log2(1024)"), "(4, 10.0)");
  EXPECT_EQ(eval("list(itertools.product([1, 2], [3]))"), "[(1, 3), (2, 3)]");
  EXPECT_EQ(eval("torch.randn(4, 8, dtype=torch.float16).cuda().shape"), "(4, 8)");
  EXPECT_EQ(eval("torch.empty((2, 3)).half().t()"), "Tensor(shape=(3, 2), dtype=float16)");
  EXPECT_EQ(eval("torch.zeros(2, 6).view(-1, 3).size(0)"), "4");
  EXPECT_EQ(eval("torch.cuda.device_count() * 2"), "torch.cuda.device_count()");  // a run-time value
  EXPECT_EQ(eval("tvm.IRModule({'main': 7})"), "7");
}

}  // namespace
}  // namespace tt::frontend
