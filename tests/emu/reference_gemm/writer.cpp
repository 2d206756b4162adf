// Reference GEMM writer (hand-written spec for codegen): for each output block assigned to this core, take
// the finished sub-blocks from C_out (c_16) in the order compute packs them and write their tiles to C.
#include <cstdint>

#include "api/dataflow/dataflow_api.h"

void kernel_main() {
    const uint32_t c_addr = get_arg_val<uint32_t>(0);
    const uint32_t block_start = get_arg_val<uint32_t>(1);
    const uint32_t block_count = get_arg_val<uint32_t>(2);

    constexpr uint32_t Nt = get_compile_time_arg_val(0);
    constexpr uint32_t block_mt = get_compile_time_arg_val(1);
    constexpr uint32_t block_nt = get_compile_time_arg_val(2);
    constexpr uint32_t subblock_mt = get_compile_time_arg_val(3);
    constexpr uint32_t subblock_nt = get_compile_time_arg_val(4);

    constexpr uint32_t cb_out = tt::CBIndex::c_16;  // C_out
    constexpr uint32_t subblock_tiles = subblock_mt * subblock_nt;
    constexpr uint32_t num_subblocks_m = block_mt / subblock_mt;
    constexpr uint32_t num_subblocks_n = block_nt / subblock_nt;
    constexpr uint32_t num_blocks_n = Nt / block_nt;

    const uint32_t tile_bytes = get_tile_size(cb_out);
    constexpr auto c_args = TensorAccessorArgs<5>();  // after the five shape arguments
    const auto c = TensorAccessor(c_args, c_addr);

    for (uint32_t block = block_start; block < block_start + block_count; ++block) {
        const uint32_t by = block / num_blocks_n;
        const uint32_t bx = block % num_blocks_n;
        for (uint32_t sm = 0; sm < num_subblocks_m; ++sm) {
            for (uint32_t sn = 0; sn < num_subblocks_n; ++sn) {
                cb_wait_front(cb_out, subblock_tiles);
                uint32_t l1_addr = get_read_ptr(cb_out);
                for (uint32_t m = 0; m < subblock_mt; ++m) {
                    for (uint32_t n = 0; n < subblock_nt; ++n) {
                        const uint32_t row = by * block_mt + sm * subblock_mt + m;
                        const uint32_t col = bx * block_nt + sn * subblock_nt + n;
                        noc_async_write_page(row * Nt + col, c, l1_addr);
                        l1_addr += tile_bytes;
                    }
                }
                noc_async_write_barrier();
                cb_pop_front(cb_out, subblock_tiles);
            }
        }
    }
}
