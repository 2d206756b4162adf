# expect: 9:19: error: [unsupported] T.dynamic size 'M' of 'scale' is only known when the program runs: give it a value with -D M=<value>
import tilelang
import tilelang.language as T


@tilelang.jit
def scale(A, B, block_M):
    N = T.const("N")
    M = T.dynamic("M")
    A: T.Tensor((M, N), T.float16)
    B = T.empty((M, N), T.float16)
    with T.Kernel(T.ceildiv(N, block_M), T.ceildiv(M, block_M), threads=128) as (bx, by):
        A_s = T.alloc_shared((block_M, block_M), T.float16)
        T.copy(A[by * block_M, bx * block_M], A_s)
        T.copy(A_s, B[by * block_M, bx * block_M])
    return B


scale.compile(N=128, block_M=32)
