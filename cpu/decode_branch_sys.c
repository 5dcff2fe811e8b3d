/*
 * Decode table: branches, exception generating and system instructions,
 * bits [28:25] = 101x (Arm ARM C4.1.65?). Rows read like the encoding
 * index; anything that matches no row is UNDEFINED, which covers DCPS1-3
 * and DRPS outside Debug state, TME, the PAuth branches (FEAT_PAuth is not
 * implemented), BC.cond (FEAT_HBC) and the WFET/WFIT, CFINV and flag-format
 * PSTATE forms of features el2sim does not implement.
 */
#include "decode.h"
#include "exec_branch_sys.h"

// clang-format off
struct decode_row decode_branch_sys[] = {
	/*         3        2         1         0
	 *         10987654 321098765432109876543210 */
	{"0 00101 iiiiiiiiiiiiiiiiiiiiiiiiii",          "B",           fill_branch_imm,   exec_b},
	{"1 00101 iiiiiiiiiiiiiiiiiiiiiiiiii",          "BL",          fill_branch_imm,   exec_bl},
	{"s 011010 o iiiiiiiiiiiiiiiiiii ttttt",        "CBZ/CBNZ",    fill_cb,           exec_cb},
	{"b 011011 o bbbbb iiiiiiiiiiiiii ttttt",       "TBZ/TBNZ",    fill_tb,           exec_tb},
	{"0101010 0 iiiiiiiiiiiiiiiiiii 0 cccc",        "B.cond",      fill_b_cond,       exec_b_cond},

	/* Exception generation: 11010100 opc imm16 op2 LL */
	{"11010100 000 iiiiiiiiiiiiiiii 000 01",        "SVC",         fill_exc_gen,      exec_svc},
	{"11010100 000 iiiiiiiiiiiiiiii 000 10",        "HVC",         fill_exc_gen,      exec_hvc},
	{"11010100 000 iiiiiiiiiiiiiiii 000 11",        "SMC",         fill_exc_gen,      exec_smc},
	{"11010100 001 iiiiiiiiiiiiiiii 000 00",        "BRK",         fill_exc_gen,      exec_brk},
	{"11010100 010 iiiiiiiiiiiiiiii 000 00",        "HLT",         fill_exc_gen,      exec_hlt},

	/* System: 1101010100 L op0 op1 CRn CRm op2 Rt */
	{"1101010100 0 00 011 0010 0000 010 11111",     "WFE",         fill_hint_barrier, exec_wfe},
	{"1101010100 0 00 011 0010 0000 011 11111",     "WFI",         fill_hint_barrier, exec_wfi},
	{"1101010100 0 00 011 0010 0000 100 11111",     "SEV",         fill_hint_barrier, exec_sev},
	{"1101010100 0 00 011 0010 0000 101 11111",     "SEVL",        fill_hint_barrier, exec_sev},
	{"1101010100 0 00 011 0010 0010 000 11111",     "ESB",         fill_hint_barrier, exec_esb},
	/* Every other hint, allocated or not, is a NOP (Arm ARM C6.2 "HINT"):
	 * NOP, YIELD, BTI, CSDB, DGH, the PAuth hints of an implementation
	 * without PAuth. */
	{"1101010100 0 00 011 0010 mmmm ooo 11111",     "HINT",        fill_hint_barrier, exec_nop},
	{"1101010100 0 00 011 0011 mmmm 010 11111",     "CLREX",       fill_hint_barrier, exec_clrex},
	{"1101010100 0 00 011 0011 mmmm 100 11111",     "DSB",         fill_hint_barrier, exec_nop},
	{"1101010100 0 00 011 0011 mmmm 101 11111",     "DMB",         fill_hint_barrier, exec_nop},
	{"1101010100 0 00 011 0011 mmmm 110 11111",     "ISB",         fill_hint_barrier, exec_nop},
	{"1101010100 0 00 011 0011 mmmm 111 11111",     "SB",          fill_hint_barrier, exec_nop},
	{"1101010100 0 00 ppp 0100 mmmm qqq 11111",     "MSR (imm)",   fill_hint_barrier, exec_msr_imm},
	{"1101010100 0 01 ppp nnnn mmmm qqq ttttt",     "SYS",         fill_sys,          exec_sys},
	{"1101010100 0 1o ppp nnnn mmmm qqq ttttt",     "MSR (reg)",   fill_sys,          exec_msr},
	{"1101010100 1 1o ppp nnnn mmmm qqq ttttt",     "MRS",         fill_sys,          exec_mrs},

	/* Unconditional branch (register): 1101011 opc op2 op3 Rn op4 */
	{"1101011 0000 11111 000000 nnnnn 00000",       "BR",          fill_branch_reg,   exec_br},
	{"1101011 0001 11111 000000 nnnnn 00000",       "BLR",         fill_branch_reg,   exec_blr},
	{"1101011 0010 11111 000000 nnnnn 00000",       "RET",         fill_branch_reg,   exec_br},
	{"1101011 0100 11111 000000 11111 00000",       "ERET",        fill_branch_reg,   exec_eret},
	{NULL, NULL, NULL, NULL, 0, 0},
};
// clang-format on
