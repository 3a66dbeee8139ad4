/* The host floating-point operations the PowerPC FPU's fast paths use:
 * a fused multiply-add (and square root) in hardware. On x86-64 the code
 * using them is compiled for FMA (FAST_ATTR) and runs only when the CPU
 * has it (HOST_HAS_FMA). FPU_FAST_PATH is 0 where no such host exists. */
#ifndef CLARUS_PPC_FPU_HOST_H
#define CLARUS_PPC_FPU_HOST_H

#include <float.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define FPU_FAST_PATH  1
#define FAST_ATTR      __attribute__((target("fma")))
#define HOST_HAS_FMA() __builtin_cpu_supports("fma")
FAST_ATTR static inline double host_fma(double a, double b, double c)
{
    return _mm_cvtsd_f64(_mm_fmadd_sd(_mm_set_sd(a), _mm_set_sd(b), _mm_set_sd(c)));
}
FAST_ATTR static inline double host_sqrt(double a)
{
    return _mm_cvtsd_f64(_mm_sqrt_sd(_mm_setzero_pd(), _mm_set_sd(a)));
}
#define HOST_HAS_SQRT 1
#elif defined(__FP_FAST_FMA) && defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
#define FPU_FAST_PATH 1
#define FAST_ATTR
#define HOST_HAS_FMA() 1
static inline double host_fma(double a, double b, double c)
{
    return __builtin_fma(a, b, c);
}
#define HOST_HAS_SQRT  0
#else
#define FPU_FAST_PATH 0
#endif

#endif
