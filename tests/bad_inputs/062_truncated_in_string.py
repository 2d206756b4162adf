# expect: 7:77: error: [frontend] unterminated string literal (detected at line 7)
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def matmul(M, N, K, block_M, block_N, block_K, dtype="float16", accum_dtype="flo