# A GEMM epilogue that adds a column bias the kernel copies into a 1-D fragment itself (T.copy(row_bias[by * bm],
# bias_frag), then bias_frag[i]): the fragment is an on-chip column vector (tile_vectors.h) filled by the reader,
# row_bias is laid out as column 0 of its tiles, and the epilogue broadcasts it onto the DST accumulator.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def gemm_col_bias(M=128, N=128, K=64, bm=64, bn=64, bk=32):

    @T.prim_func
    def main(
            X: T.Tensor((M, K), "bfloat16"),
            W: T.Tensor((K, N), "bfloat16"),
            row_bias: T.Tensor((M,), "float32"),
            Y: T.Tensor((M, N), "bfloat16"),
    ):
        with T.Kernel(T.ceildiv(N, bn), T.ceildiv(M, bm)) as (bx, by):
            xs = T.alloc_shared((bm, bk), "bfloat16")
            ws = T.alloc_shared((bk, bn), "bfloat16")
            acc = T.alloc_fragment((bm, bn), "float32")
            bias_frag = T.alloc_fragment((bm,), "float32")
            T.copy(row_bias[by * bm], bias_frag)
            T.clear(acc)
            for ko in T.Pipelined(T.ceildiv(K, bk), num_stages=2):
                T.copy(X[by * bm, ko * bk], xs)
                T.copy(W[ko * bk, bx * bn], ws)
                T.gemm(xs, ws, acc)
            for i, j in T.Parallel(bm, bn):
                acc[i, j] = T.max(acc[i, j] * 0.5 + bias_frag[i], 0)
            T.copy(acc, Y[by * bm, bx * bn])

    return main
