/*
 * The GICv3 virtual CPU interface through its C API (cpu/gic_vcpuif.h):
 * list registers written as EL2 would, ICV_* accesses as EL1 makes them
 * with HCR_EL2.IMO/FMO set, and a fake redistributor port recording the
 * maintenance PPI and physical deactivations. Expected values come from
 * IHI 0069: the ICH_LR<n>_EL2, ICH_HCR_EL2, ICH_VMCR_EL2, ICH_MISR_EL2,
 * ICH_EISR_EL2, ICH_ELRSR_EL2 and ICV_* register descriptions (12.3, 12.4),
 * chapter 6 "Virtual Interrupt Handling and Prioritization" and 4.8
 * (priority grouping, preemption, active priorities). The configuration
 * (ICH_VTR_EL2): 4 LRs, 5 priority and 5 preemption bits, so ICH_AP<n>R0_EL2
 * bit k stands for group priority k << 3, VBPR0 >= 2, VBPR1 >= 3.
 */
#include "harness.h"

#include "gic_cpuif.h"
#include "gic_port.h"
#include "gic_vcpuif.h"
#include "irq.h"

/* ICH_LR<n>_EL2: State [63:62], HW [61], Group [60], Priority [55:48],
 * pINTID [44:32] (HW 1), EOI [41] (HW 0), vINTID [31:0]. */
enum { INVALID = 0, PENDING = 1, ACTIVE = 2, PENDING_ACTIVE = 3 };
#define LR_STATE(s)  ((uint64_t)(s) << 62)
#define LR_HW        (1ull << 61)
#define LR_G1        (1ull << 60)
#define LR_PRIO(p)   ((uint64_t)(p) << 48)
#define LR_PINTID(p) ((uint64_t)(p) << 32)
#define LR_EOI       (1ull << 41)

/* ICH_HCR_EL2 */
#define HCR_EN       (1ull << 0)
#define HCR_UIE      (1ull << 1)
#define HCR_LRENPIE  (1ull << 2)
#define HCR_NPIE     (1ull << 3)
#define HCR_VGRP0EIE (1ull << 4)
#define HCR_VGRP0DIE (1ull << 5)
#define HCR_VGRP1EIE (1ull << 6)
#define HCR_VGRP1DIE (1ull << 7)
#define EOICOUNT(h)  (((h) >> 27) & 0x1f)

/* ICH_VMCR_EL2 */
#define VMCR_VENG0    (1ull << 0)
#define VMCR_VENG1    (1ull << 1)
#define VMCR_VFIQEN   (1ull << 3) /* RES1 here */
#define VMCR_VCBPR    (1ull << 4)
#define VMCR_VEOIM    (1ull << 9)
#define VMCR_VBPR1(b) ((uint64_t)(b) << 18)
#define VMCR_VBPR0(b) ((uint64_t)(b) << 21)
#define VMCR_VPMR(p)  ((uint64_t)(p) << 24)

/* ICH_MISR_EL2 */
#define MISR_EOI    (1u << 0)
#define MISR_U      (1u << 1)
#define MISR_LRENP  (1u << 2)
#define MISR_NP     (1u << 3)
#define MISR_VGRP0E (1u << 4)
#define MISR_VGRP0D (1u << 5)
#define MISR_VGRP1E (1u << 6)
#define MISR_VGRP1D (1u << 7)

#define SPURIOUS 1023u

/* The fake redistributor: what the CPU interface told it. */
static struct fake_gic {
	unsigned ppi_calls;  /* calls of ppi() for PPI 25 */
	bool maint;          /* the level last driven on PPI 25 */
	unsigned other_ppis; /* calls for any other PPI */
	unsigned ndeact;     /* deactivate() calls */
	uint32_t deact[8];   /* their INTIDs */
} fake;

static void fake_ppi(void *opaque, unsigned intid, bool level)
{
	struct fake_gic *f = opaque;
	if (intid != GIC_PPI_MAINT) {
		f->other_ppis++;
		return;
	}
	f->ppi_calls++;
	f->maint = level;
}

static void fake_deactivate(void *opaque, uint32_t intid)
{
	struct fake_gic *f = opaque;
	if (f->ndeact < 8)
		f->deact[f->ndeact] = intid;
	f->ndeact++;
}

static const enum sysreg_id lr_id[4] = {SR_ICH_LR0_EL2, SR_ICH_LR1_EL2, SR_ICH_LR2_EL2,
                                        SR_ICH_LR3_EL2};

/* EL2 writing ICH_* state, then the write path's vgic_update(). */
static void set_lr(struct cpu *cpu, unsigned n, uint64_t v)
{
	cpu->sr[lr_id[n]] = v;
	vgic_update(cpu);
}

static unsigned lr_state(struct cpu *cpu, unsigned n)
{
	return (unsigned)(cpu->sr[lr_id[n]] >> 62);
}

static void set_hcr(struct cpu *cpu, uint64_t v)
{
	cpu->sr[SR_ICH_HCR_EL2] = v;
	vgic_update(cpu);
}

static void set_vmcr(struct cpu *cpu, uint64_t v)
{
	gic_sysreg_write(cpu, SR_ICH_VMCR_EL2, v | VMCR_VFIQEN);
}

