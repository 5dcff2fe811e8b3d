/* SPDX-License-Identifier: MIT */
/*
 * The guests, linked into hyp.elf as payloads (as Bao does): each is the
 * flat binary (objcopy -O binary) of a guest ELF linked at GUEST_RAM_IPA.
 * The build passes the two file names; vm.c copies them to the VMs' RAM.
 */
	.macro	payload name, file
	.section .rodata.payload, "a"
	.balign	16
	.globl	\name\()_start
	.globl	\name\()_end
\name\()_start:
	.incbin	"\file"
\name\()_end:
	.endm

	payload	vm0_image, VM0_IMAGE
	payload	vm1_image, VM1_IMAGE
