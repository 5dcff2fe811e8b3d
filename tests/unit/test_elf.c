/*
 * The ELF loader, fed crafted images. Layouts and constants come from the
 * System V gABI ("ELF Header": 64-byte Elf64_Ehdr, e_ident; "Program
 * Header": 56-byte Elf64_Phdr, PT_LOAD) and the AArch64 ELF ABI
 * (EM_AARCH64 = 183); the board's RAM window from QEMU virt (0x4000_0000).
 */
#include "harness.h"

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "board.h"
#include "elf_load.h"

#define RAM_SIZE  (1ull << 20)
#define RAM_END   (VIRT_RAM_BASE + RAM_SIZE)
#define DATA_OFF  0x100
#define DATA_SIZE 16

struct image {
	uint8_t buf[0x200];
	size_t len;
	Elf64_Ehdr *eh;
	Elf64_Phdr *ph;
};

static struct board board;
static char err[256];

static int setup(void **state)
{
	assert_int_equal(board_init(&board, RAM_SIZE, -1, -1), 0);
	memset(board.bus.ram, 0xff, RAM_SIZE);
	err[0] = 0;
	return 0;
}

static int teardown(void **state)
{
	board_free(&board);
	return 0;
}

/* A valid image: nph program headers, the first a PT_LOAD of 16 bytes of data
 * plus 16 bytes of BSS at the start of RAM, the others PT_NOTE. */
static void image_init(struct image *m, unsigned nph)
{
	memset(m, 0, sizeof(*m));
	m->eh = (Elf64_Ehdr *)m->buf;
	m->ph = (Elf64_Phdr *)(m->buf + sizeof(Elf64_Ehdr));
	memcpy(m->eh->e_ident, ELFMAG, SELFMAG);
	m->eh->e_ident[EI_CLASS] = ELFCLASS64;
	m->eh->e_ident[EI_DATA] = ELFDATA2LSB;
	m->eh->e_ident[EI_VERSION] = EV_CURRENT;
	m->eh->e_type = ET_EXEC;
	m->eh->e_machine = 183; /* EM_AARCH64 */
	m->eh->e_version = EV_CURRENT;
	m->eh->e_entry = VIRT_RAM_BASE;
	m->eh->e_phoff = sizeof(Elf64_Ehdr);
	m->eh->e_ehsize = 64;
	m->eh->e_phentsize = 56;
	m->eh->e_phnum = (uint16_t)nph;
	for (unsigned i = 0; i < nph; i++)
		m->ph[i] = (Elf64_Phdr){.p_type = PT_NOTE, .p_offset = DATA_OFF};
	m->ph[0] = (Elf64_Phdr){
	        .p_type = PT_LOAD,
	        .p_flags = PF_R | PF_X,
	        .p_offset = DATA_OFF,
	        .p_vaddr = VIRT_RAM_BASE,
	        .p_paddr = VIRT_RAM_BASE,
	        .p_filesz = DATA_SIZE,
	        .p_memsz = 2 * DATA_SIZE,
	        .p_align = 16,
	};
	for (unsigned i = 0; i < DATA_SIZE; i++)
		m->buf[DATA_OFF + i] = (uint8_t)(0xa0 + i);
	m->len = DATA_OFF + DATA_SIZE;
}

static int load(struct image *m, struct elf_image *out)
{
	return elf_load(&board, m->buf, m->len, out, err, sizeof(err));
}

/* The load fails with a message containing what, and RAM is untouched. */
static void assert_rejected(struct image *m, const char *what)
{
	struct elf_image out;
	assert_int_equal(load(m, &out), -1);
	if (!strstr(err, what))
		fail_msg("error '%s' does not contain '%s'", err, what);
	assert_null(strchr(err, '\n'));
	for (uint64_t i = 0; i < RAM_SIZE; i++)
		if (board.bus.ram[i] != 0xff)
			fail_msg("RAM written at offset 0x%llx", (unsigned long long)i);
}

