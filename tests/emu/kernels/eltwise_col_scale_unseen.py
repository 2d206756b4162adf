# Element-wise, classic syntax, names of its own: out = inp * gain with one gain per row (a column vector,
# `gain[by * bm + r]`), bfloat16 in and out. The multiply is the FPU's mul_tiles_bcast_cols: the gain block's tile
# of each output tile's row, its column 0 broadcast across every column.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def row_gain(rows=192, cols=128, bm=64, bn=64):

    @T.prim_func
    def main(
            inp: T.Tensor((rows, cols), "bfloat16"),
            gain: T.Tensor((rows,), "bfloat16"),
            out: T.Tensor((rows, cols), "bfloat16"),
    ):
        with T.Kernel(T.ceildiv(cols, bn), T.ceildiv(rows, bm), threads=128) as (bx, by):
            tile_in = T.alloc_shared((bm, bn), "bfloat16")
            tile_out = T.alloc_fragment((bm, bn), "bfloat16")
            T.copy(inp[by * bm, bx * bn], tile_in)
            for r, c in T.Parallel(bm, bn):
                tile_out[r, c] = tile_in[r, c] * gain[by * bm + r]
            T.copy(tile_out, out[by * bm, bx * bn])

    return main
