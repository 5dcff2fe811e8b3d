/*
 * el2sim --list-sysregs. Each line:
 *
 *   NAME  S<op0>_<op1>_C<n>_C<m>_<op2>  ACCESS  EL<min>  CAUSE,CAUSE...
 *
 * NAME is right-aligned so that it is followed by exactly two spaces;
 * ACCESS is R, W or RW for EL1 and up, then " EL0:R", " EL0:W" or " EL0:RW"
 * when EL0 may reach it; the causes are the trap controls (traps.def) that
 * can catch an access, "-" for none.
 */
#include "list_sysregs.h"

#include <stdbool.h>
#include <string.h>

#include "sysregs.h"
#include "traps.h"

static void format_access(char *buf, size_t n, unsigned a)
{
	const char *mine = (a & SRA_R) && (a & SRA_W) ? "RW" : (a & SRA_R) ? "R" : "W";
	if (!(a & SRA_U))
		snprintf(buf, n, "%s", mine);
	else
		snprintf(buf, n, "%s EL0:%s", mine, (a & SRA_U_RO) ? "R" : mine);
}

void list_sysregs(FILE *f)
{
	int name_w = 0;

	sysregs_init();
	for (unsigned id = 1; id < SR_COUNT; id++) {
		int len = (int)strlen(sysreg_table[id].name);
		if (len > name_w)
			name_w = len;
	}
	for (unsigned id = 1; id < SR_COUNT; id++) {
		const struct sysreg_info *r = &sysreg_table[id];
		uint16_t e = r->enc;
		char enc[32], acc[16];
		bool any = false;

		snprintf(enc, sizeof(enc), "S%u_%u_C%u_C%u_%u", e >> 14, (e >> 11) & 7u,
		         (e >> 7) & 15u, (e >> 3) & 15u, e & 7u);
		format_access(acc, sizeof(acc), r->access);
		fprintf(f, "%*s  %-15s %-10s EL%u  ", name_w, r->name, enc, acc, sysreg_min_el(e));
		for (unsigned g = 0; g < TG_COUNT; g++) {
			if (!(r->traps & (1ull << g)))
				continue;
			fprintf(f, "%s%s", any ? "," : "", trap_group_cause((enum trap_group)g));
			any = true;
		}
		fputs(any ? "\n" : "-\n", f);
	}
}
