/*
 * Exclusives, load-acquire/store-release and LSE atomics
 * (cpu/exec_atomic.c). Expected values follow the Arm ARM pseudocode:
 * LDXR/STXR/LDXP/STXP with AArch64.SetExclusiveMonitors and
 * AArch64.ExclusiveMonitorsPass (status 0 stored, 1 not), LDAR/STLR/LDAPR/
 * LDAPUR, MemAtomic (LD<op>, SWP: Rt gets the old value) and
 * MemAtomicCompareAndSwap (CAS, CASP: Rs gets the old value). Instruction
 * words come from aarch64-linux-gnu-as, with the source next to each. EL2,
 * MMU off.
 */
#include "harness.h"

#include "decode.h"
#include "syndrome.h"

#define D TH_DATA

/*
 * th_exec_fault() to EL2 (the same EL) with class ec, also leaving the 16
 * bytes at D unchanged. Returns ESR_EL2.
 */
static uint64_t exec_fault(struct cpu *cpu, uint32_t raw, unsigned ec)
{
	uint64_t m0 = th_read64(cpu, D), m1 = th_read64(cpu, D + 8);
	uint64_t esr = th_exec_fault(cpu, raw, 2, ec);
	assert_int_equal(th_read64(cpu, D), m0);
	assert_int_equal(th_read64(cpu, D + 8), m1);
	return esr;
}

/* An alignment fault: EC 0x25 (data abort, same EL), DFSC 0b100001, FAR = va. */
static void exec_align_fault(struct cpu *cpu, uint32_t raw, uint64_t va, bool wnr)
{
	uint64_t esr = exec_fault(cpu, raw, EC_DABT_CUR);
	assert_int_equal(esr & 0x3f, 0x21);
	assert_int_equal(!!(esr & DABT_ISS_WNR), wnr);
	assert_int_equal(cpu->sr[SR_FAR_EL2], va);
}

/* LDXR then STXR to the same address and size: the store happens, Ws = 0. */
static void test_exclusive_success(void **state)
{
	struct cpu *cpu = *state;
	th_write64(cpu, D, 0x1122334455667788ull);
	cpu->x[2] = D;
	cpu->x[3] = 0x55;
	cpu->x[4] = 0xaabbccddeeff0011ull;
	th_exec_ok(cpu, 0xc85f7c41 /* ldxr x1, [x2] */);
	assert_int_equal(cpu->x[1], 0x1122334455667788ull);
	th_exec_ok(cpu, 0xc8037c44 /* stxr w3, x4, [x2] */);
	assert_int_equal(cpu->x[3], 0);
	assert_int_equal(th_read64(cpu, D), 0xaabbccddeeff0011ull);

	/* Byte and halfword forms, acquire/release variants: same semantics. */
	th_exec_ok(cpu, 0x085ffc41 /* ldaxrb w1, [x2, #0] */);
	assert_int_equal(cpu->x[1], 0x11);
	th_exec_ok(cpu, 0x0803fc44 /* stlxrb w3, w4, [x2] */);
	assert_int_equal(cpu->x[3], 0);
	assert_int_equal(th_read64(cpu, D), 0xaabbccddeeff0011ull); /* stored byte 0x11 */
	cpu->x[4] = 0x9876;
	th_exec_ok(cpu, 0x485f7c41 /* ldxrh w1, [x2] */);
	th_exec_ok(cpu, 0x4803fc44 /* stlxrh w3, w4, [x2] */);
	assert_int_equal(cpu->x[3], 0);
	assert_int_equal(th_read64(cpu, D), 0xaabbccddeeff9876ull);
	th_exec_ok(cpu, 0x885ffc41 /* ldaxr w1, [x2] */);
	assert_int_equal(cpu->x[1], 0xeeff9876);
	th_exec_ok(cpu, 0x88037c44 /* stxr w3, w4, [x2] */);
	assert_int_equal(th_read64(cpu, D), 0xaabbccdd00009876ull);
}

