# expect: 16:9: error: [unsupported] T.reduce_sum is not lowered for Tenstorrent: only a reduction of a 2-D block into a 1-D vector is ([32, 32] -> [32, 1])
import tilelang
import tilelang.language as T


@tilelang.jit
def scale(A, B, block_M):
    M, N = T.const("M, N")
    A: T.Tensor((M, N), T.float16)
    B = T.empty((M, N), T.float16)
    with T.Kernel(T.ceildiv(N, block_M), T.ceildiv(M, block_M), threads=128) as (bx, by):
        A_s = T.alloc_shared((block_M, block_M), T.float16)
        T.copy(A[by * block_M, bx * block_M], A_s)
        T.copy(A_s, B[by * block_M, bx * block_M])
        S = T.alloc_fragment((block_M, 1), T.float32)
        T.reduce_sum(A_s, S, dim=1)
    return B


scale.compile(M=64, N=128, block_M=32)
