# expect: 1:1: error: [frontend] no TileLang kernel found: expected a @T.prim_func, or a @tilelang.jit function whose body opens 'with T.Kernel(...)'