static bool virq(struct cpu *cpu)
{
	return (cpu->virq_in & VIRQ_LINE_IRQ) != 0;
}

static bool vfiq(struct cpu *cpu)
{
	return (cpu->virq_in & VIRQ_LINE_FIQ) != 0;
}

static uint64_t misr(struct cpu *cpu)
{
	return vgic_ich_read(cpu, SR_ICH_MISR_EL2);
}

/*
 * The fake port installed; ICH_HCR_EL2.En; both groups enabled, VPMR 0xf8
 * (everything but the lowest priority unmasked), the minimum binary points.
 */
static struct cpu *vcpu(void **state)
{
	struct cpu *cpu = *state;
	fake = (struct fake_gic){0};
	cpu->bus.gic = (struct gic_port){
	        .opaque = &fake,
	        .ppi = fake_ppi,
	        .deactivate = fake_deactivate,
	};
	cpu->sr[SR_ICH_HCR_EL2] = HCR_EN;
	set_vmcr(cpu, VMCR_VENG0 | VMCR_VENG1 | VMCR_VPMR(0xf8) | VMCR_VBPR0(2) | VMCR_VBPR1(3));
	return cpu;
}

/* Pending -> (IAR) active -> (EOIR, VEOIM 0) invalid, with the active
 * priority bit set and cleared and the vIRQ line following. */
static void test_lifecycle(void **state)
{
	struct cpu *cpu = vcpu(state);
	assert_false(virq(cpu));
	set_lr(cpu, 0, LR_STATE(PENDING) | LR_G1 | LR_PRIO(0x80) | 40);
	assert_true(virq(cpu));
	assert_false(vfiq(cpu));
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_HPPIR1_EL1), 40);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_HPPIR0_EL1), SPURIOUS);
	/* ICV_IAR0 does not acknowledge a Group 1 interrupt. */
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR0_EL1), SPURIOUS);
	assert_int_equal(lr_state(cpu, 0), PENDING);

	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), 40);
	assert_int_equal(lr_state(cpu, 0), ACTIVE);
	assert_int_equal(cpu->sr[SR_ICH_AP1R0_EL2], 1u << (0x80 >> 3));
	assert_int_equal(cpu->sr[SR_ICH_AP0R0_EL2], 0);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_RPR_EL1), 0x80);
	assert_false(virq(cpu));
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), SPURIOUS);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_HPPIR1_EL1), SPURIOUS);

	vgic_icv_write(cpu, SR_ICC_EOIR1_EL1, 40);
	assert_int_equal(lr_state(cpu, 0), INVALID);
	assert_int_equal(cpu->sr[SR_ICH_AP1R0_EL2], 0);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_RPR_EL1), 0xff);
	assert_int_equal(EOICOUNT(cpu->sr[SR_ICH_HCR_EL2]), 0);
	assert_int_equal(fake.ndeact, 0);
	assert_int_equal(fake.ppi_calls, 0);
}

/* The highest priority (lowest value) pending LR is chosen; Pending and
 * active LRs are not candidates; acknowledged in priority order. */
static void test_priority_selection(void **state)
{
	struct cpu *cpu = vcpu(state);
	set_lr(cpu, 0, LR_STATE(PENDING) | LR_G1 | LR_PRIO(0x90) | 50);
	set_lr(cpu, 1, LR_STATE(PENDING) | LR_G1 | LR_PRIO(0x60) | 51);
	set_lr(cpu, 2, LR_STATE(PENDING_ACTIVE) | LR_G1 | LR_PRIO(0x20) | 52);
	set_lr(cpu, 3, LR_STATE(PENDING) | LR_G1 | LR_PRIO(0xa8) | 53);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_HPPIR1_EL1), 51);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), 51);
	vgic_icv_write(cpu, SR_ICC_EOIR1_EL1, 51);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), 50);
	vgic_icv_write(cpu, SR_ICC_EOIR1_EL1, 50);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), 53);
	vgic_icv_write(cpu, SR_ICC_EOIR1_EL1, 53);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), SPURIOUS);
	assert_int_equal(lr_state(cpu, 2), PENDING_ACTIVE);
}

/* The highest-priority pending interrupt is signalled only if its priority
 * is higher (lower in value) than VPMR; ICV_PMR_EL1 is VPMR, 5 bits. */
static void test_vpmr(void **state)
{
	struct cpu *cpu = vcpu(state);
	vgic_icv_write(cpu, SR_ICC_PMR_EL1, 0x80);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_PMR_EL1), 0x80);
	assert_int_equal(cpu->sr[SR_ICH_VMCR_EL2] >> 24, 0x80);
	set_lr(cpu, 0, LR_STATE(PENDING) | LR_G1 | LR_PRIO(0x80) | 60);
	assert_false(virq(cpu));
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), SPURIOUS);
	/* HPPIR is not masked by VPMR. */
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_HPPIR1_EL1), 60);
	vgic_icv_write(cpu, SR_ICC_PMR_EL1, 0x8f); /* [2:0] not implemented */
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_PMR_EL1), 0x88);
	assert_true(virq(cpu));
	vgic_icv_write(cpu, SR_ICC_PMR_EL1, 0);
	assert_false(virq(cpu));
	vgic_icv_write(cpu, SR_ICC_PMR_EL1, 0xff);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_PMR_EL1), 0xf8);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), 60);
}