static void test_valid_image(void **state)
{
	struct image m;
	struct elf_image out;
	image_init(&m, 1);
	assert_int_equal(load(&m, &out), 0);
	assert_int_equal(out.entry, VIRT_RAM_BASE);
	assert_int_equal(out.lo, VIRT_RAM_BASE);
	assert_int_equal(out.hi, VIRT_RAM_BASE + 2 * DATA_SIZE);
	for (unsigned i = 0; i < DATA_SIZE; i++)
		assert_int_equal(board.bus.ram[i], 0xa0 + i);
	for (unsigned i = DATA_SIZE; i < 2 * DATA_SIZE; i++)
		assert_int_equal(board.bus.ram[i], 0); /* BSS: p_filesz..p_memsz zeroed */
	assert_int_equal(board.bus.ram[2 * DATA_SIZE], 0xff);
}

static void test_loads_at_paddr(void **state)
{
	struct image m;
	struct elf_image out;
	image_init(&m, 1);
	m.ph[0].p_vaddr = 0xffff000000001000ull;
	m.ph[0].p_paddr = VIRT_RAM_BASE + 0x8000;
	m.eh->e_entry = VIRT_RAM_BASE + 0x8000;
	assert_int_equal(load(&m, &out), 0);
	assert_int_equal(board.bus.ram[0x8000], 0xa0);
	assert_int_equal(board.bus.ram[0], 0xff);
}

static void test_segment_at_ram_end(void **state)
{
	struct image m;
	struct elf_image out;
	image_init(&m, 1);
	m.ph[0].p_paddr = RAM_END - 2 * DATA_SIZE;
	assert_int_equal(load(&m, &out), 0);
	assert_int_equal(out.hi, RAM_END);
}

static void test_two_segments(void **state)
{
	struct image m;
	struct elf_image out;
	image_init(&m, 3);
	m.ph[2] = m.ph[0];
	m.ph[2].p_paddr = VIRT_RAM_BASE + 0x10000;
	m.ph[2].p_memsz = 0x1000;
	assert_int_equal(load(&m, &out), 0);
	assert_int_equal(out.lo, VIRT_RAM_BASE);
	assert_int_equal(out.hi, VIRT_RAM_BASE + 0x11000);
	assert_int_equal(board.bus.ram[0x10000], 0xa0);
	assert_int_equal(board.bus.ram[0x10fff], 0);
}

static void test_not_elf(void **state)
{
	struct image m;
	image_init(&m, 1);
	m.buf[1] = 'X';
	assert_rejected(&m, "not an ELF file");
	image_init(&m, 1);
	m.len = 0;
	assert_rejected(&m, "not an ELF file");
	image_init(&m, 1);
	m.len = 3;
	assert_rejected(&m, "not an ELF file");
}

static void test_truncated_header(void **state)
{
	struct image m;
	image_init(&m, 1);
	m.len = 63;
	assert_rejected(&m, "truncated");
}

static void test_ident(void **state)
{
	struct image m;
	image_init(&m, 1);
	m.eh->e_ident[EI_CLASS] = ELFCLASS32;
	assert_rejected(&m, "64-bit");
	image_init(&m, 1);
	m.eh->e_ident[EI_DATA] = ELFDATA2MSB;
	assert_rejected(&m, "little-endian");
	image_init(&m, 1);
	m.eh->e_ident[EI_VERSION] = 2;
	assert_rejected(&m, "version");
	image_init(&m, 1);
	m.eh->e_version = 0;
	assert_rejected(&m, "version");
}

static void test_wrong_machine(void **state)
{
	struct image m;
	image_init(&m, 1);
	m.eh->e_machine = 62; /* EM_X86_64 */
	assert_rejected(&m, "machine 62 is not AArch64");
	image_init(&m, 1);
	m.eh->e_machine = 40; /* EM_ARM */
	assert_rejected(&m, "machine 40");
}

