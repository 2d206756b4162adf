# Element-wise, classic syntax: a clamped, scaled residual add with a dtype change. bfloat16 inputs; A is widened by
# an on-chip shared -> fragment copy, B by T.cast; C = min(max(A + alpha * B, lo), hi) in float32.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def clamp_residual(M=128, N=256, block_M=64, block_N=64, alpha=0.75, lo=-1.5, hi=1.25, in_dtype="bfloat16",
                   accum_dtype="float32"):

    @T.prim_func
    def main(
            A: T.Tensor((M, N), in_dtype),
            B: T.Tensor((M, N), in_dtype),
            C: T.Tensor((M, N), accum_dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_N), in_dtype)
            B_shared = T.alloc_shared((block_M, block_N), in_dtype)
            A_local = T.alloc_fragment((block_M, block_N), accum_dtype)
            C_local = T.alloc_fragment((block_M, block_N), accum_dtype)

            T.copy(A[by * block_M, bx * block_N], A_shared)
            T.copy(B[by * block_M, bx * block_N], B_shared)
            T.copy(A_shared, A_local)
            for i, j in T.Parallel(block_M, block_N):
                C_local[i, j] = T.min(T.max(A_local[i, j] + alpha * T.cast(B_shared[i, j], accum_dtype), lo), hi)
            T.copy(C_local, C[by * block_M, bx * block_N])

    return main
