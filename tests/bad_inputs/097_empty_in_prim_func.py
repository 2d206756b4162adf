# expect: 10:13: error: [frontend] 'T.empty' declares an output of a @tilelang.jit kernel; in a @T.prim_func outputs are T.Tensor parameters
import tilelang
import tilelang.language as T


@tilelang.jit
def copy(M, N):
    @T.prim_func
    def main(A: T.Tensor((M, N), "float16")):
        B = T.empty((M, N), "float16")
        with T.Kernel(1) as bx:
            T.clear(A)
    return main


copy(64, 64)
