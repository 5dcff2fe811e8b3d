/* SPDX-License-Identifier: MIT */
/*
 * The hypercall ABI between hyp/ and its guests: the one header both sides
 * include (DESIGN.md: hyp/ and guests/ share nothing else).
 *
 * Calls follow the SMC Calling Convention (Arm DEN 0028, SMCCC v1.1): the
 * function ID in W0, arguments in X1-X7, results in X0-X3; HVC #0 from EL1
 * (SMC #0 works too: hyp/ sets HCR_EL2.TSC and treats a trapped SMC as the
 * same call). Function IDs are SMC32 fast calls: bit 31 set, bit 30 clear,
 * owner [29:24], function number [15:0].
 *
 *   owner 4 (Standard Secure Service): PSCI (Arm DEN 0022, PSCI 1.1)
 *   owner 6 (Vendor Specific Hypervisor Service): el2sim's own calls
 *
 * An unknown function ID is a guest mistake: hyp/ injects an UNDEFINED
 * exception (ESR EC 0x00) into the calling guest at its HVC or SMC.
 */
#ifndef EL2SIM_HYPERCALL_H
#define EL2SIM_HYPERCALL_H

/* PSCI 1.1 function IDs (DEN 0022, "Function IDs", SMC32). */
#define PSCI_VERSION      0x84000000u /* -> x0 = 0x00010001 (1.1) */
#define PSCI_CPU_OFF      0x84000002u /* this guest's vCPU stops for good */
#define PSCI_SYSTEM_OFF   0x84000008u /* this guest is finished */
#define PSCI_SYSTEM_RESET 0x84000009u /* this guest restarts from its entry point */
#define PSCI_VERSION_1_1  0x00010001u

/* Vendor hypervisor calls (SMCCC owner 6, fast, SMC32). */
#define HC_CONSOLE_WRITE                                                                   \
	0x86000001u            /* x1 = IPA of the bytes, x2 = length -> x0 = bytes written \
	                        */
#define HC_YIELD   0x86000002u /* give up the rest of this time slice -> x0 = 0 */
#define HC_VCPU_ID 0x86000003u /* -> x0 = this guest's VM number (0 or 1) */
#define HC_TIME    0x86000004u /* -> x0 = the guest's virtual count (CNTVCT_EL0) */
#define HC_EXIT_STATUS                                                       \
	0x86000005u /* x1 = the guest's verdict on its own work, 0 = all     \
	               checks passed; call before PSCI_SYSTEM_OFF -> x0 = 0. \
	               hyp/ exits 0 only if every guest said 0 and powered off */

/* Errors a vendor call returns in x0 (SMCCC-style negative values). */
#define HC_ERR_ADDRESS (-2) /* HC_CONSOLE_WRITE: the bytes are not all in the guest's RAM */

/* The largest HC_CONSOLE_WRITE: longer writes are cut to it (x0 says how much went). */
#define HC_CONSOLE_MAX 256u

/*
 * The guest physical (IPA) memory map every guest sees. There is no GIC
 * distributor: a guest takes its interrupts through the ICC (ICV) system
 * registers only.
 */
#define GUEST_RAM_IPA  0x40000000ull /* guest RAM, as on the virt board */
#define GUEST_RAM_SIZE 0x00400000ull /* 4 MiB of it; anything else outside the UART aborts */
#define GUEST_UART_IPA 0x09000000ull /* an emulated PL011 (trap-and-emulate) */

/* Interrupts a guest sees (virtual INTIDs through the GIC list registers). */
#define GUEST_VTIMER_INTID 27u /* its EL1 virtual timer */

#endif
