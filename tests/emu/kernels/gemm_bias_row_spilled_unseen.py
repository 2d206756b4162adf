# Eager syntax, names of its own: out = relu(offset - (p @ q) / 4) with one offset per output column (a row bias on
# the left of a subtraction), float16 operands, float32 accumulation and offset, float32 output. A 64x128 block is 8
# fp32 tiles, which with the spare DST tile the broadcast needs exceeds DST: the accumulator is spilled in
# sub-blocks and the epilogue runs on each sub-block after its last K step.
import tilelang
import tilelang.language as T


@tilelang.jit
def shifted_product(p, q, offset, bm: int = 64, bn: int = 128, bk: int = 32):
    R, S, D = T.const("R, S, D")
    p: T.Tensor((R, D), T.float16)
    q: T.Tensor((D, S), T.float16)
    offset: T.Tensor((S,), T.float32)
    out = T.empty((R, S), T.float32)

    with T.Kernel(T.ceildiv(S, bn), T.ceildiv(R, bm)) as (col_block, row_block):
        p_tile = T.alloc_shared((bm, bk), T.float16)
        q_tile = T.alloc_shared((bk, bn), T.float16)
        total = T.alloc_fragment((bm, bn), T.float32)
        T.clear(total)
        for step in T.Pipelined(T.ceildiv(D, bk), num_stages=2):
            T.copy(p[row_block * bm, step * bk], p_tile)
            T.copy(q[step * bk, col_block * bn], q_tile)
            T.gemm(p_tile, q_tile, total)
        for r, c in T.Parallel(bm, bn):
            total[r, c] = T.max(offset[col_block * bn + c] - total[r, c] / 4, 0)
        T.copy(total, out[row_block * bm, col_block * bn])

    return out


shifted = shifted_product.compile(R=192, S=256, D=128)
