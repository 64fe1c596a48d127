// CRC-32C with the SSE 4.2 `crc32` instruction, eight bytes at a time. Only this function is
// compiled for SSE 4.2 (a target attribute, not a flag for the whole file), and it is called
// only after the cpuid check, so the library still runs on CPUs without the instruction.
#include "crc32c_cpu.h"

#include <string.h>

#if defined(__x86_64__)
#include <nmmintrin.h>

int scaletop_crc32c_cpu_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2") ? 1 : 0;
}

__attribute__((target("sse4.2")))
uint32_t scaletop_crc32c_cpu_update(uint32_t crc, const void *bytes, size_t n) {
    const unsigned char *p = (const unsigned char *)bytes;
    uint64_t c = crc;
    while (n >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        c = _mm_crc32_u64(c, word);
        p += 8;
        n -= 8;
    }
    uint32_t c32 = (uint32_t)c;
    while (n > 0) {
        c32 = _mm_crc32_u8(c32, *p);
        p += 1;
        n -= 1;
    }
    return c32;
}

#else

int scaletop_crc32c_cpu_available(void) { return 0; }

uint32_t scaletop_crc32c_cpu_update(uint32_t crc, const void *bytes, size_t n) {
    (void)bytes;
    (void)n;
    return crc;
}

#endif
