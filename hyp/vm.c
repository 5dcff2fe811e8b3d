/* SPDX-License-Identifier: MIT */
/*
 * The two VMs hyp/ runs. Each has one vCPU, its own VMID, and GUEST_RAM_SIZE
 * bytes of RAM of its own, which its stage 2 tables show at GUEST_RAM_IPA;
 * its image (a payload in hyp.elf, payload.S) is copied there at boot and
 * again at PSCI SYSTEM_RESET, and entered at GUEST_RAM_IPA at EL1h.
 *
 * Physical memory (the virt board's RAM starts at 0x4000_0000):
 *   0x4000_0000  hyp.elf: code, the payloads, stacks, stage 2 tables
 *   0x4400_0000  vm0's RAM  (IPA 0x4000_0000)
 *   0x4600_0000  vm1's RAM  (IPA 0x4000_0000)
 */
#include "hyp.h"

extern const uint8_t vm0_image_start[], vm0_image_end[];
extern const uint8_t vm1_image_start[], vm1_image_end[];

struct vm hyp_vms[HYP_NR_VMS] = {
        {.id = 0,
         .name = "rr-os",
         .vmid = 1,
         .ram_pa = 0x44000000,
         .image = vm0_image_start,
         .image_end = vm0_image_end},
        {.id = 1,
         .name = "primes",
         .vmid = 2,
         .ram_pa = 0x46000000,
         .image = vm1_image_start,
         .image_end = vm1_image_end},
};

/* The guest's IPA range [ipa, ipa + len) as a PA, if it is all in its RAM. */
int vm_ipa_to_pa(const struct vm *vm, uint64_t ipa, uint64_t len, uint64_t *pa)
{
	if (ipa < GUEST_RAM_IPA || len > GUEST_RAM_SIZE ||
	    ipa - GUEST_RAM_IPA > GUEST_RAM_SIZE - len)
		return 0;
	*pa = vm->ram_pa + (ipa - GUEST_RAM_IPA);
	return 1;
}

/* Copy the image into the VM's RAM and reset its vCPU to the entry point. */
void vm_reset(struct vm *vm)
{
	size_t size = (size_t)(vm->image_end - vm->image);

	if (size > GUEST_RAM_SIZE)
		hyp_panic("vm%u %s: image of %zu bytes is larger than its RAM", vm->id, vm->name,
		          size);
	memcpy((void *)vm->ram_pa, vm->image, size);
	/* The guest fetches what we stored as data (Arm ARM, "Instruction cache maintenance"). */
	dsb(sy);
	__asm__ volatile("ic iallu\n\tdsb sy\n\tisb" ::: "memory");
	vm->vcpu.vm = vm;
	vcpu_reset(&vm->vcpu, GUEST_RAM_IPA);
	vm->con.len = 0;
	vm->status_valid = 0;
	vm->powered_off = 0;
}

void vm_init_all(void)
{
	for (unsigned int i = 0; i < HYP_NR_VMS; i++) {
		struct vm *vm = &hyp_vms[i];

		vm->vttbr = stage2_build(i, vm->ram_pa, vm->vmid);
		vm_reset(vm);
		vm_log(vm, "VMID %u, IPA 0x%llx-0x%llx -> PA 0x%llx, image %u bytes", vm->vmid,
		       (unsigned long long)GUEST_RAM_IPA,
		       (unsigned long long)(GUEST_RAM_IPA + GUEST_RAM_SIZE - 1),
		       (unsigned long long)vm->ram_pa, (unsigned int)(vm->image_end - vm->image));
	}
}
