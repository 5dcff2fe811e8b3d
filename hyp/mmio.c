/* SPDX-License-Identifier: MIT */
/*
 * Trap-and-emulate MMIO. A guest's load or store to an IPA its stage 2
 * tables leave unmapped is a Data Abort to EL2 (EC 0x24); for a single
 * general-purpose register load or store without writeback the syndrome
 * describes the instruction (ISV 1; Arm ARM D19.2 "ISS encoding for an
 * exception from a Data Abort"): SAS the size, SSE sign extension, SRT the
 * register, SF a 64-bit register, WnR the direction. That is all we need to
 * emulate it without decoding the instruction: the access becomes one
 * neutral struct mmio_access (Bao's emul_access), the device answers it,
 * and we write a load's value into the register and skip the instruction.
 */
#include "hyp.h"

struct mmio_device {
	uint64_t base, size;
	int (*access)(struct vm *vm, uint64_t offset, struct mmio_access *a);
	const char *name;
};

static const struct mmio_device devices[] = {
        {GUEST_UART_IPA, 0x1000, vuart_access, "PL011"},
};

static const struct mmio_device *mmio_find(uint64_t ipa)
{
	for (size_t i = 0; i < sizeof(devices) / sizeof(devices[0]); i++)
		if (ipa - devices[i].base < devices[i].size)
			return &devices[i];
	return NULL;
}

/* Sign- or zero-extend a load of size bytes as SSE and SF say. */
static uint64_t mmio_extend(uint64_t v, unsigned int size, uint32_t iss)
{
	if (size < 8) {
		v &= (1ull << 8 * size) - 1;
		if ((iss & DABT_SSE) && (v >> (8 * size - 1) & 1))
			v |= ~0ull << 8 * size;
	}
	return (iss & DABT_SF) ? v : (v & 0xffffffffull);
}

/*
 * Emulate the access if ipa is a device's. Returns 0 if no device is there
 * (the caller injects an abort). Accesses a device cannot take, and those
 * without a syndrome (ISV 0, e.g. LDP), are injected as aborts here.
 */
int mmio_emulate(struct vcpu *v, uint64_t esr, uint64_t ipa)
{
	const struct mmio_device *dev = mmio_find(ipa);
	uint32_t iss = ESR_ISS(esr);
	unsigned int srt = DABT_SRT(iss);
	struct mmio_access a;

	if (!dev)
		return 0;
	if (!(iss & DABT_ISV)) {
		vm_log(v->vm, "%s access at IPA 0x%llx without a syndrome (ISV 0): abort injected",
		       dev->name, (unsigned long long)ipa);
		inject_dabt(v, read_sysreg(far_el2), !!(iss & DABT_WNR));
		return 1;
	}
	a = (struct mmio_access){
	        .ipa = ipa,
	        .size = 1u << DABT_SAS(iss),
	        .write = !!(iss & DABT_WNR),
	        .value = srt == 31 ? 0 : v->regs.x[srt], /* register 31 is XZR here */
	};
	if (a.write && a.size < 8)
		a.value &= (1ull << 8 * a.size) - 1;
	if (!dev->access(v->vm, ipa - dev->base, &a)) {
		vm_log(v->vm, "%s refuses a %u-byte %s at offset 0x%llx: abort injected", dev->name,
		       a.size, a.write ? "write" : "read", (unsigned long long)(ipa - dev->base));
		inject_dabt(v, read_sysreg(far_el2), a.write);
		return 1;
	}
	if (!a.write && srt != 31)
		v->regs.x[srt] = mmio_extend(a.value, a.size, iss);
	v->regs.pc += 4; /* ESR_EL2.IL is 1: a 32-bit instruction */
	v->vm->stats.mmio++;
	return 1;
}