/* STXR with no LDXR before it, or a second STXR: the monitor is Open, Ws = 1. */
static void test_exclusive_fail_open(void **state)
{
	struct cpu *cpu = *state;
	th_write64(cpu, D, 7);
	cpu->x[2] = D;
	cpu->x[4] = 9;
	th_exec_ok(cpu, 0xc8037c44 /* stxr w3, x4, [x2] */);
	assert_int_equal(cpu->x[3], 1);
	assert_int_equal(th_read64(cpu, D), 7);

	th_exec_ok(cpu, 0xc85f7c41 /* ldxr x1, [x2] */);
	th_exec_ok(cpu, 0xc8037c44 /* stxr w3, x4, [x2] */);
	assert_int_equal(cpu->x[3], 0);
	cpu->x[4] = 10;
	th_exec_ok(cpu,
	           0xc8037c44 /* stxr w3, x4, [x2] */); /* the first STXR cleared the monitor */
	assert_int_equal(cpu->x[3], 1);
	assert_int_equal(th_read64(cpu, D), 9);
}

/*
 * CONSTRAINED UNPREDICTABLE: a store-exclusive to another address or size
 * than the load-exclusive marked fails (and clears the monitor).
 */
static void test_exclusive_fail_mismatch(void **state)
{
	struct cpu *cpu = *state;
	cpu->x[2] = D;
	cpu->x[5] = D + 8;
	cpu->x[4] = 0x44;
	th_exec_ok(cpu, 0xc85f7c41 /* ldxr x1, [x2] */);
	th_exec_ok(cpu, 0xc8037ca4 /* stxr w3, x4, [x5] */); /* different address */
	assert_int_equal(cpu->x[3], 1);
	assert_int_equal(th_read64(cpu, D + 8), 0);
	th_exec_ok(cpu, 0xc8037c44 /* stxr w3, x4, [x2] */); /* monitor now Open */
	assert_int_equal(cpu->x[3], 1);

	th_exec_ok(cpu, 0xc85f7c41 /* ldxr x1, [x2] */);
	th_exec_ok(cpu, 0x88037c44 /* stxr w3, w4, [x2] */); /* same address, 4 bytes, not 8 */
	assert_int_equal(cpu->x[3], 1);
	assert_int_equal(th_read64(cpu, D), 0);
}

/* LDXP/STXP: two elements; a 32-bit pair is one doubleword, Wt the low half. */
static void test_exclusive_pair(void **state)
{
	struct cpu *cpu = *state;
	th_write64(cpu, D, 0x1111111122222222ull);
	th_write64(cpu, D + 8, 0x3333333344444444ull);
	cpu->x[3] = D;
	th_exec_ok(cpu, 0xc87f0861 /* ldxp x1, x2, [x3] */);
	assert_int_equal(cpu->x[1], 0x1111111122222222ull);
	assert_int_equal(cpu->x[2], 0x3333333344444444ull);
	cpu->x[5] = 0x5555;
	cpu->x[6] = 0x6666;
	th_exec_ok(cpu, 0xc8249865 /* stlxp w4, x5, x6, [x3] */);
	assert_int_equal(cpu->x[4], 0);
	assert_int_equal(th_read64(cpu, D), 0x5555);
	assert_int_equal(th_read64(cpu, D + 8), 0x6666);

	th_exec_ok(cpu, 0x887f8861 /* ldaxp w1, w2, [x3, #0] */);
	assert_int_equal(cpu->x[1], 0x5555);
	assert_int_equal(cpu->x[2], 0);
	th_exec_ok(cpu, 0x88241466 /* stxp w4, w6, w5, [x3] */);
	assert_int_equal(cpu->x[4], 0);
	assert_int_equal(th_read64(cpu, D), 0x0000555500006666ull);

	th_exec_ok(cpu, 0xc87f0861 /* ldxp x1, x2, [x3] */);
	th_exec_ok(cpu, 0xc8047c65 /* stxr w4, x5, [x3] */); /* 8 bytes against a 16-byte mark */
	assert_int_equal(cpu->x[4], 1);
}

