# Element-wise map C = tanh(A - B): the FPU subtracts, the SFPU's tanh_tile runs on the result in DST. Run against the
# oracle at the default rtol = atol = 1e-2 like its neighbours (measured: 4.6e-4 abs, from the TF32 operands of the
# FPU subtraction; tanh's slope is at most 1).
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def eltwise_tanh(M=128, N=128, block_M=64, block_N=64, dtype="float32"):

    @T.prim_func
    def main(
            A: T.Tensor((M, N), dtype),
            B: T.Tensor((M, N), dtype),
            C: T.Tensor((M, N), dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M)) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_N), dtype)
            B_shared = T.alloc_shared((block_M, block_N), dtype)
            C_local = T.alloc_fragment((block_M, block_N), dtype)
            T.copy(A[by * block_M, bx * block_N], A_shared)
            T.copy(B[by * block_M, bx * block_N], B_shared)
            for i, j in T.Parallel(block_M, block_N):
                C_local[i, j] = T.tanh(A_shared[i, j] - B_shared[i, j])
            T.copy(C_local, C[by * block_M, bx * block_N])

    return main