/* Preemption: a pending interrupt is signalled while another is active only
 * if its group priority is higher than the running priority; nested
 * acknowledge and EOI drop the priorities in order. */
static void test_preemption(void **state)
{
	struct cpu *cpu = vcpu(state);
	set_lr(cpu, 0, LR_STATE(PENDING) | LR_G1 | LR_PRIO(0x80) | 70);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), 70);
	/* Same group priority: no preemption. */
	set_lr(cpu, 1, LR_STATE(PENDING) | LR_G1 | LR_PRIO(0x80) | 71);
	assert_false(virq(cpu));
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), SPURIOUS);
	/* Higher priority: preempts. */
	set_lr(cpu, 2, LR_STATE(PENDING) | LR_G1 | LR_PRIO(0x40) | 72);
	assert_true(virq(cpu));
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), 72);
	assert_int_equal(cpu->sr[SR_ICH_AP1R0_EL2], (1u << 16) | (1u << 8));
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_RPR_EL1), 0x40);
	assert_false(virq(cpu));
	/* EOI of the inner one: back to running priority 0x80. */
	vgic_icv_write(cpu, SR_ICC_EOIR1_EL1, 72);
	assert_int_equal(lr_state(cpu, 2), INVALID);
	assert_int_equal(lr_state(cpu, 0), ACTIVE);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_RPR_EL1), 0x80);
	assert_false(virq(cpu));
	vgic_icv_write(cpu, SR_ICC_EOIR1_EL1, 70);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_RPR_EL1), 0xff);
	assert_true(virq(cpu)); /* 71 can be signalled now */
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), 71);
}

/* Group 0 preempting Group 1 and vice versa: one running priority over
 * both groups (ICV_RPR_EL1 from both ICH_AP<n>R0_EL2). */
static void test_preemption_across_groups(void **state)
{
	struct cpu *cpu = vcpu(state);
	set_lr(cpu, 0, LR_STATE(PENDING) | LR_G1 | LR_PRIO(0x80) | 80);
	set_lr(cpu, 1, LR_STATE(PENDING) | LR_PRIO(0xa0) | 81);
	assert_true(virq(cpu)); /* the highest, Group 1, is signalled */
	assert_false(vfiq(cpu));
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_HPPIR0_EL1), SPURIOUS);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), 80);
	/* 0xa0 is lower than the running 0x80: nothing signalled. */
	assert_false(vfiq(cpu));
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR0_EL1), SPURIOUS);
	set_lr(cpu, 2, LR_STATE(PENDING) | LR_PRIO(0x10) | 82);
	assert_true(vfiq(cpu));
	assert_false(virq(cpu));
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR0_EL1), 82);
	assert_int_equal(cpu->sr[SR_ICH_AP0R0_EL2], 1u << 2);
	assert_int_equal(cpu->sr[SR_ICH_AP1R0_EL2], 1u << 16);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_RPR_EL1), 0x10);
	vgic_icv_write(cpu, SR_ICC_EOIR0_EL1, 82);
	assert_int_equal(cpu->sr[SR_ICH_AP0R0_EL2], 0);
	assert_int_equal(lr_state(cpu, 2), INVALID);
	vgic_icv_write(cpu, SR_ICC_EOIR1_EL1, 80);
	assert_int_equal(lr_state(cpu, 0), INVALID);
	assert_true(vfiq(cpu)); /* 81 */
}

/*
 * The binary point splits priority into group priority and subpriority;
 * only the group priority preempts, and the active priority bit is the
 * group priority's (4.8.1, ICV_BPR1_EL1: BPR1 n -> group priority [7:n];
 * ICV_BPR0_EL1: BPR0 n -> [7:n+1]; with VCBPR Group 1 uses BPR0).
 */
