# expect: 10:23: error: [unsupported] 'num_sms' (T.Kernel grid dimension 0) is only known when the program runs (it comes from 'torch.cuda.get_device_properties(0).multi_processor_count'): give it a value with -D num_sms=<value>
import tilelang
import tilelang.language as T


@tilelang.jit
def persistent(num_sms, M=1024):
    @T.prim_func
    def main(A: T.Tensor((M, M), "float16")):
        with T.Kernel(num_sms) as bx:
            T.clear(A)
    return main


def main():
    import torch
    persistent(torch.cuda.get_device_properties(0).multi_processor_count)
