# expect: 21:17: error: [frontend] 'with T.If(...)' has no 'with T.Then():' branch (TVM requires one; T.Else() is optional)
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def gated_mask(S, block_S=64, dtype="float32"):

    @T.prim_func
    def kernel(
            G: T.Tensor((S, S), dtype),
            A: T.Tensor((S, S), dtype),
            O: T.Tensor((S, S), dtype),
    ):
        with T.Kernel(T.ceildiv(S, block_S), T.ceildiv(S, block_S), threads=128) as (bx, by):
            G_fragment = T.alloc_fragment((block_S, block_S), dtype)
            A_fragment = T.alloc_fragment((block_S, block_S), dtype)
            T.copy(G[by * block_S, bx * block_S], G_fragment)
            T.copy(A[by * block_S, bx * block_S], A_fragment)
            for i_s1, i_s2 in T.Parallel(block_S, block_S):
                with T.If(i_s1 < i_s2):  # noqa: SIM117
                    pass
            T.copy(A_fragment, O[by * block_S, bx * block_S])

    return kernel


def main():
    kernel = gated_mask(256)
