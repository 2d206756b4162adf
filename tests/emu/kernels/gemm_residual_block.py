# C = A @ B + D: the gemm's accumulator plus another block (a residual), formerly rejected as an epilogue reading a
# second operand; the accumulator is packed to its CB and the map adds the two blocks tile by tile.
import tilelang
import tilelang.language as T


@tilelang.jit
def matmul_residual(A, B, D, block_M: int = 64, block_N: int = 64, block_K: int = 32):
    M, N, K = T.const("M, N, K")
    A: T.Tensor((M, K), T.float16)
    B: T.Tensor((K, N), T.float16)
    D: T.Tensor((M, N), T.float32)
    C = T.empty((M, N), T.float16)
    with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M)) as (bx, by):
        A_s = T.alloc_shared((block_M, block_K), T.float16)
        B_s = T.alloc_shared((block_K, block_N), T.float16)
        C_l = T.alloc_fragment((block_M, block_N), T.float32)
        D_s = T.alloc_shared((block_M, block_N), T.float32)
        T.copy(D[by * block_M, bx * block_N], D_s)
        T.clear(C_l)
        for ko in T.Pipelined(T.ceildiv(K, block_K), num_stages=2):
            T.copy(A[by * block_M, ko * block_K], A_s)
            T.copy(B[ko * block_K, bx * block_N], B_s)
            T.gemm(A_s, B_s, C_l)
        for i, j in T.Parallel(block_M, block_N):
            C_l[i, j] = C_l[i, j] + D_s[i, j]
        T.copy(C_l, C[by * block_M, bx * block_N])
    return C


matmul_residual.compile(M=128, N=128, K=64)
