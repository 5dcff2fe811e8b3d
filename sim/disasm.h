/*
 * A64 disassembly for the trace, by capstone. Where capstone is a shared
 * library it is loaded on first use, not linked: its ~78,000 relocations
 * cost every run 10-15 ms before main(), and most runs never disassemble.
 */
#ifndef EL2SIM_DISASM_H
#define EL2SIM_DISASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A disassembler handle; 0 when capstone could not be loaded or opened. */
uintptr_t disasm_open(void);
void disasm_close(uintptr_t d);

/* word at va as "mnemonic operands" into buf; false when it cannot (d is 0, undecodable). */
bool disasm_word(uintptr_t d, uint32_t word, uint64_t va, char *buf, size_t size);

#endif