static void test_binary_point(void **state)
{
	struct cpu *cpu = vcpu(state);
	vgic_icv_write(cpu, SR_ICC_BPR1_EL1, 5); /* group priority [7:5] */
	set_lr(cpu, 0, LR_STATE(PENDING) | LR_G1 | LR_PRIO(0x98) | 90);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), 90);
	assert_int_equal(cpu->sr[SR_ICH_AP1R0_EL2], 1u << (0x80 >> 3));
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_RPR_EL1), 0x80);
	/* 0x88: group priority 0x80, not higher. */
	set_lr(cpu, 1, LR_STATE(PENDING) | LR_G1 | LR_PRIO(0x88) | 91);
	assert_false(virq(cpu));
	/* 0x78: group priority 0x60, higher; its active bit is 0x60's. */
	set_lr(cpu, 2, LR_STATE(PENDING) | LR_G1 | LR_PRIO(0x78) | 92);
	assert_true(virq(cpu));
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), 92);
	assert_int_equal(cpu->sr[SR_ICH_AP1R0_EL2], (1u << 16) | (1u << 12));
	vgic_icv_write(cpu, SR_ICC_EOIR1_EL1, 92);
	vgic_icv_write(cpu, SR_ICC_EOIR1_EL1, 90);
	assert_int_equal(cpu->sr[SR_ICH_AP1R0_EL2], 0);
	assert_int_equal(lr_state(cpu, 0), INVALID);
	assert_int_equal(lr_state(cpu, 2), INVALID);

	/*
	 * VCBPR: Group 1 uses VBPR0; VBPR0 3 -> group priority [7:4], where
	 * VBPR1 5 gave [7:5]. Active 0x90 is group priority 0x90 (not 0x80),
	 * so 0x88 (group priority 0x80) now preempts it.
	 */
	vgic_icv_write(cpu, SR_ICC_CTLR_EL1, 1);
	vgic_icv_write(cpu, SR_ICC_BPR0_EL1, 3);
	set_lr(cpu, 1, 0);
	set_lr(cpu, 0, LR_STATE(PENDING) | LR_G1 | LR_PRIO(0x90) | 93);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), 93);
	assert_int_equal(cpu->sr[SR_ICH_AP1R0_EL2], 1u << (0x90 >> 3));
	set_lr(cpu, 1, LR_STATE(PENDING) | LR_G1 | LR_PRIO(0x88) | 94);
	assert_true(virq(cpu));
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), 94);
	assert_int_equal(cpu->sr[SR_ICH_AP1R0_EL2], (1u << 18) | (1u << 16));
}

/* ICV_BPR0/1_EL1: minimum values, VCBPR (BPR1 reads BPR0 + 1 saturated,
 * writes ignored); ICV_CTLR_EL1 and the ICH_VMCR_EL2 fields behind them. */
static void test_bpr_ctlr(void **state)
{
	struct cpu *cpu = vcpu(state);
	vgic_icv_write(cpu, SR_ICC_BPR0_EL1, 0);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_BPR0_EL1), 2);
	vgic_icv_write(cpu, SR_ICC_BPR0_EL1, 5);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_BPR0_EL1), 5);
	assert_int_equal((cpu->sr[SR_ICH_VMCR_EL2] >> 21) & 7, 5);
	vgic_icv_write(cpu, SR_ICC_BPR1_EL1, 1);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_BPR1_EL1), 3);
	vgic_icv_write(cpu, SR_ICC_BPR1_EL1, 6);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_BPR1_EL1), 6);
	assert_int_equal((cpu->sr[SR_ICH_VMCR_EL2] >> 18) & 7, 6);

	/* ICV_CTLR_EL1: PRIbits 4 [10:8], IDbits 0, SEIS 0, A3V 1 [15] from ICH_VTR_EL2. */
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_CTLR_EL1), 0x8400);
	vgic_icv_write(cpu, SR_ICC_CTLR_EL1, 0xffffffff);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_CTLR_EL1), 0x8403);
	assert_true(cpu->sr[SR_ICH_VMCR_EL2] & VMCR_VCBPR);
	assert_true(cpu->sr[SR_ICH_VMCR_EL2] & VMCR_VEOIM);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_BPR1_EL1), 6); /* BPR0 5 + 1 */
	vgic_icv_write(cpu, SR_ICC_BPR1_EL1, 4);                  /* ignored */
	assert_int_equal((cpu->sr[SR_ICH_VMCR_EL2] >> 18) & 7, 6);
	vgic_icv_write(cpu, SR_ICC_BPR0_EL1, 7);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_BPR1_EL1), 7); /* saturated */
	vgic_icv_write(cpu, SR_ICC_CTLR_EL1, 0);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_CTLR_EL1), 0x8400);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_BPR1_EL1), 6);

	/* VBPR0/VBPR1 written below the minimum through ICH_VMCR_EL2. */
	set_vmcr(cpu, VMCR_VENG1 | VMCR_VBPR0(0) | VMCR_VBPR1(1));
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_BPR0_EL1), 2);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_BPR1_EL1), 3);
}

/* At reset the virtual binary points read their minimums (VBPR0 2, VBPR1 3:
 * 7 - PREbits and one more), before anything writes ICH_VMCR_EL2. */
static void test_vmcr_reset(void **state)
{
	(void)state;
	struct cpu *cpu = th_cpu(2);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_BPR0_EL1), 2);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_BPR1_EL1), 3);
	th_free(cpu);
}

/* ICV_IGRPEN0/1_EL1 are VENG0/1: a disabled group's LRs are not chosen,
 * signalled or acknowledged; the other group is unaffected. */
