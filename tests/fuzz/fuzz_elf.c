/*
 * libFuzzer harness for the ELF loader (sim/elf_load.h): the input is the
 * image, loaded into a board with 1 MiB of RAM. Besides host crashes and
 * sanitizer reports, it checks the loader's promises: a failure comes with a
 * one-line description, a success with an entry point and loaded range in
 * RAM (docs/testing.md, "Fuzzing").
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "elf_load.h"

#define RAM_SIZE (1ull << 20)

static struct board board;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		if (board_init(&board, RAM_SIZE, -1, -1))
			abort();
		ready = 1;
	}

	/* A private copy, so reads past the end are caught by ASan. */
	uint8_t *copy = malloc(size ? size : 1);
	if (!copy)
		abort();
	memcpy(copy, data, size);

	struct elf_image img = {0};
	char err[256] = "";
	if (elf_load(&board, copy, size, &img, err, sizeof(err)) == 0) {
		if (!board_range_in_ram(&board, img.entry, 1) || img.lo > img.hi ||
		    (img.hi > img.lo && !board_range_in_ram(&board, img.lo, img.hi - img.lo)))
			abort();
	} else if (!err[0] || strchr(err, '\n')) {
		abort();
	}
	free(copy);
	return 0;
}
