# Element-wise, eager syntax, no gemm: Y = X + B with one B value per column (a row bias read inside T.Parallel,
# `B[bx * block_N + j]`), float32. The add is the FPU's add_tiles_bcast_rows: the bias block's tile of each output
# tile's column, its row 0 broadcast down every row.
import tilelang
import tilelang.language as T


@tilelang.jit
def add_row_bias(X, B, block_M: int = 32, block_N: int = 64):
    M, N = T.const("M, N")
    X: T.Tensor((M, N), T.float32)
    B: T.Tensor((N,), T.float32)
    Y = T.empty((M, N), T.float32)

    with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M)) as (bx, by):
        X_shared = T.alloc_shared((block_M, block_N), T.float32)
        Y_local = T.alloc_fragment((block_M, block_N), T.float32)
        T.copy(X[by * block_M, bx * block_N], X_shared)
        for i, j in T.Parallel(block_M, block_N):
            Y_local[i, j] = X_shared[i, j] + B[bx * block_N + j]
        T.copy(Y_local, Y[by * block_M, bx * block_N])

    return Y


add_row_bias_kernel = add_row_bias.compile(M=128, N=256)
