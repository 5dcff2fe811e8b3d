/*
 * ISS decoding per exception class (Arm ARM D19.2, ESR_ELx, "ISS encoding
 * for an exception from ..."): the fields a hypervisor developer reads.
 */
#include "esr_fmt.h"

#include <stdio.h>

#include "syndrome.h"
#include "sysregs.h"

#define ISS(esr)        ((uint32_t)(esr)&ESR_ISS_MASK)
#define BITS(v, hi, lo) (((v) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1))

const char *esr_fsc_name(unsigned fsc)
{
	static char buf[64];
	switch (fsc) {
	case 0x10: return "synchronous external abort";
	case 0x11: return "asynchronous SError interrupt";
	case 0x21: return "alignment fault";
	case 0x30: return "TLB conflict abort";
	case 0x31: return "unsupported atomic hardware update";
	default: break;
	}
	static const char *const kind[] = {"address size fault", "translation fault",
	                                   "access flag fault", "permission fault"};
	if (fsc < 0x10) {
		snprintf(buf, sizeof(buf), "%s, level %u", kind[fsc >> 2], fsc & 3);
		return buf;
	}
	if (fsc >= 0x14 && fsc <= 0x17) {
		snprintf(buf, sizeof(buf), "external abort on translation table walk, level %u",
		         fsc & 3);
		return buf;
	}
	return "reserved";
}

const char *esr_vector_slot_name(unsigned offset)
{
	static const char *const names[16] = {
	        "Current EL with SP_EL0, Synchronous", "Current EL with SP_EL0, IRQ",
	        "Current EL with SP_EL0, FIQ",         "Current EL with SP_EL0, SError",
	        "Current EL with SP_ELx, Synchronous", "Current EL with SP_ELx, IRQ",
	        "Current EL with SP_ELx, FIQ",         "Current EL with SP_ELx, SError",
	        "Lower EL using AArch64, Synchronous", "Lower EL using AArch64, IRQ",
	        "Lower EL using AArch64, FIQ",         "Lower EL using AArch64, SError",
	        "Lower EL using AArch32, Synchronous", "Lower EL using AArch32, IRQ",
	        "Lower EL using AArch32, FIQ",         "Lower EL using AArch32, SError",
	};
	return offset < 0x800 && !(offset & 0x7f) ? names[offset >> 7] : "not a vector slot";
}

/* EC 0x18: the register (by name where el2sim has it) and the direction. */
static void esr_sysreg(uint32_t iss, char *buf, size_t size)
{
	unsigned op0 = BITS(iss, 21, 20), op2 = BITS(iss, 19, 17), op1 = BITS(iss, 16, 14);
	unsigned crn = BITS(iss, 13, 10), rt = BITS(iss, 9, 5), crm = BITS(iss, 4, 1);
	bool read = iss & 1;
	char reg[48];
	sysregs_init(); /* the lookup index; idempotent */
	enum sysreg_id id = sysreg_lookup(sysreg_encode(op0, op1, crn, crm, op2));
	if (id != SR_NONE && id != SR_ID_RESERVED)
		snprintf(reg, sizeof(reg), "%s", sysreg_table[id].name);
	else
		snprintf(reg, sizeof(reg), "S%u_%u_C%u_C%u_%u", op0, op1, crn, crm, op2);
	char xt[8];
	snprintf(xt, sizeof(xt), rt == 31 ? "XZR" : "X%u", rt);
	if (op0 == 1)
		snprintf(buf, size, "%s %s, %s", read ? "SYSL" : "SYS", reg, xt);
	else if (op0 == 0)
		snprintf(buf, size, "MSR %s (immediate)", reg);
	else if (read)
		snprintf(buf, size, "MRS %s, %s", xt, reg);
	else
		snprintf(buf, size, "MSR %s, %s", reg, xt);
}

/* EC 0x24/0x25: data abort. */
static void esr_dabt(uint32_t iss, char *buf, size_t size)
{
	int n = snprintf(buf, size, "DFSC=0x%02x (%s) WnR=%u", BITS(iss, 5, 0),
	                 esr_fsc_name(BITS(iss, 5, 0)), BITS(iss, 6, 6));
	if (iss & (1u << 24)) /* ISV: SAS, SSE, SRT, SF, AR are valid */
		n += snprintf(buf + n, size - (size_t)n, " ISV=1 SAS=%u SSE=%u SRT=%u SF=%u AR=%u",
		              BITS(iss, 23, 22), BITS(iss, 21, 21), BITS(iss, 20, 16),
		              BITS(iss, 15, 15), BITS(iss, 14, 14));
	else
		n += snprintf(buf + n, size - (size_t)n, " ISV=0");
	snprintf(buf + n, size - (size_t)n, " S1PTW=%u CM=%u EA=%u FnV=%u", BITS(iss, 7, 7),
	         BITS(iss, 8, 8), BITS(iss, 9, 9), BITS(iss, 10, 10));
}

void esr_describe(uint64_t esr, char *buf, size_t size)
{
	uint32_t iss = ISS(esr);
	buf[0] = '\0';
	switch (esr_ec(esr)) {
	case EC_WFX: {
		static const char *const ti[] = {"WFI", "WFE", "WFIT", "WFET"};
		snprintf(buf, size, "TI=%s", ti[iss & 3]);
		break;
	}
	case EC_SVC64:
	case EC_HVC64:
	case EC_SMC64: snprintf(buf, size, "imm=0x%x", iss & 0xffff); break;
	case EC_BRK64: snprintf(buf, size, "comment=0x%x", iss & 0xffff); break;
	case EC_SYS64: esr_sysreg(iss, buf, size); break;
	case EC_IABT_LOW:
	case EC_IABT_CUR:
		snprintf(buf, size, "IFSC=0x%02x (%s) S1PTW=%u EA=%u FnV=%u", BITS(iss, 5, 0),
		         esr_fsc_name(BITS(iss, 5, 0)), BITS(iss, 7, 7), BITS(iss, 9, 9),
		         BITS(iss, 10, 10));
		break;
	case EC_DABT_LOW:
	case EC_DABT_CUR: esr_dabt(iss, buf, size); break;
	case EC_SERROR:
		if (iss & (1u << 24))
			snprintf(buf, size, "IDS=1 ISS=0x%06x", iss & 0xffffff);
		else
			snprintf(buf, size, "IDS=0 AET=%u EA=%u DFSC=0x%02x (%s)",
			         BITS(iss, 12, 10), BITS(iss, 9, 9), BITS(iss, 5, 0),
			         esr_fsc_name(BITS(iss, 5, 0)));
		break;
	default:
		if (iss)
			snprintf(buf, size, "ISS=0x%07x", iss);
		break;
	}
}
