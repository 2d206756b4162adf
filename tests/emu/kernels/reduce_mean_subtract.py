# Row centring: each row of a 64x128 block minus its mean. The row sum is a column vector (reduce_tile<REDUCE_ROW>),
# scaled in place by a vector map, then subtracted by sub_tiles_bcast_cols. bfloat16 input, float32 statistics.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def mean_subtract(M=128, N=256, block_M=64, block_N=128):

    @T.prim_func
    def main(
            A: T.Tensor((M, N), "bfloat16"),
            C: T.Tensor((M, N), "float32"),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M)) as (bx, by):
            a = T.alloc_shared((block_M, block_N), "bfloat16")
            c = T.alloc_fragment((block_M, block_N), "float32")
            mean = T.alloc_fragment((block_M,), "float32")
            T.copy(A[by * block_M, bx * block_N], a)
            T.reduce_sum(a, mean, dim=1)
            for i in T.Parallel(block_M):
                mean[i] = mean[i] / block_N
            for i, j in T.Parallel(block_M, block_N):
                c[i, j] = a[i, j] - mean[i]
            T.copy(c, C[by * block_M, bx * block_N])

    return main