/* Exclusives and atomics need natural alignment, pairs that of the pair. */
static void test_alignment_faults(void **state)
{
	struct cpu *cpu = *state;
	cpu->x[1] = 0x1111;
	cpu->x[2] = D + 4;
	cpu->x[3] = D + 8; /* 8-aligned, not 16-aligned */
	cpu->x[4] = 0x77;
	exec_align_fault(cpu, 0xc85f7c41 /* ldxr x1, [x2] */, D + 4, false);
	exec_align_fault(cpu, 0xc8057c44 /* stxr w5, x4, [x2] */, D + 4,
	                 true); /* checked before the monitor */
	exec_align_fault(cpu, 0xc87f1865 /* ldxp x5, x6, [x3] */, D + 8, false);
	exec_align_fault(cpu, 0xc8250464 /* stxp w5, x4, x1, [x3] */, D + 8, true);
	exec_align_fault(cpu, 0xc8dffc41 /* ldar x1, [x2] */, D + 4, false);
	exec_align_fault(cpu, 0xc89ffc44 /* stlr x4, [x2] */, D + 4, true);
	exec_align_fault(cpu, 0xf8240041 /* ldadd x4, x1, [x2] */, D + 4, false);
	exec_align_fault(cpu, 0xf8e48041 /* swpal x4, x1, [x2] */, D + 4, false);
	exec_align_fault(cpu, 0xc8a17c44 /* cas x1, x4, [x2] */, D + 4, false);
	exec_align_fault(cpu, 0x48207c64 /* casp x0, x1, x4, x5, [x3] */, D + 8, false);
	cpu->x[2] = D + 2;
	exec_align_fault(cpu, 0x885ffc41 /* ldaxr w1, [x2, #0] */, D + 2, false);
	cpu->x[2] = D + 1;
	exec_align_fault(cpu, 0x78240041 /* ldaddh w4, w1, [x2] */, D + 1, false);
	th_exec_ok(cpu, 0x38240041 /* ldaddb w4, w1, [x2] */); /* a byte is always aligned */
	assert_int_equal(cpu->x[1], 0);
}

/* LD<op>: Rt = old, memory = op(old, Rs); all eight at 64 bits. */
static void test_lse_ops(void **state)
{
	static const struct {
		uint32_t raw;
		uint64_t mem, rs, want;
	} c[] = {
	        /* ADD wraps modulo 2^64 */
	        {0xf8220061 /* ldadd x2, x1, [x3] */, 0xfffffffffffffff0ull, 0x20, 0x10},
	        /* BIC: old AND NOT Rs */
	        {0xf8221061 /* ldclr x2, x1, [x3] */, 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull,
	         0xf000f000f000f000ull},
	        {0xf8222061 /* ldeor x2, x1, [x3] */, 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull,
	         0xf0f0f0f0f0f0f0f0ull},
	        /* ORR */
	        {0xf8223061 /* ldset x2, x1, [x3] */, 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull,
	         0xfff0fff0fff0fff0ull},
	        /* At the sign boundary: INT64_MIN is the smallest signed, above INT64_MAX unsigned
	         */
	        {0xf8224061 /* ldsmax x2, x1, [x3] */, 0x8000000000000000ull, 0x7fffffffffffffffull,
	         0x7fffffffffffffffull},
	        {0xf8225061 /* ldsmin x2, x1, [x3] */, 0x8000000000000000ull, 0x7fffffffffffffffull,
	         0x8000000000000000ull},
	        {0xf8226061 /* ldumax x2, x1, [x3] */, 0x8000000000000000ull, 0x7fffffffffffffffull,
	         0x8000000000000000ull},
	        {0xf8227061 /* ldumin x2, x1, [x3] */, 0x8000000000000000ull, 0x7fffffffffffffffull,
	         0x7fffffffffffffffull},
	        {0xf8228061 /* swp x2, x1, [x3] */, 0x1234, 0x5678, 0x5678},
	};
	struct cpu *cpu = *state;
	cpu->x[3] = D;
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		th_write64(cpu, D, c[i].mem);
		cpu->x[2] = c[i].rs;
		cpu->x[1] = 0x5a5a;
		th_exec_ok(cpu, c[i].raw);
		assert_int_equal(cpu->x[1], c[i].mem);
		assert_int_equal(th_read64(cpu, D), c[i].want);
		assert_int_equal(cpu->x[2], c[i].rs);
	}
}

