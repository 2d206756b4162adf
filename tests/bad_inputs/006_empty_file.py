# expect: 1:1: error: no TileLang kernel found: expected a function decorated with @T.prim_func
