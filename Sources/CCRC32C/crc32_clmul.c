// CRC-32 (IEEE, reflected) by folding with the carry-less multiply instruction (PCLMULQDQ):
// 64 bytes are folded a step as four 128-bit lanes, the lanes into one, then a Barrett
// reduction gives the 32-bit remainder. The constants are powers of x modulo the polynomial
// 0x104C11DB7, bit-reflected, as given in Intel's "Fast CRC Computation for Generic Polynomials
// Using PCLMULQDQ Instruction" (2009). Only this function is compiled for PCLMUL and SSE 4.1,
// and it is called only after the cpuid check.
#include "crc32c_cpu.h"

#if defined(__x86_64__)
#include <immintrin.h>

int scaletop_crc32_clmul_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1") ? 1 : 0;
}

// The lane times x^(k+64) in the high half of `k` and x^k in the low half: moves the lane k
// bits further on.
__attribute__((target("pclmul,sse4.1")))
static inline __m128i fold(__m128i lane, __m128i k) {
    return _mm_xor_si128(_mm_clmulepi64_si128(lane, k, 0x00), _mm_clmulepi64_si128(lane, k, 0x11));
}

__attribute__((target("pclmul,sse4.1")))
uint32_t scaletop_crc32_clmul_fold(uint32_t crc, const void *bytes, size_t n) {
    const unsigned char *p = (const unsigned char *)bytes;
    const __m128i by512 = _mm_set_epi64x(0x1c6e41596, 0x154442bd4);
    const __m128i by128 = _mm_set_epi64x(0x0ccaa009e, 0x1751997d0);
    const __m128i by64 = _mm_set_epi64x(0, 0x163cd6124);
    const __m128i barrett = _mm_set_epi64x(0x1f7011641, 0x1db710641);
    const __m128i low32 = _mm_set_epi32(0, 0, 0, -1);

    __m128i x1 = _mm_loadu_si128((const __m128i *)p);
    __m128i x2 = _mm_loadu_si128((const __m128i *)(p + 16));
    __m128i x3 = _mm_loadu_si128((const __m128i *)(p + 32));
    __m128i x4 = _mm_loadu_si128((const __m128i *)(p + 48));
    x1 = _mm_xor_si128(x1, _mm_cvtsi32_si128((int)crc));
    p += 64;
    n -= 64;
    while (n >= 64) {
        x1 = _mm_xor_si128(fold(x1, by512), _mm_loadu_si128((const __m128i *)p));
        x2 = _mm_xor_si128(fold(x2, by512), _mm_loadu_si128((const __m128i *)(p + 16)));
        x3 = _mm_xor_si128(fold(x3, by512), _mm_loadu_si128((const __m128i *)(p + 32)));
        x4 = _mm_xor_si128(fold(x4, by512), _mm_loadu_si128((const __m128i *)(p + 48)));
        p += 64;
        n -= 64;
    }
    x1 = _mm_xor_si128(fold(x1, by128), x2);
    x1 = _mm_xor_si128(fold(x1, by128), x3);
    x1 = _mm_xor_si128(fold(x1, by128), x4);
    while (n >= 16) {
        x1 = _mm_xor_si128(fold(x1, by128), _mm_loadu_si128((const __m128i *)p));
        p += 16;
        n -= 16;
    }
    // 128 bits to 64, then to 32 (each also appends the 32 zero bits a CRC is defined with).
    x1 = _mm_xor_si128(_mm_srli_si128(x1, 8), _mm_clmulepi64_si128(x1, by128, 0x10));
    x1 = _mm_xor_si128(_mm_srli_si128(x1, 4), _mm_clmulepi64_si128(_mm_and_si128(x1, low32), by64, 0x00));
    // Barrett reduction: the quotient by multiplying with x^64 / P, then the remainder.
    __m128i t = _mm_clmulepi64_si128(_mm_and_si128(x1, low32), barrett, 0x10);
    t = _mm_clmulepi64_si128(_mm_and_si128(t, low32), barrett, 0x00);
    return (uint32_t)_mm_extract_epi32(_mm_xor_si128(x1, t), 1);
}

#else

int scaletop_crc32_clmul_available(void) { return 0; }

uint32_t scaletop_crc32_clmul_fold(uint32_t crc, const void *bytes, size_t n) {
    (void)bytes;
    (void)n;
    return crc;
}

#endif