/*
 * Narrow sizes: the operation is on datasize bits (signed compares of the
 * sign-extended element), Wt gets the old element zero-extended, and the
 * neighbouring bytes are untouched.
 */
static void test_lse_sizes(void **state)
{
	static const struct {
		uint32_t raw;
		uint64_t rs, want_rt, want_mem;
	} c[] = {
	        /* byte 0x80 = -128 < 0x7f: signed max is 0x7f, unsigned max stays 0x80 */
	        {0x38224061 /* ldsmaxb w2, w1, [x3] */, 0x7f, 0x80, 0xaaaaaaaaaaaaaa7full},
	        {0x38226061 /* ldumaxb w2, w1, [x3] */, 0x7f, 0x80, 0xaaaaaaaaaaaaaa80ull},
	        {0x38225061 /* ldsminb w2, w1, [x3] */, 0x7f, 0x80, 0xaaaaaaaaaaaaaa80ull},
	        {0x38227061 /* lduminb w2, w1, [x3] */, 0x7f, 0x80, 0xaaaaaaaaaaaaaa7full},
	        /* halfword 0xaa80 (negative) vs 1; Rs bits above 15 are ignored */
	        {0x78225061 /* ldsminh w2, w1, [x3] */, 0xffff0001, 0xaa80, 0xaaaaaaaaaaaaaa80ull},
	        {0x78227061 /* lduminh w2, w1, [x3] */, 0xffff0001, 0xaa80, 0xaaaaaaaaaaaa0001ull},
	        /* word: the carry out of bit 31 is lost */
	        {0xb8220061 /* ldadd w2, w1, [x3] */, 0x56555556, 0xaaaaaa80,
	         0xaaaaaaaa00ffffd6ull},
	        {0x78228061 /* swph w2, w1, [x3] */, 0x1234, 0xaa80, 0xaaaaaaaaaaaa1234ull},
	        {0x38222061 /* ldeorb w2, w1, [x3] */, 0xff, 0x80, 0xaaaaaaaaaaaaaa7full},
	};
	struct cpu *cpu = *state;
	cpu->x[3] = D;
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		th_write64(cpu, D, 0xaaaaaaaaaaaaaa80ull);
		cpu->x[2] = c[i].rs;
		cpu->x[1] = ~0ull;
		th_exec_ok(cpu, c[i].raw);
		assert_int_equal(cpu->x[1], c[i].want_rt);
		assert_int_equal(th_read64(cpu, D), c[i].want_mem);
	}
}

/* The A, L, AL variants and the ST<op> aliases (Rt = ZR) compute the same. */
static void test_lse_orderings(void **state)
{
	static const uint32_t add[] = {
	        0xf8220061 /* ldadd x2, x1, [x3] */,    0xf8a20061 /* ldadda x2, x1, [x3] */,
	        0xf8620061 /* ldaddl x2, x1, [x3] */,   0xf8e20061 /* ldaddal x2, x1, [x3] */,
	        0xf822007f /* stadd x2, [x3] */,        0xf862007f /* staddl x2, [x3] */,
	        0xf8e2007f /* ldaddal x2, xzr, [x3] */,
	};
	struct cpu *cpu = *state;
	cpu->x[3] = D;
	cpu->x[2] = 3;
	for (size_t i = 0; i < sizeof(add) / sizeof(add[0]); i++) {
		th_write64(cpu, D, 100);
		cpu->x[1] = 0;
		th_exec_ok(cpu, add[i]);
		assert_int_equal(th_read64(cpu, D), 103);
		assert_int_equal(cpu->x[1], bits32(add[i], 4, 0) == 1 ? 100 : 0);
		assert_int_equal(cpu->x[31], 0);
	}
	th_write64(cpu, D, 0xf0);
	th_exec_ok(cpu, 0x3862107f /* stclrlb w2, [x3] */);
	assert_int_equal(th_read64(cpu, D), 0xf0); /* 0xf0 & ~3 */
	th_exec_ok(cpu, 0x3822307f /* stsetb w2, [x3] */);
	assert_int_equal(th_read64(cpu, D), 0xf3);
}