static void test_group_enables(void **state)
{
	struct cpu *cpu = vcpu(state);
	vgic_icv_write(cpu, SR_ICC_IGRPEN0_EL1, 0);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IGRPEN0_EL1), 0);
	assert_false(cpu->sr[SR_ICH_VMCR_EL2] & VMCR_VENG0);
	set_lr(cpu, 0, LR_STATE(PENDING) | LR_PRIO(0x40) | 100);
	set_lr(cpu, 1, LR_STATE(PENDING) | LR_G1 | LR_PRIO(0x80) | 101);
	/* Group 0 disabled: the Group 1 LR is the highest pending one. */
	assert_false(vfiq(cpu));
	assert_true(virq(cpu));
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_HPPIR0_EL1), SPURIOUS);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR0_EL1), SPURIOUS);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_HPPIR1_EL1), 101);

	vgic_icv_write(cpu, SR_ICC_IGRPEN1_EL1, 0);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IGRPEN1_EL1), 0);
	assert_false(virq(cpu));
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), SPURIOUS);

	vgic_icv_write(cpu, SR_ICC_IGRPEN0_EL1, 1);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IGRPEN0_EL1), 1);
	assert_true(cpu->sr[SR_ICH_VMCR_EL2] & VMCR_VENG0);
	assert_true(vfiq(cpu));
	assert_false(virq(cpu));
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR0_EL1), 100);
	assert_int_equal(cpu->sr[SR_ICH_AP0R0_EL2], 1u << 8);
	assert_false(vfiq(cpu));
}

/* Group 0 -> vFIQ, Group 1 -> vIRQ; ICH_HCR_EL2.En = 0 signals nothing and
 * ICV_IAR reads 1023. */
static void test_lines_and_en(void **state)
{
	struct cpu *cpu = vcpu(state);
	set_lr(cpu, 0, LR_STATE(PENDING) | LR_PRIO(0x80) | 110);
	assert_true(vfiq(cpu));
	assert_false(virq(cpu));
	set_lr(cpu, 0, LR_STATE(PENDING) | LR_G1 | LR_PRIO(0x80) | 110);
	assert_false(vfiq(cpu));
	assert_true(virq(cpu));
	set_hcr(cpu, 0);
	assert_false(virq(cpu));
	assert_false(vfiq(cpu));
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), SPURIOUS);
	assert_int_equal(lr_state(cpu, 0), PENDING);
	set_hcr(cpu, HCR_EN);
	assert_true(virq(cpu));
	set_lr(cpu, 0, 0);
	assert_false(virq(cpu));
}

/* VEOIM = 1 (ICV_CTLR_EL1.EOImode): EOIR only drops the priority, DIR
 * deactivates; DIR with VEOIM = 0 does nothing. */
static void test_eoimode_split(void **state)
{
	struct cpu *cpu = vcpu(state);
	set_lr(cpu, 0, LR_STATE(PENDING) | LR_G1 | LR_PRIO(0x80) | 120);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), 120);
	vgic_icv_write(cpu, SR_ICC_DIR_EL1, 120); /* VEOIM 0: ignored */
	assert_int_equal(lr_state(cpu, 0), ACTIVE);

	vgic_icv_write(cpu, SR_ICC_CTLR_EL1, 2);
	vgic_icv_write(cpu, SR_ICC_EOIR1_EL1, 120);
	assert_int_equal(cpu->sr[SR_ICH_AP1R0_EL2], 0);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_RPR_EL1), 0xff);
	assert_int_equal(lr_state(cpu, 0), ACTIVE);
	/* Active, not pending: a second interrupt is signalled meanwhile. */
	set_lr(cpu, 1, LR_STATE(PENDING) | LR_G1 | LR_PRIO(0xc0) | 121);
	assert_true(virq(cpu));

	vgic_icv_write(cpu, SR_ICC_DIR_EL1, 120);
	assert_int_equal(lr_state(cpu, 0), INVALID);
	assert_int_equal(EOICOUNT(cpu->sr[SR_ICH_HCR_EL2]), 0);

	/* Pending and active -> Pending on deactivation. */
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), 121);
	vgic_icv_write(cpu, SR_ICC_EOIR1_EL1, 121);
	set_lr(cpu, 1, cpu->sr[SR_ICH_LR1_EL2] | LR_STATE(PENDING_ACTIVE));
	vgic_icv_write(cpu, SR_ICC_DIR_EL1, 121);
	assert_int_equal(lr_state(cpu, 1), PENDING);
}

/* HW = 1: deactivating the virtual interrupt deactivates pINTID, through
 * EOIR with VEOIM 0 or through DIR with VEOIM 1, never at EOIR with VEOIM 1. */
static void test_hw_deactivate(void **state)
{
	struct cpu *cpu = vcpu(state);
	set_lr(cpu, 0, LR_STATE(PENDING) | LR_HW | LR_G1 | LR_PRIO(0xa0) | LR_PINTID(27) | 27);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), 27);
	assert_int_equal(fake.ndeact, 0);
	vgic_icv_write(cpu, SR_ICC_EOIR1_EL1, 27);
	assert_int_equal(lr_state(cpu, 0), INVALID);
	assert_int_equal(fake.ndeact, 1);
	assert_int_equal(fake.deact[0], 27);

	/* A vINTID different from the pINTID: the pINTID is deactivated. */
	vgic_icv_write(cpu, SR_ICC_CTLR_EL1, 2);
	set_lr(cpu, 1, LR_STATE(PENDING) | LR_HW | LR_G1 | LR_PRIO(0xa0) | LR_PINTID(300) | 45);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), 45);
	vgic_icv_write(cpu, SR_ICC_EOIR1_EL1, 45);
	assert_int_equal(fake.ndeact, 1);
	vgic_icv_write(cpu, SR_ICC_DIR_EL1, 45);
	assert_int_equal(lr_state(cpu, 1), INVALID);
	assert_int_equal(fake.ndeact, 2);
	assert_int_equal(fake.deact[1], 300);
	/* No EOI maintenance for a HW LR. */
	assert_int_equal(vgic_ich_read(cpu, SR_ICH_EISR_EL2), 0);
}

