#ifndef SCALETOP_CRC32C_CPU_H
#define SCALETOP_CRC32C_CPU_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has a CRC-32C instruction the functions below use (SSE 4.2 on x86_64), else 0.
int scaletop_crc32c_cpu_available(void);

/// Continues the raw (unfinished, not inverted) CRC-32C state `crc` over `n` bytes at `bytes`
/// with the CPU's instruction. Only to be called when scaletop_crc32c_cpu_available() is 1.
uint32_t scaletop_crc32c_cpu_update(uint32_t crc, const void *bytes, size_t n);

/// 1 when this CPU has the carry-less multiply (PCLMULQDQ) and SSE 4.1 the function below
/// uses (x86_64), else 0.
int scaletop_crc32_clmul_available(void);

/// Continues the raw (unfinished, not inverted) CRC-32 (IEEE, zlib) state `crc` over `n` bytes
/// at `bytes` by folding: `n` at least 64 and a multiple of 16. Only to be called when
/// scaletop_crc32_clmul_available() is 1.
uint32_t scaletop_crc32_clmul_fold(uint32_t crc, const void *bytes, size_t n);

#endif
