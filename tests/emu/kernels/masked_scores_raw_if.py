# Masked attention scores written with TVM script's raw TIR if, as the Tenstorrent fork's gated-delta-net examples
# write their masks: S = mask + Q @ K^T per (query block, key block), where the mask is 0 for key j <= query i and
# -8 above the diagonal (finite: no softmax follows). `with T.If(...): with T.Then(): ... with T.Else(): ...` inside
# T.Parallel is the IfNode of a Python if; lower_tile_ops makes it the select T.if_then_else(cond, 0, -8.0)
# (parallel_if_select.h), which tensorize lowers per 32x32 tile (tile_mask.h). -D python_if=True writes the same
# mask as a Python if/else: the same IR, the same generated program.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def masked_scores_raw_if(S=128, DK=128, block_S=64, block_DK=64, dtype="float16", accum_dtype="float",
                         python_if=False):

    @T.prim_func
    def main(
            Q: T.Tensor((S, DK), dtype),
            K: T.Tensor((S, DK), dtype),
            Out: T.Tensor((S, S), dtype),
    ):
        with T.Kernel(T.ceildiv(S, block_S), T.ceildiv(S, block_S), threads=128) as (bk, bq):
            Q_shared = T.alloc_shared((block_S, block_DK), dtype)
            K_shared = T.alloc_shared((block_S, block_DK), dtype)
            S_fragment = T.alloc_fragment((block_S, block_S), accum_dtype)
            for i_s1, i_s2 in T.Parallel(block_S, block_S):
                if python_if:
                    if bq * block_S + i_s1 >= bk * block_S + i_s2:
                        S_fragment[i_s1, i_s2] = 0
                    else:
                        S_fragment[i_s1, i_s2] = -8.0
                else:
                    with T.If(bq * block_S + i_s1 >= bk * block_S + i_s2):
                        with T.Then():
                            S_fragment[i_s1, i_s2] = 0
                        with T.Else():
                            S_fragment[i_s1, i_s2] = -8.0
            for i_k in T.Pipelined(T.ceildiv(DK, block_DK), num_stages=2):
                T.copy(Q[bq * block_S, i_k * block_DK], Q_shared)
                T.copy(K[bk * block_S, i_k * block_DK], K_shared)
                T.gemm(Q_shared, K_shared, S_fragment, transpose_B=True)
            T.copy(S_fragment, Out[bq * block_S, bk * block_S])

    return main
