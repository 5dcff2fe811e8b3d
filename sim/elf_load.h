/*
 * The ELF loader: ELF64, little-endian, AArch64, ET_EXEC (System V gABI,
 * "ELF Header" and "Program Header"; AArch64 ELF ABI for EM_AARCH64 = 183).
 *
 * PT_LOAD segments are copied to their physical address p_paddr: the CPU
 * resets with the MMU off, so that is where the image must sit (for the
 * usual linker output p_paddr == p_vaddr). The bytes from p_filesz to
 * p_memsz are zeroed. Every segment must lie wholly in RAM and meet no
 * device window, and the entry point must be in RAM. Nothing is written
 * before the whole file has been checked.
 */
#ifndef EL2SIM_ELF_LOAD_H
#define EL2SIM_ELF_LOAD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "board.h"

struct elf_image {
	uint64_t entry;
	uint64_t lo, hi; /* the loaded physical range: [lo, hi) */
};

/*
 * Check and load an image held in memory. Returns 0, or -1 with a short
 * description of the first problem found in err (no file name, no newline).
 */
int elf_load(struct board *b, const uint8_t *data, size_t len, struct elf_image *img, char *err,
             size_t errlen);

/*
 * Load the file at path. On failure, prints "el2sim: PATH: problem" as one
 * line on errf and returns -1.
 */
int elf_load_file(struct board *b, const char *path, struct elf_image *img, FILE *errf);

#endif