/* CAS: store Rt only if memory equals Rs<datasize-1:0>; Rs = old either way. */
static void test_cas(void **state)
{
	struct cpu *cpu = *state;
	th_write64(cpu, D, 0x1000);
	cpu->x[3] = D;
	cpu->x[1] = 0x1000;
	cpu->x[2] = 0x2000;
	th_exec_ok(cpu, 0xc8a17c62 /* cas x1, x2, [x3] */);
	assert_int_equal(th_read64(cpu, D), 0x2000);
	assert_int_equal(cpu->x[1], 0x1000);

	cpu->x[1] = 0x1000; /* memory is 0x2000 now: compare fails */
	cpu->x[2] = 0x3000;
	th_exec_ok(cpu, 0xc8e1fc62 /* casal x1, x2, [x3] */);
	assert_int_equal(th_read64(cpu, D), 0x2000);
	assert_int_equal(cpu->x[1], 0x2000);

	/* CASB compares Ws<7:0> only; Ws gets the byte zero-extended */
	th_write64(cpu, D, 0xaaaaaaaaaaaaaa80ull);
	cpu->x[1] = 0xffffff80;
	cpu->x[2] = 0x17;
	th_exec_ok(cpu, 0x08e17c62 /* casab w1, w2, [x3] */);
	assert_int_equal(th_read64(cpu, D), 0xaaaaaaaaaaaaaa17ull);
	assert_int_equal(cpu->x[1], 0x80);

	cpu->x[1] = 0xaa17; /* CASH: halfword is 0xaa17 */
	cpu->x[2] = 0xbeef;
	th_exec_ok(cpu, 0x48a1fc62 /* caslh w1, w2, [x3] */);
	assert_int_equal(th_read64(cpu, D), 0xaaaaaaaaaaaabeefull);
	cpu->x[1] = 0; /* CAS W fails: word is 0xaaaabeef */
	th_exec_ok(cpu, 0x88e17c62 /* casa w1, w2, [x3] */);
	assert_int_equal(cpu->x[1], 0xaaaabeef);
	assert_int_equal(th_read64(cpu, D), 0xaaaaaaaaaaaabeefull);
}

/* CASP: both elements must match; Rs, Rs+1 get the old pair. */
static void test_casp(void **state)
{
	struct cpu *cpu = *state;
	th_write64(cpu, D, 0xa);
	th_write64(cpu, D + 8, 0xb);
	cpu->x[4] = D;
	cpu->x[0] = 0xa;
	cpu->x[1] = 0xb;
	cpu->x[2] = 0xc;
	cpu->x[3] = 0xd;
	th_exec_ok(cpu, 0x4860fc82 /* caspal x0, x1, x2, x3, [x4] */);
	assert_int_equal(th_read64(cpu, D), 0xc);
	assert_int_equal(th_read64(cpu, D + 8), 0xd);
	assert_int_equal(cpu->x[0], 0xa);
	assert_int_equal(cpu->x[1], 0xb);

	cpu->x[0] = 0xc; /* first matches, second does not */
	cpu->x[1] = 0xe;
	th_exec_ok(cpu, 0x48207c82 /* casp x0, x1, x2, x3, [x4] */);
	assert_int_equal(th_read64(cpu, D), 0xc);
	assert_int_equal(th_read64(cpu, D + 8), 0xd);
	assert_int_equal(cpu->x[0], 0xc);
	assert_int_equal(cpu->x[1], 0xd);

	/* 32-bit pair: Ws at the lower address */
	cpu->x[6] = 0xc; /* the word at D */
	cpu->x[7] = 0;   /* the word at D+4 */
	cpu->x[8] = 0x11111111;
	cpu->x[9] = 0x22222222;
	th_exec_ok(cpu, 0x0826fc88 /* caspl w6, w7, w8, w9, [x4] */);
	assert_int_equal(th_read64(cpu, D), 0x2222222211111111ull);
	assert_int_equal(th_read64(cpu, D + 8), 0xd);
}

