# A cast inside a GEMM epilogue: out = relu(bf16(A @ B) * 2 + b[j]) in float32, the accumulator rounded to bfloat16
# on its DST tiles (typecast_tile<Float32, Float16_b>) before the scale and the row bias, as the oracle's cast does.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def rounded_gemm(M=128, N=128, K=64, bm=32, bn=64, bk=32):

    @T.prim_func
    def main(
            A: T.Tensor((M, K), "float16"),
            B: T.Tensor((K, N), "float16"),
            b: T.Tensor((N,), "float32"),
            out: T.Tensor((M, N), "float32"),
    ):
        with T.Kernel(T.ceildiv(N, bn), T.ceildiv(M, bm), threads=128) as (bx, by):
            a_s = T.alloc_shared((bm, bk), "float16")
            b_s = T.alloc_shared((bk, bn), "float16")
            acc = T.alloc_fragment((bm, bn), "float32")
            T.clear(acc)
            for k in T.Pipelined(T.ceildiv(K, bk), num_stages=2):
                T.copy(A[by * bm, k * bk], a_s)
                T.copy(B[k * bk, bx * bn], b_s)
                T.gemm(a_s, b_s, acc)
            for i, j in T.Parallel(bm, bn):
                acc[i, j] = T.max(T.cast(acc[i, j], "bfloat16") * 2.0 + b[bx * bn + j], 0)
            T.copy(acc, out[by * bm, bx * bn])

    return main
