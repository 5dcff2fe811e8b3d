/* The system register table and its encoding index. */
#include "sysregs.h"

#define R        SRA_R
#define W        SRA_W
#define RW       (SRA_R | SRA_W)
#define RU       (SRA_R | SRA_U)
#define RWU      (SRA_R | SRA_W | SRA_U)
#define RWUR     (SRA_R | SRA_W | SRA_U | SRA_U_RO)
#define WU       (SRA_W | SRA_U)
#define STORE    SRF_STORE
#define PSTATE   SRF_PSTATE
#define CONST    SRF_CONST
#define TLB      SRF_TLB
#define IRQ      SRF_IRQ
#define OP       SRF_OP
#define AT       SRF_AT
#define ZVA      SRF_ZVA
#define SECURE   SRF_SECURE
#define GIC      SRF_GIC
#define TIMER    SRF_TIMER
#define RULES    SRF_RULES
/* A trap group of traps.def, for the traps column. */
#define T(group) (1ull << TG_##group)

const struct sysreg_info sysreg_table[SR_COUNT] = {
        [SR_NONE] = {.name = "(none)"},
#define SYSREG(nm, op0, op1, crn, crm, op2, acc, tr, rst, wm, fl)                                  \
	[SR_##nm] = {.name = #nm,                                                                  \
	             .enc = (uint16_t)((op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2), \
	             .access = (acc),                                                              \
	             .flags = (fl),                                                                \
	             .traps = (tr),                                                                \
	             .reset = (rst),                                                               \
	             .wmask = (wm)},
#include "sysregs.def"
#undef SYSREG
};

static uint16_t sysreg_index[1u << 16];
static int sysreg_index_ready;

void sysregs_init(void)
{
	if (sysreg_index_ready)
		return;
	for (unsigned id = 1; id < SR_COUNT; id++)
		sysreg_index[sysreg_table[id].enc] = (uint16_t)id;
	/*
	 * The ID register space, op0 3, op1 0, CRn 0, CRm 1-7: encodings with no
	 * register are reserved and RAZ (Arm ARM D19.? "ID register space": the
	 * AArch32 ID registers of a PE without AArch32, and future ID registers).
	 */
	for (unsigned crm = 1; crm <= 7; crm++)
		for (unsigned op2 = 0; op2 <= 7; op2++) {
			uint16_t enc = sysreg_encode(3, 0, 0, crm, op2);
			if (sysreg_index[enc] == SR_NONE)
				sysreg_index[enc] = SR_ID_RESERVED;
		}
	sysreg_index_ready = 1;
}

enum sysreg_id sysreg_lookup(uint16_t enc)
{
	return (enum sysreg_id)sysreg_index[enc];
}

unsigned sysreg_min_el(uint16_t enc)
{
	static const unsigned char by_op1[8] = {1, 1, 1, 0, 2, 2, 3, 1};
	return by_op1[(enc >> 11) & 7];
}