/* CASP with an odd Rs or Rt: UNDEFINED (the Arm ARM's decode, not a choice). */
static void test_casp_odd_registers(void **state)
{
	struct cpu *cpu = *state;
	/* casp x0, x1, x2, x3, [x4] is 0x48207c82: Rs [20:16], Rt [4:0] */
	uint32_t odd_rs = 0x48207c82u | (1u << 16), odd_rt = 0x48207c82u | 1u;
	assert_null(decode_find(odd_rs));
	assert_null(decode_find(odd_rt));
	exec_fault(cpu, odd_rs, EC_UNKNOWN);
	exec_fault(cpu, odd_rt, EC_UNKNOWN);
}

/* A faulting atomic changes neither Rs/Rt nor memory (exec_fault checks). */
static void test_atomic_fault_state(void **state)
{
	struct cpu *cpu = *state;
	cpu->x[1] = 0x11;
	cpu->x[2] = 0x22;
	cpu->x[3] = D + 4;
	cpu->x[5] = 0x55;
	exec_fault(cpu, 0xc8057c61 /* stxr w5, x1, [x3] */, EC_DABT_CUR); /* w5 keeps 0x55 */
	exec_fault(cpu, 0xc8a17c62 /* cas x1, x2, [x3] */, EC_DABT_CUR);
	exec_fault(cpu, 0xf8e11062 /* ldclral x1, x2, [x3] */, EC_DABT_CUR);
}

/* LDAR/STLR/LDAPR/LDAPUR/STLUR: plain loads and stores in one PE. */
static void test_acquire_release(void **state)
{
	struct cpu *cpu = *state;
	th_write64(cpu, D, 0x8877665544332211ull);
	th_write64(cpu, D + 8, 0x0000000080000000ull);
	cpu->x[2] = D;
	th_exec_ok(cpu, 0xc8dffc41 /* ldar x1, [x2] */);
	assert_int_equal(cpu->x[1], 0x8877665544332211ull);
	th_exec_ok(cpu, 0x08dffc41 /* ldarb w1, [x2] */);
	assert_int_equal(cpu->x[1], 0x11);
	th_exec_ok(cpu, 0x78bfc041 /* ldaprh w1, [x2] */);
	assert_int_equal(cpu->x[1], 0x2211);
	th_exec_ok(cpu, 0xb8bfc041 /* ldapr w1, [x2] */);
	assert_int_equal(cpu->x[1], 0x44332211);
	/* LDLAR/STLLR (o0 = 0) are FEAT_LOR, not implemented: UNDEFINED. */
	exec_fault(cpu, 0xc8df7c41 /* ldlar x1, [x2] */, 0x00);
	exec_fault(cpu, 0xc89f7c43 /* stllr x3, [x2] */, 0x00);
	th_exec_ok(cpu, 0x99808041 /* ldapursw x1, [x2, #8] */);
	assert_int_equal(cpu->x[1], 0xffffffff80000000ull);
	th_exec_ok(cpu, 0x19c07041 /* ldapursb w1, [x2, #7] */);
	assert_int_equal(cpu->x[1], 0xffffff88);
	cpu->x[2] = D + 16;
	th_exec_ok(cpu, 0xd95f0041 /* ldapur x1, [x2, #-16] */);
	assert_int_equal(cpu->x[1], 0x8877665544332211ull);

	cpu->x[3] = 0xcafe;
	th_exec_ok(cpu, 0x591f0043 /* stlurh w3, [x2, #-16] */);
	assert_int_equal(th_read64(cpu, D), 0x887766554433cafeull);
	cpu->x[2] = D;
	th_exec_ok(cpu, 0x089ffc43 /* stlrb w3, [x2] */);
	assert_int_equal(th_read64(cpu, D), 0x887766554433cafeull); /* byte 0xfe again */
	th_exec_ok(cpu, 0x889ffc43 /* stlr w3, [x2] */);
	assert_int_equal(th_read64(cpu, D), 0x887766550000cafeull);
	th_exec_ok(cpu, 0xc89ffc43 /* stlr x3, [x2] */);
	assert_int_equal(th_read64(cpu, D), 0xcafe);
	cpu->sp_el[2] = D + 8;
	th_exec_ok(cpu, 0xc89fffe2 /* stlr x2, [sp] */);
	assert_int_equal(th_read64(cpu, D + 8), D);
}

