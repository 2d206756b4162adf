# Element-wise map C = erf(A): no SFPU op is lowered for erf, so this stays [unsupported].
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def eltwise_erf(M=128, N=128, block_M=64, block_N=64, dtype="float32"):

    @T.prim_func
    def main(
            A: T.Tensor((M, N), dtype),
            B: T.Tensor((M, N), dtype),
            C: T.Tensor((M, N), dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M)) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_N), dtype)
            C_local = T.alloc_fragment((block_M, block_N), dtype)
            T.copy(A[by * block_M, bx * block_N], A_shared)
            for i, j in T.Parallel(block_M, block_N):
                C_local[i, j] = T.erf(A_shared[i, j])
            T.copy(C_local, C[by * block_M, bx * block_N])

    return main
