/* Print capstone's disassembly (as el2sim's sim/trace.c formats it) of the words at the given
 * addresses of a flat dump. */
#include <capstone/capstone.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
int main(int argc, char **argv)
{
	csh h;
	cs_insn *insn;
	if (cs_open(CS_ARCH_ARM64, CS_MODE_ARM, &h) != CS_ERR_OK)
		return 1;
	for (int i = 1; i + 1 < argc; i += 2) {
		uint64_t va = strtoull(argv[i], 0, 16);
		uint32_t w = (uint32_t)strtoul(argv[i + 1], 0, 16);
		if (cs_disasm(h, (const uint8_t *)&w, 4, va, 1, &insn) == 1) {
			printf("%s%s%s\n", insn->mnemonic, insn->op_str[0] ? " " : "",
			       insn->op_str);
			cs_free(insn, 1);
		} else
			printf(".inst 0x%08x\n", w);
	}
	return 0;
}