/*
 * CONSTRAINED UNPREDICTABLE, STXR/STXP with Rs == Rt or Rt2
 * (Unpredictable_DATAOVERLAP) or Rs == Rn (BASEOVERLAP): Constraint_NONE,
 * the original Rt value goes to the original address, then Rs = status.
 */
static void test_cu_store_exclusive_overlap(void **state)
{
	struct cpu *cpu = *state;
	cpu->x[1] = 0x1234;
	cpu->x[2] = D;
	th_exec_ok(cpu, 0xc85f7c43 /* ldxr x3, [x2] */);
	th_exec_ok(cpu, 0xc8017c41 /* stxr w1, x1, [x2] */);
	assert_int_equal(th_read64(cpu, D), 0x1234);
	assert_int_equal(cpu->x[1], 0);

	cpu->x[1] = 0x5678;
	th_exec_ok(cpu, 0xc85f7c43 /* ldxr x3, [x2] */);
	th_exec_ok(cpu, 0xc8027c41 /* stxr w2, x1, [x2] */);
	assert_int_equal(th_read64(cpu, D), 0x5678);
	assert_int_equal(cpu->x[2], 0);

	cpu->x[1] = 0x1111;
	cpu->x[2] = 0x2222;
	cpu->x[3] = D;
	th_exec_ok(cpu, 0xc87f1464 /* ldxp x4, x5, [x3] */);
	th_exec_ok(cpu, 0xc8220861 /* stxp w2, x1, x2, [x3] */);
	assert_int_equal(th_read64(cpu, D), 0x1111);
	assert_int_equal(th_read64(cpu, D + 8), 0x2222);
	assert_int_equal(cpu->x[2], 0);
}

/* CONSTRAINED UNPREDICTABLE, LDXP with Rt == Rt2: Constraint_UNDEF, as LDP. */
static void test_cu_ldxp_same_register(void **state)
{
	struct cpu *cpu = *state;
	cpu->x[2] = D;
	exec_fault(cpu, 0xc87f0441 /* ldxp x1, x1, [x2] */, EC_UNKNOWN);
	exec_fault(cpu, 0x887f8c43 /* ldaxp w3, w3, [x2] */, EC_UNKNOWN);
	assert_false(cpu->excl_valid);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TH_TEST_EL2(test_exclusive_success),
	        TH_TEST_EL2(test_exclusive_fail_open),
	        TH_TEST_EL2(test_exclusive_fail_mismatch),
	        TH_TEST_EL2(test_exclusive_pair),
	        TH_TEST_EL2(test_alignment_faults),
	        TH_TEST_EL2(test_lse_ops),
	        TH_TEST_EL2(test_lse_sizes),
	        TH_TEST_EL2(test_lse_orderings),
	        TH_TEST_EL2(test_cas),
	        TH_TEST_EL2(test_casp),
	        TH_TEST_EL2(test_casp_odd_registers),
	        TH_TEST_EL2(test_atomic_fault_state),
	        TH_TEST_EL2(test_acquire_release),
	        TH_TEST_EL2(test_cu_store_exclusive_overlap),
	        TH_TEST_EL2(test_cu_ldxp_same_register),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