static void test_wrong_type(void **state)
{
	struct image m;
	image_init(&m, 1);
	m.eh->e_type = ET_DYN;
	assert_rejected(&m, "ET_EXEC");
	image_init(&m, 1);
	m.eh->e_type = ET_REL;
	assert_rejected(&m, "ET_EXEC");
}

static void test_header_sizes(void **state)
{
	struct image m;
	image_init(&m, 1);
	m.eh->e_ehsize = 52; /* the ELF32 size */
	assert_rejected(&m, "header size");
	image_init(&m, 1);
	m.eh->e_phentsize = 32; /* the ELF32 size */
	assert_rejected(&m, "program header size");
	image_init(&m, 1);
	m.eh->e_phnum = 0;
	assert_rejected(&m, "no program headers");
	image_init(&m, 1);
	m.eh->e_phnum = PN_XNUM;
	assert_rejected(&m, "extended");
}

static void test_phdr_table_bounds(void **state)
{
	struct image m;
	image_init(&m, 1);
	m.eh->e_phoff = m.len;
	assert_rejected(&m, "program header table");
	image_init(&m, 1);
	m.eh->e_phoff = m.len - 55; /* one byte short */
	assert_rejected(&m, "program header table");
	image_init(&m, 1);
	m.eh->e_phoff = UINT64_MAX - 8; /* e_phoff + size wraps */
	assert_rejected(&m, "program header table");
	image_init(&m, 1);
	m.eh->e_phnum = 0xfffe; /* 0xfffe * 56 bytes: past the end */
	assert_rejected(&m, "program header table");
}

static void test_segment_file_bounds(void **state)
{
	struct image m;
	image_init(&m, 1);
	m.ph[0].p_offset = m.len + 1;
	assert_rejected(&m, "past the end of the file");
	image_init(&m, 1);
	m.ph[0].p_filesz = DATA_SIZE + 1;
	m.ph[0].p_memsz = 0x100;
	assert_rejected(&m, "past the end of the file");
	image_init(&m, 1);
	m.ph[0].p_offset = UINT64_MAX - 7; /* p_offset + p_filesz wraps */
	assert_rejected(&m, "past the end of the file");
	image_init(&m, 1);
	m.ph[0].p_offset = 0x10;
	m.ph[0].p_filesz = UINT64_MAX - 0xf; /* wraps to 0 */
	m.ph[0].p_memsz = UINT64_MAX;
	assert_rejected(&m, "past the end of the file");
	image_init(&m, 1);
	m.ph[0].p_memsz = DATA_SIZE - 1;
	assert_rejected(&m, "exceeds p_memsz");
}

static void test_segment_outside_ram(void **state)
{
	struct image m;
	image_init(&m, 1);
	m.ph[0].p_paddr = VIRT_RAM_BASE - 0x1000;
	assert_rejected(&m, "outside RAM");
	image_init(&m, 1);
	m.ph[0].p_paddr = RAM_END - DATA_SIZE; /* straddles the end */
	assert_rejected(&m, "outside RAM");
	image_init(&m, 1);
	m.ph[0].p_paddr = RAM_END;
	assert_rejected(&m, "outside RAM");
	image_init(&m, 1);
	m.ph[0].p_memsz = RAM_SIZE + 1; /* BSS beyond RAM */
	assert_rejected(&m, "outside RAM");
	image_init(&m, 1);
	m.ph[0].p_paddr = 0xfffffffffffff000ull; /* p_paddr + p_memsz wraps */
	m.ph[0].p_memsz = 0x2000;
	assert_rejected(&m, "wraps");
	image_init(&m, 1);
	m.ph[0].p_paddr = VIRT_RAM_BASE + 0x10;
	m.ph[0].p_memsz = 1ull << 40; /* no wrap, but far past RAM */
	assert_rejected(&m, "outside RAM");
}

