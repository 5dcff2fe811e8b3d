/* A64 disassembly through capstone, loaded on first use (disasm.h). */
#include "disasm.h"

#include <capstone/capstone.h>
#include <stdio.h>

/* The four capstone functions el2sim uses. */
struct cs_api {
	cs_err (*open)(cs_arch arch, cs_mode mode, csh *handle);
	cs_err (*close)(csh *handle);
	size_t (*disasm)(csh handle, const uint8_t *code, size_t size, uint64_t address,
	                 size_t count, cs_insn **insn);
	void (*free)(cs_insn *insn, size_t count);
};

#ifdef EL2SIM_CAPSTONE_SONAME
#include <dlfcn.h>

/* dlopen the library the build was configured against (its soname); NULL if absent. */
static const struct cs_api *cs_api(void)
{
	static struct cs_api api;
	static int state; /* 0: not tried, 1: loaded, -1: unavailable */
	if (state == 0) {
		void *lib = dlopen(EL2SIM_CAPSTONE_SONAME, RTLD_NOW | RTLD_LOCAL);
		state = -1;
		if (lib) {
			*(void **)&api.open = dlsym(lib, "cs_open");
			*(void **)&api.close = dlsym(lib, "cs_close");
			*(void **)&api.disasm = dlsym(lib, "cs_disasm");
			*(void **)&api.free = dlsym(lib, "cs_free");
			if (api.open && api.close && api.disasm && api.free)
				state = 1;
		}
	}
	return state > 0 ? &api : NULL;
}
#else
/* capstone built in (the meson subproject, a static library): linked directly. */
static const struct cs_api *cs_api(void)
{
	static const struct cs_api api = {cs_open, cs_close, cs_disasm, cs_free};
	return &api;
}
#endif

uintptr_t disasm_open(void)
{
	const struct cs_api *cs = cs_api();
	csh handle;
	if (cs && cs->open(CS_ARCH_ARM64, CS_MODE_ARM, &handle) == CS_ERR_OK)
		return (uintptr_t)handle;
	return 0;
}

void disasm_close(uintptr_t d)
{
	const struct cs_api *cs = cs_api();
	csh handle = (csh)d;
	if (d && cs)
		cs->close(&handle);
}

bool disasm_word(uintptr_t d, uint32_t word, uint64_t va, char *buf, size_t size)
{
	const struct cs_api *cs = cs_api();
	cs_insn *insn;
	if (!d || !cs || cs->disasm((csh)d, (const uint8_t *)&word, 4, va, 1, &insn) != 1)
		return false;
	snprintf(buf, size, "%s%s%s", insn->mnemonic, insn->op_str[0] ? " " : "", insn->op_str);
	cs->free(insn, 1);
	return true;
}