/* ICH_HCR_EL2.EOIcount: incremented by an EOIR or DIR that would have
 * deactivated an interrupt no LR holds. */
static void test_eoicount(void **state)
{
	struct cpu *cpu = vcpu(state);
	set_lr(cpu, 0, LR_STATE(PENDING) | LR_G1 | LR_PRIO(0x80) | 130);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), 130);
	set_lr(cpu, 0, 0); /* EL2 moves the active interrupt out of the LRs */
	vgic_icv_write(cpu, SR_ICC_EOIR1_EL1, 130);
	assert_int_equal(cpu->sr[SR_ICH_AP1R0_EL2], 0);
	assert_int_equal(EOICOUNT(cpu->sr[SR_ICH_HCR_EL2]), 1);
	assert_true(cpu->sr[SR_ICH_HCR_EL2] & HCR_EN);

	/* Special INTIDs change nothing: no priority drop, no count. */
	set_lr(cpu, 0, LR_STATE(PENDING) | LR_G1 | LR_PRIO(0x80) | 131);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), 131);
	vgic_icv_write(cpu, SR_ICC_EOIR1_EL1, 1023);
	vgic_icv_write(cpu, SR_ICC_EOIR1_EL1, 1020);
	assert_int_equal(cpu->sr[SR_ICH_AP1R0_EL2], 1u << 16);
	assert_int_equal(EOICOUNT(cpu->sr[SR_ICH_HCR_EL2]), 1);

	/* VEOIM 1: the EOIR only drops the priority, the DIR counts. */
	vgic_icv_write(cpu, SR_ICC_CTLR_EL1, 2);
	set_lr(cpu, 0, 0);
	vgic_icv_write(cpu, SR_ICC_EOIR1_EL1, 131);
	assert_int_equal(cpu->sr[SR_ICH_AP1R0_EL2], 0);
	assert_int_equal(EOICOUNT(cpu->sr[SR_ICH_HCR_EL2]), 1);
	vgic_icv_write(cpu, SR_ICC_DIR_EL1, 131);
	assert_int_equal(EOICOUNT(cpu->sr[SR_ICH_HCR_EL2]), 2);
	/* DIR of a special INTID or an LPI is ignored. */
	vgic_icv_write(cpu, SR_ICC_DIR_EL1, 1023);
	vgic_icv_write(cpu, SR_ICC_DIR_EL1, 8192);
	assert_int_equal(EOICOUNT(cpu->sr[SR_ICH_HCR_EL2]), 2);
}

/* An LPI has no separate deactivation: its EOIR deactivates the LR even
 * with VEOIM = 1 (VirtualWriteEOIR1, as QEMU's change 82a65e31 reads it). */
static void test_lpi_eoi(void **state)
{
	struct cpu *cpu = vcpu(state);
	vgic_icv_write(cpu, SR_ICC_CTLR_EL1, 2);
	set_lr(cpu, 0, LR_STATE(PENDING) | LR_G1 | LR_PRIO(0x80) | 8200);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), 8200);
	vgic_icv_write(cpu, SR_ICC_EOIR1_EL1, 8200);
	assert_int_equal(lr_state(cpu, 0), INVALID);
	assert_int_equal(EOICOUNT(cpu->sr[SR_ICH_HCR_EL2]), 0);
}

/* ICH_ELRSR_EL2 / ICH_EISR_EL2 from each LR's State, HW and EOI. */
static void test_elrsr_eisr(void **state)
{
	struct cpu *cpu = vcpu(state);
	set_lr(cpu, 0, LR_G1 | LR_PRIO(0x80) | 140);            /* free */
	set_lr(cpu, 1, LR_EOI | LR_G1 | LR_PRIO(0x80) | 141);   /* EOI pending */
	set_lr(cpu, 2, LR_HW | LR_G1 | LR_PINTID(0x200) | 142); /* bit 41 is pINTID */
	set_lr(cpu, 3, LR_STATE(ACTIVE) | LR_EOI | LR_G1 | LR_PRIO(0x80) | 143); /* valid */
	assert_int_equal(vgic_ich_read(cpu, SR_ICH_ELRSR_EL2), 0x5);
	assert_int_equal(vgic_ich_read(cpu, SR_ICH_EISR_EL2), 0x2);
	/* The active LR with EOI, deactivated, turns into an EISR bit. */
	vgic_icv_write(cpu, SR_ICC_AP1R0_EL1, 1u << 16);
	assert_int_equal(cpu->sr[SR_ICH_AP1R0_EL2], 1u << 16);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_AP1R0_EL1), 1u << 16);
	vgic_icv_write(cpu, SR_ICC_EOIR1_EL1, 143);
	assert_int_equal(lr_state(cpu, 3), INVALID);
	assert_int_equal(vgic_ich_read(cpu, SR_ICH_EISR_EL2), 0xa);
	assert_int_equal(vgic_ich_read(cpu, SR_ICH_ELRSR_EL2), 0x5);
}

