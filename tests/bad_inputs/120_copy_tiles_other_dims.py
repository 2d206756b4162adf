# expect: 22:24: error: [unsupported] T.copy region of 'X' moves a block along dims [2, 3], but 'X' is laid out in DRAM as tiles over dims [1, 3]: one buffer's copies must all tile the same two dimensions
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def two_layouts(batch=1, seq_len=64, heads=32, dim=32, dtype="float16"):

    @T.prim_func
    def main(
            X: T.Tensor([batch, seq_len, heads, dim], dtype),
            Y: T.Tensor([batch, seq_len, heads, heads], dtype),
    ):
        with T.Kernel(2, heads, batch) as (bx, by, bz):
            by_seq = T.alloc_shared([32, 32], dtype)
            by_head = T.alloc_shared([heads, 32], dtype)
            out = T.alloc_fragment([32, heads], "float")
            T.clear(out)
            for k in T.Pipelined(dim // 32, num_stages=1):
                T.copy(X[bz, bx * 32:(bx + 1) * 32, by, k * 32:(k + 1) * 32], by_seq)
                # The same tensor read as (heads, dim) blocks: a second DRAM layout, which one buffer cannot have.
                T.copy(X[bz, bx, 0:heads, k * 32:(k + 1) * 32], by_head)
                T.gemm(by_seq, by_head, out, transpose_B=True)
            T.copy(out, Y[bz, bx * 32:(bx + 1) * 32, by, :])

    return main
