# Classic syntax, names of its own: Y = relu(X @ W * 0.5 + shift) with one shift per output row (a column bias,
# `shift[by * bm + i]`), bfloat16 operands and shift, float32 accumulation, float16 output written straight from the
# accumulator. Each 32x64 block fits DST with the spare tile the broadcast needs (no spilling).
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def scaled_gemm_row_shift(M=256, N=192, K=96, bm=32, bn=64, bk=32):

    @T.prim_func
    def main(
            X: T.Tensor((M, K), "bfloat16"),
            W: T.Tensor((K, N), "bfloat16"),
            shift: T.Tensor((M,), "bfloat16"),
            Y: T.Tensor((M, N), "float16"),
    ):
        with T.Kernel(T.ceildiv(N, bn), T.ceildiv(M, bm), threads=128) as (bx, by):
            xs = T.alloc_shared((bm, bk), "bfloat16")
            ws = T.alloc_shared((bk, bn), "bfloat16")
            acc = T.alloc_fragment((bm, bn), "float32")
            T.clear(acc)
            for ko in T.Pipelined(T.ceildiv(K, bk), num_stages=2):
                T.copy(X[by * bm, ko * bk], xs)
                T.copy(W[ko * bk, bx * bn], ws)
                T.gemm(xs, ws, acc)
            for i, j in T.Parallel(bm, bn):
                acc[i, j] = T.max(acc[i, j] * 0.5 + shift[by * bm + i], 0)
            T.copy(acc, Y[by * bm, bx * bn])

    return main
