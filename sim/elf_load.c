/*
 * The ELF loader; see elf_load.h. Field offsets come from <elf.h>'s Elf64_Ehdr and
 * Elf64_Phdr; values are read little-endian byte by byte, so the host's own
 * byte order does not matter.
 */
#include "elf_load.h"
#include "hostio.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static uint64_t le(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;
	while (n--)
		v = (v << 8) | p[n];
	return v;
}

#define EH(field) le(data + offsetof(Elf64_Ehdr, field), sizeof(((Elf64_Ehdr *)0)->field))
#define PH(field) le(ph + offsetof(Elf64_Phdr, field), sizeof(((Elf64_Phdr *)0)->field))

__attribute__((format(printf, 3, 4))) static int fail(char *err, size_t errlen, const char *fmt,
                                                      ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* e_ident and the fixed header fields (gABI "ELF Header"). */
static int check_header(const uint8_t *data, size_t len, char *err, size_t errlen)
{
	if (len < SELFMAG || memcmp(data, ELFMAG, SELFMAG) != 0)
		return fail(err, errlen, "not an ELF file");
	if (len < sizeof(Elf64_Ehdr))
		return fail(err, errlen, "truncated ELF header (%zu bytes, need %zu)", len,
		            sizeof(Elf64_Ehdr));
	if (data[EI_CLASS] != ELFCLASS64)
		return fail(err, errlen, "not a 64-bit ELF file (EI_CLASS %u)", data[EI_CLASS]);
	if (data[EI_DATA] != ELFDATA2LSB)
		return fail(err, errlen, "not a little-endian ELF file (EI_DATA %u)",
		            data[EI_DATA]);
	if (data[EI_VERSION] != EV_CURRENT || EH(e_version) != EV_CURRENT)
		return fail(err, errlen, "unknown ELF version");
	if (EH(e_machine) != EM_AARCH64)
		return fail(err, errlen, "machine %u is not AArch64 (%u)", (unsigned)EH(e_machine),
		            EM_AARCH64);
	if (EH(e_type) != ET_EXEC)
		return fail(err, errlen, "ELF type %u is not an executable (ET_EXEC)",
		            (unsigned)EH(e_type));
	if (EH(e_ehsize) != sizeof(Elf64_Ehdr))
		return fail(err, errlen, "bad ELF header size %u", (unsigned)EH(e_ehsize));
	if (EH(e_phnum) == 0)
		return fail(err, errlen, "no program headers");
	if (EH(e_phnum) == PN_XNUM)
		return fail(err, errlen, "extended program header numbering is not supported");
	if (EH(e_phentsize) != sizeof(Elf64_Phdr))
		return fail(err, errlen, "bad program header size %u", (unsigned)EH(e_phentsize));
	/* e_phnum < 0xffff, so the product cannot overflow. */
	if (EH(e_phoff) > len || EH(e_phnum) * sizeof(Elf64_Phdr) > len - EH(e_phoff))
		return fail(err, errlen, "program header table past the end of the file");
	return 0;
}

/* One PT_LOAD program header, against the file and the board. */
static int check_segment(const struct board *b, const uint8_t *ph, size_t len, unsigned i,
                         char *err, size_t errlen)
{
	uint64_t off = PH(p_offset), filesz = PH(p_filesz);
	uint64_t pa = PH(p_paddr), memsz = PH(p_memsz);
	const struct device *d;

	if (filesz > memsz)
		return fail(err, errlen, "segment %u: p_filesz 0x%llx exceeds p_memsz 0x%llx", i,
		            (unsigned long long)filesz, (unsigned long long)memsz);
	if (off > len || filesz > len - off)
		return fail(err, errlen, "segment %u: file data past the end of the file", i);
	if (memsz == 0)
		return 0;
	if (pa + memsz - 1 < pa)
		return fail(err, errlen, "segment %u: address range wraps around", i);
	d = board_device_overlapping(b, pa, memsz);
	if (d)
		return fail(err, errlen, "segment %u at 0x%llx-0x%llx overlaps device %s at 0x%llx",
		            i, (unsigned long long)pa, (unsigned long long)(pa + memsz - 1),
		            d->name, (unsigned long long)d->base);
	if (!board_range_in_ram(b, pa, memsz))
		return fail(err, errlen,
		            "segment %u at 0x%llx-0x%llx is outside RAM 0x%llx-0x%llx (see --mem)",
		            i, (unsigned long long)pa, (unsigned long long)(pa + memsz - 1),
		            (unsigned long long)b->bus.ram_base,
		            (unsigned long long)(b->bus.ram_base + b->bus.ram_size - 1));
	return 0;
}

int elf_load(struct board *b, const uint8_t *data, size_t len, struct elf_image *img, char *err,
             size_t errlen)
{
	uint64_t phoff, phnum, lo = UINT64_MAX, hi = 0;

	if (check_header(data, len, err, errlen))
		return -1;
	phoff = EH(e_phoff);
	phnum = EH(e_phnum);
	for (unsigned i = 0; i < phnum; i++) {
		const uint8_t *ph = data + phoff + i * sizeof(Elf64_Phdr);
		if (PH(p_type) != PT_LOAD)
			continue;
		if (check_segment(b, ph, len, i, err, errlen))
			return -1;
		if (PH(p_memsz) == 0)
			continue;
		if (PH(p_paddr) < lo)
			lo = PH(p_paddr);
		if (PH(p_paddr) + PH(p_memsz) > hi)
			hi = PH(p_paddr) + PH(p_memsz);
	}
	if (lo == UINT64_MAX)
		return fail(err, errlen, "no loadable segment");
	img->entry = EH(e_entry);
	if (!board_range_in_ram(b, img->entry, 1))
		return fail(err, errlen, "entry point 0x%llx is outside RAM 0x%llx-0x%llx",
		            (unsigned long long)img->entry, (unsigned long long)b->bus.ram_base,
		            (unsigned long long)(b->bus.ram_base + b->bus.ram_size - 1));
	for (unsigned i = 0; i < phnum; i++) {
		const uint8_t *ph = data + phoff + i * sizeof(Elf64_Phdr);
		uint8_t *dst;
		if (PH(p_type) != PT_LOAD || PH(p_memsz) == 0)
			continue;
		dst = b->bus.ram + (PH(p_paddr) - b->bus.ram_base);
		memcpy(dst, data + PH(p_offset), PH(p_filesz));
		memset(dst + PH(p_filesz), 0, PH(p_memsz) - PH(p_filesz));
	}
	img->lo = lo;
	img->hi = hi;
	return 0;
}

int elf_load_file(struct board *b, const char *path, struct elf_image *img, FILE *errf)
{
	char err[256], q[HOSTIO_PRINTABLE_MAX];
	struct stat st;
	void *data = NULL;
	int fd, rc = -1;

	/* O_NONBLOCK: a FIFO must not wait for a writer (it is refused below). */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		fprintf(errf, "el2sim: %s: %s\n", hostio_printable(q, sizeof(q), path),
		        strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		snprintf(err, sizeof(err), "%s", strerror(errno));
	} else if (!S_ISREG(st.st_mode)) {
		snprintf(err, sizeof(err), "not a regular file");
	} else if (st.st_size == 0) {
		snprintf(err, sizeof(err), "not an ELF file (empty)");
	} else if ((data = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0)) ==
	           MAP_FAILED) {
		data = NULL;
		snprintf(err, sizeof(err), "%s", strerror(errno));
	} else {
		rc = elf_load(b, data, (size_t)st.st_size, img, err, sizeof(err));
		munmap(data, (size_t)st.st_size);
	}
	close(fd);
	if (rc)
		fprintf(errf, "el2sim: %s: %s\n", hostio_printable(q, sizeof(q), path), err);
	return rc;
}
