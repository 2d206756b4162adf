# A chunked linear-attention-like chain (the shape of the linear attention examples' forward loop, without the
# causal mask and the q @ h term): per (batch * head) and per chunk i of the sequence, S = q_i k_i^T (cleared every
# chunk), o_i = S v_i written per chunk, and the state h = sum_i k_i^T v_i accumulated across the loop in which the
# other two gemms run. K^T comes from its own tensor KT (matmul_tiles transposes only B). v_i is read by two gemms
# of the same iteration (streamed once, popped by the last reader); h's partial sums go through its CB between the
# chunks, as do those of O_total = sum_i S_i v_i: two accumulators carried by the loop, besides S and o.
# -D clear_accum=True clears S and o with T.gemm(..., clear_accum=True) inside the chunk loop, as the examples do,
# instead of T.clear: the same kernel.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-3, -2, -1])
def linear_attention_chain(BH=2, S=256, DK=64, DV=64, chunk=64, dtype="float16", accum_dtype="float",
                           clear_accum=False):
    NT = S // chunk

    @T.prim_func
    def main(
            Q: T.Tensor((BH, S, DK), dtype),
            K: T.Tensor((BH, S, DK), dtype),
            KT: T.Tensor((BH, DK, S), dtype),
            V: T.Tensor((BH, S, DV), dtype),
            O: T.Tensor((BH, S, DV), dtype),
            final_state: T.Tensor((BH, DK, DV), accum_dtype),
            O_total: T.Tensor((BH, chunk, DV), accum_dtype),
    ):
        with T.Kernel(BH) as bh:
            q = T.alloc_shared((chunk, DK), dtype)
            k = T.alloc_shared((chunk, DK), dtype)
            kt = T.alloc_shared((DK, chunk), dtype)
            v = T.alloc_shared((chunk, DV), dtype)
            s = T.alloc_fragment((chunk, chunk), accum_dtype)
            s_cast = T.alloc_shared((chunk, chunk), dtype)
            o = T.alloc_fragment((chunk, DV), accum_dtype)
            h = T.alloc_fragment((DK, DV), accum_dtype)
            total = T.alloc_fragment((chunk, DV), accum_dtype)
            T.clear(h)
            T.clear(total)
            for i in T.Pipelined(NT, num_stages=1):
                T.copy(Q[bh, i * chunk:(i + 1) * chunk, :], q)
                T.copy(K[bh, i * chunk:(i + 1) * chunk, :], k)
                T.copy(KT[bh, :, i * chunk:(i + 1) * chunk], kt)
                T.copy(V[bh, i * chunk:(i + 1) * chunk, :], v)
                if not clear_accum:
                    T.clear(s)
                T.gemm(q, k, s, transpose_B=True, clear_accum=clear_accum)
                T.copy(s, s_cast)
                if not clear_accum:
                    T.clear(o)
                T.gemm(s_cast, v, o, clear_accum=clear_accum)
                T.copy(o, O[bh, i * chunk:(i + 1) * chunk, :])
                T.gemm(s_cast, v, total)
                T.gemm(kt, v, h)
            T.copy(h, final_state[bh, :, :])
            T.copy(total, O_total[bh, :, :])

    return main