static void test_segment_over_device(void **state)
{
	struct image m;
	image_init(&m, 1);
	m.ph[0].p_paddr = VIRT_UART_BASE + VIRT_UART_SIZE - 8; /* last 8 bytes of the PL011 */
	assert_rejected(&m, "overlaps device pl011");
	image_init(&m, 1);
	m.ph[0].p_paddr = VIRT_UART_BASE - 8;
	assert_rejected(&m, "pl011");
}

static void test_entry_outside_ram(void **state)
{
	struct image m;
	image_init(&m, 1);
	m.eh->e_entry = 0;
	assert_rejected(&m, "entry point 0x0 is outside RAM");
	image_init(&m, 1);
	m.eh->e_entry = RAM_END;
	assert_rejected(&m, "entry point");
	image_init(&m, 1);
	m.eh->e_entry = VIRT_UART_BASE;
	assert_rejected(&m, "entry point");
}

static void test_no_loadable_segment(void **state)
{
	struct image m;
	image_init(&m, 1);
	m.ph[0].p_type = PT_NOTE;
	assert_rejected(&m, "no loadable segment");
	image_init(&m, 1);
	m.ph[0].p_filesz = m.ph[0].p_memsz = 0;
	assert_rejected(&m, "no loadable segment");
}

static void test_other_segments_ignored(void **state)
{
	struct image m;
	struct elf_image out;
	image_init(&m, 2);
	m.ph[1].p_paddr = 0; /* a PT_NOTE is not loaded, so not placed */
	m.ph[1].p_offset = UINT64_MAX;
	assert_int_equal(load(&m, &out), 0);
}

static void test_nothing_written_on_failure(void **state)
{
	struct image m;
	image_init(&m, 2);
	m.ph[1] = m.ph[0];
	m.ph[1].p_paddr = RAM_END; /* the second segment is bad */
	assert_rejected(&m, "segment 1");
}

/* elf_load_file: one line "el2sim: PATH: problem". */
static void assert_file_rejected(const char *path, const char *what)
{
	struct elf_image out;
	char *buf = NULL, expect[512];
	size_t len = 0;
	FILE *errf = open_memstream(&buf, &len);

	assert_int_equal(elf_load_file(&board, path, &out, errf), -1);
	fclose(errf);
	snprintf(expect, sizeof(expect), "el2sim: %s: ", path);
	assert_true(strncmp(buf, expect, strlen(expect)) == 0);
	assert_non_null(strstr(buf, what));
	assert_ptr_equal(strchr(buf, '\n'), buf + len - 1);
	free(buf);
}

static void test_load_file(void **state)
{
	char path[] = "/tmp/test_elf_XXXXXX";
	struct image m;
	struct elf_image out;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	image_init(&m, 1);
	assert_int_equal(write(fd, m.buf, m.len), (ssize_t)m.len);
	assert_int_equal(elf_load_file(&board, path, &out, stderr), 0);
	assert_int_equal(board.bus.ram[0], 0xa0);
	assert_int_equal(ftruncate(fd, 0), 0);
	assert_file_rejected(path, "not an ELF file");
	assert_int_equal(ftruncate(fd, 40), 0); /* 40 zero bytes */
	assert_file_rejected(path, "not an ELF file");
	close(fd);
	unlink(path);
	assert_file_rejected(path, "No such file");
	assert_file_rejected("/tmp", "not a regular file");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
	        T(test_valid_image),
	        T(test_loads_at_paddr),
	        T(test_segment_at_ram_end),
	        T(test_two_segments),
	        T(test_not_elf),
	        T(test_truncated_header),
	        T(test_ident),
	        T(test_wrong_machine),
	        T(test_wrong_type),
	        T(test_header_sizes),
	        T(test_phdr_table_bounds),
	        T(test_segment_file_bounds),
	        T(test_segment_outside_ram),
	        T(test_segment_over_device),
	        T(test_entry_outside_ram),
	        T(test_no_loadable_segment),
	        T(test_other_segments_ignored),
	        T(test_nothing_written_on_failure),
	        T(test_load_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
