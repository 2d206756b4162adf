// Reference GEMM reader (hand-written spec for codegen): for each output block assigned to this core, stream
// the A and B tiles of one K step per iteration from DRAM into CBs A_shared (c_0) and B_shared (c_1).
#include <cstdint>

#include "api/dataflow/dataflow_api.h"

void kernel_main() {
    // Runtime args: buffer addresses and this core's range of output blocks [block_start, block_start + count).
    const uint32_t a_addr = get_arg_val<uint32_t>(0);
    const uint32_t b_addr = get_arg_val<uint32_t>(1);
    const uint32_t block_start = get_arg_val<uint32_t>(2);
    const uint32_t block_count = get_arg_val<uint32_t>(3);

    // Compile-time args: GEMM shape in tiles and the block shape (block_M/32, block_N/32, block_K/32), then
    // the TensorAccessorArgs of A and B.
    constexpr uint32_t Kt = get_compile_time_arg_val(0);
    constexpr uint32_t Nt = get_compile_time_arg_val(1);
    constexpr uint32_t block_mt = get_compile_time_arg_val(2);
    constexpr uint32_t block_nt = get_compile_time_arg_val(3);
    constexpr uint32_t block_kt = get_compile_time_arg_val(4);

    constexpr uint32_t cb_a = tt::CBIndex::c_0;  // A_shared
    constexpr uint32_t cb_b = tt::CBIndex::c_1;  // B_shared
    constexpr uint32_t a_tiles = block_mt * block_kt;  // one K step of A: block_M x block_K
    constexpr uint32_t b_tiles = block_kt * block_nt;  // one K step of B: block_K x block_N
    constexpr uint32_t num_blocks_n = Nt / block_nt;
    constexpr uint32_t num_k_steps = Kt / block_kt;

    const uint32_t a_tile_bytes = get_tile_size(cb_a);
    const uint32_t b_tile_bytes = get_tile_size(cb_b);
    constexpr auto a_args = TensorAccessorArgs<5>();
    const auto a = TensorAccessor(a_args, a_addr);
    constexpr auto b_args = TensorAccessorArgs<a_args.next_compile_time_args_offset()>();
    const auto b = TensorAccessor(b_args, b_addr);

    for (uint32_t block = block_start; block < block_start + block_count; ++block) {
        // Output blocks are numbered row-major: bx (along N) varies fastest, as in T.Kernel(gx, gy).
        const uint32_t by = block / num_blocks_n;
        const uint32_t bx = block % num_blocks_n;
        for (uint32_t k = 0; k < num_k_steps; ++k) {
            // A[by * block_M : +block_M, k * block_K : +block_K], tiles row-major.
            cb_reserve_back(cb_a, a_tiles);
            uint32_t l1_addr = get_write_ptr(cb_a);
            for (uint32_t m = 0; m < block_mt; ++m) {
                for (uint32_t kk = 0; kk < block_kt; ++kk) {
                    noc_async_read_page((by * block_mt + m) * Kt + k * block_kt + kk, a, l1_addr);
                    l1_addr += a_tile_bytes;
                }
            }
            // B[k * block_K : +block_K, bx * block_N : +block_N], tiles row-major.
            cb_reserve_back(cb_b, b_tiles);
            l1_addr = get_write_ptr(cb_b);
            for (uint32_t kk = 0; kk < block_kt; ++kk) {
                for (uint32_t n = 0; n < block_nt; ++n) {
                    noc_async_read_page((k * block_kt + kk) * Nt + bx * block_nt + n, b, l1_addr);
                    l1_addr += b_tile_bytes;
                }
            }
            noc_async_read_barrier();
            cb_push_back(cb_a, a_tiles);
            cb_push_back(cb_b, b_tiles);
        }
    }
}
