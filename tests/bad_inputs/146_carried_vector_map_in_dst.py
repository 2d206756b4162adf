# expect: 29:21: error: [unsupported] a map over accumulator C_local inside the loop that carries it reads a vector, but the accumulator stays in DST across that loop (no other gemm runs in it and it fits DST): broadcasting a vector onto it at every step is not lowered yet
# A GEMM whose accumulator (64 x 64 float32, 4 tiles: it fits DST and stays there across the K loop, as no other gemm
# runs in it) is scaled by a vector inside the K loop before each T.gemm. Flash attention's acc_o rescale lowers
# because acc_o goes through its CB between the steps; here the vector's pages would have to be waited for inside
# the one DST section that holds the accumulator across the loop.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def gemm_k_loop_row_scaled(M=128, N=128, K=256, block_M=64, block_N=64, block_K=32):

    @T.prim_func
    def main(
            A: T.Tensor((M, K), "float16"),
            B: T.Tensor((K, N), "float16"),
            S: T.Tensor((M,), "float32"),
            C: T.Tensor((M, N), "float16"),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M)) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_K), "float16")
            B_shared = T.alloc_shared((block_K, block_N), "float16")
            C_local = T.alloc_fragment((block_M, block_N), "float32")
            T.clear(C_local)
            for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=2):
                T.copy(A[by * block_M, k * block_K], A_shared)
                T.copy(B[k * block_K, bx * block_N], B_shared)
                for i, j in T.Parallel(block_M, block_N):
                    C_local[i, j] = C_local[i, j] * S[by * block_M + i]
                T.gemm(A_shared, B_shared, C_local)
            T.copy(C_local, C[by * block_M, bx * block_N])

    return main
