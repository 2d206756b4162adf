# expect: 7:5: error: [frontend] unterminated triple-quoted string literal (detected at line 12)
import tilelang
import tilelang.language as T


def matmul(M, N, K):
    """A GEMM factory whose docstring is never closed.

    @T.prim_func
    def gemm(A: T.Tensor((M, K), "float16")):
        pass
    return gemm
