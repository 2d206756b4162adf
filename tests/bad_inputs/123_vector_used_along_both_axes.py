# expect: 18:37: error: [unsupported] vector 's' is used as a row vector here (read as s[j], the column index of c) but as a column vector elsewhere: its values lie in column 0 of its tiles, where a row vector use does not read them
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def transposed_use(M=64, N=64, block=64):

    @T.prim_func
    def main(A: T.Tensor((M, N), "float32"), C: T.Tensor((M, N), "float32")):
        with T.Kernel(1) as bx:
            a = T.alloc_shared((block, block), "float32")
            c = T.alloc_fragment((block, block), "float32")
            s = T.alloc_fragment((block,), "float32")
            T.copy(A[0, 0], a)
            T.reduce_sum(a, s, dim=1)
            for i, j in T.Parallel(block, block):
                c[i, j] = a[i, j] - s[j]
            T.copy(c, C[0, 0])

    return main
