# A GEMM epilogue written independently of the bundled examples (classic syntax, other names, B
# transposed, two maps in sequence, a reversed subtraction and a division): out = sigmoid(1.5 - acc / 4)
# then abs, for float32 inputs and a float16 output. 96x64 blocks: 6 fp32 tiles exceed the 4-tile DST,
# so the accumulator is spilled in sub-blocks and the epilogue runs per sub-block on the last K step.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def nt_gemm_post(m=192, n=128, k=96, tile_m=96, tile_n=64, tile_k=32):

    @T.prim_func
    def kernel(
            lhs: T.Tensor((m, k), "float32"),
            rhs_t: T.Tensor((n, k), "float32"),
            out: T.Tensor((m, n), "float16"),
    ):
        with T.Kernel(T.ceildiv(n, tile_n), T.ceildiv(m, tile_m)) as (col_blk, row_blk):
            lhs_tile = T.alloc_shared((tile_m, tile_k), "float32")
            rhs_tile = T.alloc_shared((tile_n, tile_k), "float32")
            acc = T.alloc_fragment((tile_m, tile_n), "float32")
            T.clear(acc)
            for step in T.Pipelined(T.ceildiv(k, tile_k), num_stages=2):
                T.copy(lhs[row_blk * tile_m, step * tile_k], lhs_tile)
                T.copy(rhs_t[col_blk * tile_n, step * tile_k], rhs_tile)
                T.gemm(lhs_tile, rhs_tile, acc, transpose_B=True)
            for r, c in T.Parallel(tile_m, tile_n):
                acc[r, c] = T.sigmoid(1.5 - acc[r, c] / 4)
            for r, c in T.Parallel(tile_m, tile_n):
                acc[r, c] = T.abs(acc[r, c])
            T.copy(acc, out[row_blk * tile_m, col_blk * tile_n])

    return kernel
