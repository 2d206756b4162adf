# One operand block read by gemms in two sibling loops (the WY-representation examples' A_shared, copied once per
# block, then U = A @ (V * beta) over the column blocks of V and W = A @ (K * beta) over those of K): per block of
# rows, Out1 = A @ B and Out2 = A @ C one column block per iteration of each loop. The reader pushes A_shared once
# per block: compute waits for it before the first loop and pops it after the second. -D reuse_accumulator=True
# accumulates both loops' products in acc1 (the linear attention examples reuse ds in their second loop): each
# clear_accum gemm starts a new accumulation, read in its own iteration.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-2, -1])
def shared_operand_two_loops(M=128, K=64, N1=128, N2=64, block_M=64, block_N=32, dtype="float16",
                             accum_dtype="float", reuse_accumulator=False):

    @T.prim_func
    def main(
            A: T.Tensor((M, K), dtype),
            B: T.Tensor((K, N1), dtype),
            C: T.Tensor((K, N2), dtype),
            Out1: T.Tensor((M, N1), dtype),
            Out2: T.Tensor((M, N2), dtype),
    ):
        with T.Kernel(T.ceildiv(M, block_M)) as bx:
            A_shared = T.alloc_shared((block_M, K), dtype)
            B_shared = T.alloc_shared((K, block_N), dtype)
            C_shared = T.alloc_shared((K, block_N), dtype)
            acc1 = T.alloc_fragment((block_M, block_N), accum_dtype)
            acc2 = T.alloc_fragment((block_M, block_N), accum_dtype)
            T.copy(A[bx * block_M, 0], A_shared)
            for j in T.Pipelined(T.ceildiv(N1, block_N), num_stages=2):
                T.copy(B[0, j * block_N], B_shared)
                T.gemm(A_shared, B_shared, acc1, clear_accum=True)
                T.copy(acc1, Out1[bx * block_M, j * block_N])
            for j in T.Pipelined(T.ceildiv(N2, block_N), num_stages=2):
                T.copy(C[0, j * block_N], C_shared)
                if reuse_accumulator:
                    T.gemm(A_shared, C_shared, acc1, clear_accum=True)
                    T.copy(acc1, Out2[bx * block_M, j * block_N])
                else:
                    T.gemm(A_shared, C_shared, acc2, clear_accum=True)
                    T.copy(acc2, Out2[bx * block_M, j * block_N])

    return main