/* MISR.EOI: an LR with EOI = 1, HW = 0 deactivated; the maintenance PPI
 * rises and falls when EL2 clears the LR. */
static void test_maint_eoi(void **state)
{
	struct cpu *cpu = vcpu(state);
	set_lr(cpu, 0, LR_STATE(PENDING) | LR_EOI | LR_G1 | LR_PRIO(0x80) | 150);
	assert_int_equal(misr(cpu), 0);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), 150);
	assert_int_equal(misr(cpu), 0);
	assert_int_equal(fake.ppi_calls, 0);
	vgic_icv_write(cpu, SR_ICC_EOIR1_EL1, 150);
	assert_int_equal(misr(cpu), MISR_EOI);
	assert_true(fake.maint);
	assert_int_equal(fake.ppi_calls, 1);
	set_lr(cpu, 0, 0);
	assert_int_equal(misr(cpu), 0);
	assert_false(fake.maint);
	assert_int_equal(fake.ppi_calls, 2);
	assert_int_equal(fake.other_ppis, 0);
}

/* MISR.U: UIE and zero or one valid LR. */
static void test_maint_underflow(void **state)
{
	struct cpu *cpu = vcpu(state);
	set_hcr(cpu, HCR_EN | HCR_UIE);
	assert_int_equal(misr(cpu), MISR_U); /* no valid LR */
	assert_true(fake.maint);
	set_lr(cpu, 0, LR_STATE(PENDING) | LR_G1 | LR_PRIO(0x80) | 160);
	assert_int_equal(misr(cpu), MISR_U); /* one */
	assert_int_equal(fake.ppi_calls, 1);
	set_lr(cpu, 1, LR_STATE(ACTIVE) | LR_G1 | LR_PRIO(0x80) | 161);
	assert_int_equal(misr(cpu), 0); /* two */
	assert_false(fake.maint);
	/* An invalid LR with EOI set is not valid. */
	set_lr(cpu, 1, LR_EOI | LR_G1 | 161);
	assert_int_equal(misr(cpu), MISR_U | MISR_EOI);
	assert_true(fake.maint);
	set_hcr(cpu, HCR_EN);
	set_lr(cpu, 1, 0);
	assert_int_equal(misr(cpu), 0);
	assert_false(fake.maint);
	assert_int_equal(fake.ppi_calls, 4);
}

/* MISR.LRENP: LRENPIE and EOIcount non-zero. */
static void test_maint_lrenp(void **state)
{
	struct cpu *cpu = vcpu(state);
	set_hcr(cpu, HCR_EN | HCR_LRENPIE);
	assert_int_equal(misr(cpu), 0);
	assert_false(fake.maint);
	vgic_icv_write(cpu, SR_ICC_CTLR_EL1, 2);
	vgic_icv_write(cpu, SR_ICC_DIR_EL1, 33); /* no LR holds 33 */
	assert_int_equal(EOICOUNT(cpu->sr[SR_ICH_HCR_EL2]), 1);
	assert_int_equal(misr(cpu), MISR_LRENP);
	assert_true(fake.maint);
	set_hcr(cpu, HCR_EN | HCR_LRENPIE); /* EL2 handled it: EOIcount 0 */
	assert_int_equal(misr(cpu), 0);
	assert_false(fake.maint);
	set_hcr(cpu, HCR_EN | (3ull << 27)); /* counted, not enabled */
	assert_int_equal(misr(cpu), 0);
	assert_int_equal(fake.ppi_calls, 2);
}

/* MISR.NP: NPIE and no LR in the Pending state. */
static void test_maint_np(void **state)
{
	struct cpu *cpu = vcpu(state);
	set_lr(cpu, 0, LR_STATE(PENDING) | LR_G1 | LR_PRIO(0x80) | 170);
	set_hcr(cpu, HCR_EN | HCR_NPIE);
	assert_int_equal(misr(cpu), 0);
	assert_false(fake.maint);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), 170); /* Active now */
	assert_int_equal(misr(cpu), MISR_NP);
	assert_true(fake.maint);
	set_lr(cpu, 1, LR_STATE(PENDING) | LR_G1 | LR_PRIO(0x40) | 171);
	assert_int_equal(misr(cpu), 0);
	assert_false(fake.maint);
	/* Pending and active is not the Pending state. */
	set_lr(cpu, 1, LR_STATE(PENDING_ACTIVE) | LR_G1 | LR_PRIO(0x40) | 171);
	assert_int_equal(misr(cpu), MISR_NP);
	assert_true(fake.maint);
	assert_int_equal(fake.ppi_calls, 3);
}

/*
 * MISR.VGrp0E/VGrp0D/VGrp1E/VGrp1D against VENG0/VENG1, driven by the
 * guest's ICV_IGRPEN0/1_EL1 writes. Each step enables one condition in
 * ICH_HCR_EL2 (it holds: MISR shows it, the maintenance PPI rises), then
 * the guest's write that ends it (MISR 0, the PPI falls); one step first
 * writes the other group's enable, which the condition does not look at.
 */
