# Softmax over whole rows, written the textbook way (not online): max, exp(x - max) kept in a block that is read twice
# (by the sum and by the division), the sum, then a division by a vector (broadcast into DST, SFPU division).
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def row_softmax(M=128, N=128, block_M=32):

    @T.prim_func
    def main(
            X: T.Tensor((M, N), "float16"),
            Y: T.Tensor((M, N), "float16"),
    ):
        with T.Kernel(T.ceildiv(M, block_M)) as bx:
            x = T.alloc_shared((block_M, N), "float16")
            e = T.alloc_fragment((block_M, N), "float32")
            y = T.alloc_fragment((block_M, N), "float16")
            m = T.alloc_fragment((block_M,), "float32")
            s = T.alloc_fragment((block_M,), "float32")
            T.copy(X[bx * block_M, 0], x)
            T.reduce_max(x, m, dim=1)
            for i, j in T.Parallel(block_M, N):
                e[i, j] = T.exp(x[i, j] - m[i])
            T.reduce_sum(e, s, dim=1)
            for i, j in T.Parallel(block_M, N):
                y[i, j] = e[i, j] / s[i]
            T.copy(y, Y[bx * block_M, 0])

    return main
