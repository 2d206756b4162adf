# Element-wise, classic syntax: a cast inside the expression. y = bf16(3 x) - 3 x in float32 is exactly the bfloat16
# rounding error of 3 x: typecast_tile<Float32, Float16_b> rounds the fp32 DST tile to nearest even in place, as the
# oracle's cast does.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def rounding_error(M=64, N=128, block_M=32, block_N=64):

    @T.prim_func
    def main(
            X: T.Tensor((M, N), "float32"),
            Y: T.Tensor((M, N), "float32"),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
            X_shared = T.alloc_shared((block_M, block_N), "float32")
            Y_local = T.alloc_fragment((block_M, block_N), "float32")
            T.copy(X[by * block_M, bx * block_N], X_shared)
            for i, j in T.Parallel(block_M, block_N):
                Y_local[i, j] = T.cast(X_shared[i, j] * 3.0, "bfloat16") - X_shared[i, j] * 3.0
            T.copy(Y_local, Y[by * block_M, bx * block_N])

    return main
