# expect: 26:17: error: [unsupported] accumulator C (1x16 tiles) is read as a block after its T.gemm but one tile row of it does not fit the 8-tile DST; packing it in sub-blocks of part of a tile row for those readers is not lowered yet (use a block whose tile row is at most 8 tiles)
# A gemm whose accumulator (32 x 512 float32: 1 x 16 tiles, one tile row more than DST holds) is read as a block by a
# row reduction: it would have to be packed in sub-blocks of part of a tile row, which the readers cannot index yet.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def gemm_row_max_subtract(M=64, N=512, K=64, block_M=32, block_K=32):

    @T.prim_func
    def main(
            A: T.Tensor((M, K), "float16"),
            B: T.Tensor((K, N), "float16"),
            Y: T.Tensor((M, N), "float32"),
    ):
        with T.Kernel(T.ceildiv(M, block_M)) as bx:
            A_shared = T.alloc_shared((block_M, block_K), "float16")
            B_shared = T.alloc_shared((block_K, N), "float16")
            C = T.alloc_fragment((block_M, N), "float32")
            m = T.alloc_fragment((block_M,), "float32")
            T.clear(C)
            for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=2):
                T.copy(A[bx * block_M, k * block_K], A_shared)
                T.copy(B[k * block_K, 0], B_shared)
                T.gemm(A_shared, B_shared, C)
            T.reduce_max(C, m, dim=1)
            for i, j in T.Parallel(block_M, N):
                C[i, j] = C[i, j] - m[i]
            T.copy(C, Y[bx * block_M, 0])

    return main
