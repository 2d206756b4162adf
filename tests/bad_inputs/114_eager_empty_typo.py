# expect: 10:9: error: [frontend] unsupported TileLang construct 'T.emtpy'; did you mean 'T.empty'?
import tilelang
import tilelang.language as T


@tilelang.jit
def scale(A, B, block_M):
    M, N = T.const("M, N")
    A: T.Tensor((M, N), T.float16)
    B = T.emtpy((M, N), T.float16)
    with T.Kernel(T.ceildiv(N, block_M), T.ceildiv(M, block_M), threads=128) as (bx, by):
        A_s = T.alloc_shared((block_M, block_M), T.float16)
        T.copy(A[by * block_M, bx * block_M], A_s)
        T.copy(A_s, B[by * block_M, bx * block_M])
    return B


scale.compile(M=64, N=128, block_M=32)