static void test_maint_vgrp(void **state)
{
	static const struct {
		uint64_t hcr;         /* the ICH_HCR_EL2 enable */
		uint32_t misr;        /* the ICH_MISR_EL2 bit it reports */
		enum sysreg_id other; /* written first, MISR unchanged (SR_NONE: no write) */
		uint64_t other_value;
		enum sysreg_id igrpen; /* the write that ends the condition */
		uint64_t value;
	} steps[] = {
	        /* VENG0 = 1 -> 0 */
	        {HCR_VGRP0EIE, MISR_VGRP0E, SR_NONE, 0, SR_ICC_IGRPEN0_EL1, 0},
	        /* VENG0 = 0 -> 1; VENG1 (-> 0) does not matter */
	        {HCR_VGRP0DIE, MISR_VGRP0D, SR_ICC_IGRPEN1_EL1, 0, SR_ICC_IGRPEN0_EL1, 1},
	        /* VENG1 = 0 -> 1 */
	        {HCR_VGRP1DIE, MISR_VGRP1D, SR_NONE, 0, SR_ICC_IGRPEN1_EL1, 1},
	        /* VENG1 = 1 -> 0 */
	        {HCR_VGRP1EIE, MISR_VGRP1E, SR_NONE, 0, SR_ICC_IGRPEN1_EL1, 0},
	};
	struct cpu *cpu = vcpu(state); /* VENG0 = VENG1 = 1 */
	for (unsigned i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		set_hcr(cpu, HCR_EN | steps[i].hcr);
		assert_int_equal(misr(cpu), steps[i].misr);
		assert_true(fake.maint);
		if (steps[i].other != SR_NONE) {
			vgic_icv_write(cpu, steps[i].other, steps[i].other_value);
			assert_int_equal(misr(cpu), steps[i].misr);
		}
		vgic_icv_write(cpu, steps[i].igrpen, steps[i].value);
		assert_int_equal(misr(cpu), 0);
		assert_false(fake.maint);
	}
	assert_int_equal(fake.ppi_calls, 8);
}

/* ICH_HCR_EL2.En = 0: no maintenance interrupt, though MISR still shows the
 * conditions; the PPI is driven only when its level changes. */
static void test_maint_en(void **state)
{
	struct cpu *cpu = vcpu(state);
	set_hcr(cpu, HCR_UIE);
	assert_int_equal(misr(cpu), MISR_U);
	assert_false(fake.maint);
	assert_int_equal(fake.ppi_calls, 0);
	set_hcr(cpu, HCR_EN | HCR_UIE);
	assert_true(fake.maint);
	assert_int_equal(fake.ppi_calls, 1);
	vgic_update(cpu);
	set_hcr(cpu, HCR_EN | HCR_UIE | HCR_NPIE);
	assert_int_equal(misr(cpu), MISR_U | MISR_NP);
	assert_int_equal(fake.ppi_calls, 1);
	set_hcr(cpu, HCR_UIE | HCR_NPIE);
	assert_false(fake.maint);
	assert_int_equal(fake.ppi_calls, 2);
}

/* Without a GIC on the bus the interface still works and calls nothing. */
static void test_no_port(void **state)
{
	struct cpu *cpu = vcpu(state);
	cpu->bus.gic.opaque = NULL;
	set_hcr(cpu, HCR_EN | HCR_UIE);
	set_lr(cpu, 0, LR_STATE(PENDING) | LR_HW | LR_G1 | LR_PRIO(0x80) | LR_PINTID(40) | 40);
	assert_int_equal(vgic_icv_read(cpu, SR_ICC_IAR1_EL1), 40);
	vgic_icv_write(cpu, SR_ICC_EOIR1_EL1, 40);
	assert_int_equal(lr_state(cpu, 0), INVALID);
	assert_int_equal(fake.ppi_calls, 0);
	assert_int_equal(fake.ndeact, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_vmcr_reset),    TH_TEST_EL2(test_lifecycle),
	        TH_TEST_EL2(test_priority_selection), TH_TEST_EL2(test_vpmr),
	        TH_TEST_EL2(test_preemption),         TH_TEST_EL2(test_preemption_across_groups),
	        TH_TEST_EL2(test_binary_point),       TH_TEST_EL2(test_bpr_ctlr),
	        TH_TEST_EL2(test_group_enables),      TH_TEST_EL2(test_lines_and_en),
	        TH_TEST_EL2(test_eoimode_split),      TH_TEST_EL2(test_hw_deactivate),
	        TH_TEST_EL2(test_eoicount),           TH_TEST_EL2(test_lpi_eoi),
	        TH_TEST_EL2(test_elrsr_eisr),         TH_TEST_EL2(test_maint_eoi),
	        TH_TEST_EL2(test_maint_underflow),    TH_TEST_EL2(test_maint_lrenp),
	        TH_TEST_EL2(test_maint_np),           TH_TEST_EL2(test_maint_vgrp),
	        TH_TEST_EL2(test_maint_en),           TH_TEST_EL2(test_no_port),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
