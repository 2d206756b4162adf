# Flash attention's gemm structure without the softmax: per block of rows, a loop over key/value
# blocks k computes S = A @ B_k^T (cleared every iteration, its whole K in one call), casts it to fp16
# and accumulates O += S_cast @ C_k across the loop; Out = (A @ B^T) @ C. A_shared is copied once per
# block and read by every iteration; O's partial sums go through its CB between the iterations, as
# another DST section (S's) runs inside the loop. -D masked=True initialises S with flash attention's
# non-causal mask instead of T.clear: T.if_then_else(k * block_N + j >= N, -T.infinity, 0) is 0 for
# every KV block k and column j when N is a multiple of block_N (the loop bounds decide the condition),
# so it lowers as the clear. -D rescaled=True halves O at the start of every KV iteration (flash attention's
# `acc_o[i, j] *= scores_scale[i]` with a constant): Out = sum_k 0.5^(n_k - k) (A @ B_k^T) @ C_k, the map running
# on O's DST tiles after their reload and before the second gemm accumulates. -D causal=True initialises S with a
# causal mask per tile (0 where key j <= query i, else -8: finite, as no softmax follows here), chosen at run time
# per 32x32 tile: 0 (the clear), the -8 fill, or the lower-triangular tile the reader wrote once.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def two_gemms_kv_loop(M=128, N=128, K=64, L=64, block_M=64, block_N=32, dtype="float16", accum_dtype="float",
                      masked=False, rescaled=False, causal=False):

    @T.prim_func
    def main(
            A: T.Tensor((M, K), dtype),
            B: T.Tensor((N, K), dtype),
            C: T.Tensor((N, L), dtype),
            Out: T.Tensor((M, L), dtype),
    ):
        with T.Kernel(T.ceildiv(M, block_M)) as bx:
            A_shared = T.alloc_shared((block_M, K), dtype)
            B_shared = T.alloc_shared((block_N, K), dtype)
            C_shared = T.alloc_shared((block_N, L), dtype)
            S = T.alloc_fragment((block_M, block_N), accum_dtype)
            S_cast = T.alloc_fragment((block_M, block_N), dtype)
            O = T.alloc_fragment((block_M, L), accum_dtype)
            T.copy(A[bx * block_M, 0], A_shared)
            T.clear(O)
            for k in T.Pipelined(T.ceildiv(N, block_N), num_stages=1):
                T.copy(B[k * block_N, 0], B_shared)
                if causal:
                    for i, j in T.Parallel(block_M, block_N):
                        S[i, j] = T.if_then_else(bx * block_M + i >= k * block_N + j, 0, -8.0)
                elif masked:
                    for i, j in T.Parallel(block_M, block_N):
                        S[i, j] = T.if_then_else(k * block_N + j >= N, -T.infinity(accum_dtype), 0)
                else:
                    T.clear(S)
                T.gemm(A_shared, B_shared, S, transpose_B=True)
                T.copy(S, S_cast)
                if rescaled:
                    for i, j in T.Parallel(block_M, L):
                        O[i, j] *= 0.5
                T.copy(C[k * block_N, 0], C_shared)
                T.gemm(S_cast, C_shared, O)
            T.copy(O, Out[bx * block_M, 0])

    return main
