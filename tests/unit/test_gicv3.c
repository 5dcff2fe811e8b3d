/*
 * The GICv3 Distributor and Redistributor (sim/dev/gicv3*.c), through their
 * MMIO registers and the struct gic_port callbacks the CPU interface uses.
 * Expected values come from the GIC Architecture Specification (Arm IHI
 * 0069): register offsets and fields from the register descriptions
 * (GICD_*, GICR_*), state transitions from "Interrupt lifecycle", routing
 * from "Routing SPIs and SGIs by PE affinity", SGI targeting from the
 * ICC_SGI1R_EL1 fields and "Forwarding an SGI to a target PE". The few
 * IMPLEMENTATION DEFINED choices tested (5 priority bits, read-only level
 * PPIs, ties to the lowest INTID) are the ones docs/gic.md states.
 */
#include "harness.h"

#include "board.h"
#include "gicv3.h"

/* Distributor offsets (IHI 0069, "The GIC Distributor register map") */
#define GICD_CTLR       0x0000
#define GICD_TYPER      0x0004
#define GICD_TYPER2     0x000c
#define GICD_IGROUPR    0x0080
#define GICD_ISENABLER  0x0100
#define GICD_ICENABLER  0x0180
#define GICD_ISPENDR    0x0200
#define GICD_ICPENDR    0x0280
#define GICD_ISACTIVER  0x0300
#define GICD_ICACTIVER  0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ITARGETSR  0x0800
#define GICD_ICFGR      0x0c00
#define GICD_IGRPMODR   0x0d00
#define GICD_SGIR       0x0f00
#define GICD_IROUTER    0x6000
#define GICD_PIDR2      0xffe8

/* Redistributor offsets (IHI 0069, "The GIC Redistributor register map") */
#define GICR_CTLR       0x0000
#define GICR_TYPER      0x0008
#define GICR_WAKER      0x0014
#define GICR_PIDR2      0xffe8
#define SGI_BASE        0x10000
#define GICR_IGROUPR0   (SGI_BASE + 0x0080)
#define GICR_ISENABLER0 (SGI_BASE + 0x0100)
#define GICR_ICENABLER0 (SGI_BASE + 0x0180)
#define GICR_ISPENDR0   (SGI_BASE + 0x0200)
#define GICR_ICPENDR0   (SGI_BASE + 0x0280)
#define GICR_ISACTIVER0 (SGI_BASE + 0x0300)
#define GICR_IPRIORITYR (SGI_BASE + 0x0400)
#define GICR_ICFGR0     (SGI_BASE + 0x0c00)
#define GICR_ICFGR1     (SGI_BASE + 0x0c04)
#define GICR_IGRPMODR0  (SGI_BASE + 0x0d00)
#define GICR_NSACR      (SGI_BASE + 0x0e00)

/* ICC_SGI1R_EL1 fields (IHI 0069, ICC_SGI1R_EL1) */
#define SGI_TARGET(n) (1ull << (n))
#define SGI_AFF1(a)   ((uint64_t)(a) << 16)
#define SGI_INTID(i)  ((uint64_t)(i) << 24)
#define SGI_AFF2(a)   ((uint64_t)(a) << 32)
#define SGI_IRM       (1ull << 40)
#define SGI_RS(r)     ((uint64_t)(r) << 44)
#define SGI_AFF3(a)   ((uint64_t)(a) << 48)

static struct gicv3 gic;
static struct gic_port port;
static unsigned notified;

static void count_notify(void *opaque)
{
	(void)opaque;
	notified++;
}

static int setup(void **state)
{
	gicv3_init(&gic, count_notify, NULL);
	port = gicv3_port(&gic);
	notified = 0;
	return 0;
}

/* The two MMIO frames under test: the Distributor's and the Redistributor's accessors. */
static const struct frame {
	int (*read)(void *opaque, uint64_t offset, unsigned size, uint64_t *val);
	int (*write)(void *opaque, uint64_t offset, unsigned size, uint64_t val);
} gicd = {gicv3_dist_read, gicv3_dist_write}, gicr = {gicv3_redist_read, gicv3_redist_write};

/* A read of size bytes at off: it must be answered, with a value of size bytes. */
static uint64_t rd(const struct frame *f, uint64_t off, unsigned size)
{
	uint64_t v = ~0ull;
	assert_int_equal(f->read(&gic, off, size, &v), 0);
	if (size < 8)
		assert_true(v >> (8 * size) == 0);
	return v;
}

/* A write of size bytes at off: it must be answered. */
static void wr(const struct frame *f, uint64_t off, unsigned size, uint64_t v)
{
	assert_int_equal(f->write(&gic, off, size, v), 0);
}

/* The 32-bit accesses most tests make. */
#define dr(off)    ((uint32_t)rd(&gicd, (off), 4))
#define rr(off)    ((uint32_t)rd(&gicr, (off), 4))
#define dw(off, v) wr(&gicd, (off), 4, (uint32_t)(v))
#define rw(off, v) wr(&gicr, (off), 4, (uint32_t)(v))

static struct gic_hppi hppi(void)
{
	struct gic_hppi h;
	port.hppi(port.opaque, &h);
	return h;
}

static void assert_hppi(uint32_t intid, uint8_t prio, uint8_t group)
{
	struct gic_hppi h = hppi();
	assert_int_equal(h.intid, intid);
	if (intid != GIC_INTID_SPURIOUS) {
		assert_int_equal(h.prio, prio);
		assert_int_equal(h.group, group);
	}
}

static void assert_none(void)
{
	assert_int_equal(hppi().intid, GIC_INTID_SPURIOUS);
}

/* Bit of INTID i in its 32-bit bitmap register, and that register's offset from base. */
#define BIT_OF(i)       (1u << ((i) % 32))
#define REG_OF(base, i) ((base) + 4 * ((i) / 32))

/*
 * The usual bring-up: wake the Redistributor (GICR_WAKER.ProcessorSleep = 0),
 * enable both groups in GICD_CTLR.
 */
static void bring_up(void)
{
	rw(GICR_WAKER, 0);
	dw(GICD_CTLR, GICD_CTLR_EnableGrp0 | GICD_CTLR_EnableGrp1);
}

/* SPI i: Group 1, priority prio, enabled. */
static void spi_config(unsigned i, uint8_t prio)
{
	dw(REG_OF(GICD_IGROUPR, i), dr(REG_OF(GICD_IGROUPR, i)) | BIT_OF(i));
	wr(&gicd, GICD_IPRIORITYR + i, 1, prio);
	dw(REG_OF(GICD_ISENABLER, i), BIT_OF(i));
}

static void spi_edge(unsigned i)
{
	uint64_t off = GICD_ICFGR + 4 * (i / 16);
	dw(off, dr(off) | 2u << (2 * (i % 16)));
}

static void test_id_registers(void **state)
{
	/*
	 * GICD_TYPER: ITLinesNumber [4:0] = 2 (96 INTIDs = 32 * (2 + 1)),
	 * CPUNumber [7:5] 0, SecurityExtn [10] 0 (DS = 1), MBIS [16] 0, LPIS
	 * [17] 0, IDbits [23:19] = 15 (16 bits, minus one), A3V [24] 1.
	 */
	uint32_t typer = dr(GICD_TYPER);
	assert_int_equal(typer & 0x1f, 2);
	assert_int_equal((typer >> 5) & 7, 0);
	assert_int_equal((typer >> 10) & 1, 0);
	assert_int_equal((typer >> 16) & 3, 0);
	assert_int_equal((typer >> 19) & 0x1f, 15);
	assert_int_equal((typer >> 24) & 1, 1);
	assert_int_equal(typer, 0x01780002);
	assert_int_equal(dr(GICD_TYPER2), 0);
	/* GICD_PIDR2 / GICR_PIDR2.ArchRev [7:4] = 0x3: GICv3 */
	assert_int_equal((dr(GICD_PIDR2) >> 4) & 0xf, 3);
	assert_int_equal((rr(GICR_PIDR2) >> 4) & 0xf, 3);
	/*
	 * GICR_TYPER: Affinity_Value [63:32] 0.0.0.0, Processor_Number [23:8]
	 * 0, Last [4] 1, PLPIS [0] 0; 64-bit and as two 32-bit halves.
	 */
	assert_int_equal(rd(&gicr, GICR_TYPER, 8), 0x10);
	assert_int_equal(rr(GICR_TYPER), 0x10);
	assert_int_equal(rr(GICR_TYPER + 4), 0);
	/* Read-only: writes are ignored */
	dw(GICD_TYPER, 0);
	assert_int_equal(dr(GICD_TYPER), 0x01780002);
	wr(&gicr, GICR_TYPER, 8, ~0ull);
	assert_int_equal(rd(&gicr, GICR_TYPER, 8), 0x10);
}

static void test_ctlr(void **state)
{
	/*
	 * GICD_CTLR, single Security state: EnableGrp0 [0] and EnableGrp1 [1]
	 * reset to 0; ARE [4] and DS [6] RAO/WI; RWP [31] 0; the rest RES0
	 * (E1NWF [7] RAZ/WI here).
	 */
	assert_int_equal(dr(GICD_CTLR), 0x50);
	dw(GICD_CTLR, 0xffffffff);
	assert_int_equal(dr(GICD_CTLR), 0x53);
	dw(GICD_CTLR, 0);
	assert_int_equal(dr(GICD_CTLR), 0x50);
	dw(GICD_CTLR, GICD_CTLR_EnableGrp1);
	assert_int_equal(dr(GICD_CTLR), 0x52);
	/* GICR_CTLR: no LPIs, nothing asynchronous: reads 0 */
	rw(GICR_CTLR, 0xffffffff);
	assert_int_equal(rr(GICR_CTLR), 0);
}

static void test_waker(void **state)
{
	/* GICR_WAKER: ProcessorSleep [1] and ChildrenAsleep [2] reset to 1 */
	assert_int_equal(rr(GICR_WAKER), 0x6);
	rw(GICR_WAKER, 0);
	assert_int_equal(rr(GICR_WAKER), 0);
	rw(GICR_WAKER, 0x4); /* ChildrenAsleep is read-only */
	assert_int_equal(rr(GICR_WAKER), 0);
	rw(GICR_WAKER, 0x2); /* asleep: ChildrenAsleep follows */
	assert_int_equal(rr(GICR_WAKER), 0x6);

	/* While ProcessorSleep is 1 interrupts are held pending in the Redistributor */
	dw(GICD_CTLR, GICD_CTLR_EnableGrp0 | GICD_CTLR_EnableGrp1);
	spi_config(40, 0x80);
	gicv3_set_spi(&gic, 40, true);
	assert_int_equal(dr(REG_OF(GICD_ISPENDR, 40)), BIT_OF(40));
	assert_none();
	rw(GICR_WAKER, 0);
	assert_hppi(40, 0x80, GIC_G1NS);
}

static void test_enable_disable(void **state)
{
	bring_up();
	spi_config(40, 0xa0);
	dw(REG_OF(GICD_ICENABLER, 40), BIT_OF(40));
	/* ISENABLER and ICENABLER read the same enable bits */
	assert_int_equal(dr(REG_OF(GICD_ISENABLER, 40)), 0);
	dw(REG_OF(GICD_ISPENDR, 40), BIT_OF(40));
	assert_int_equal(dr(REG_OF(GICD_ISPENDR, 40)), BIT_OF(40));
	assert_none(); /* pending but disabled: not forwarded */
	dw(REG_OF(GICD_ISENABLER, 40), BIT_OF(40));
	assert_int_equal(dr(REG_OF(GICD_ICENABLER, 40)), BIT_OF(40));
	assert_hppi(40, 0xa0, GIC_G1NS);
	/* Writing 0 bits changes nothing */
	dw(REG_OF(GICD_ICENABLER, 40), 0);
	assert_hppi(40, 0xa0, GIC_G1NS);
	dw(REG_OF(GICD_ICENABLER, 40), BIT_OF(40));
	assert_none();
	/* still pending */
	assert_int_equal(dr(REG_OF(GICD_ICPENDR, 40)), BIT_OF(40));
}

static void test_edge_lifecycle(void **state)
{
	bring_up();
	spi_config(40, 0x80);
	spi_edge(40);
	/* A rising edge latches pending; the line falling does not clear it */
	gicv3_set_spi(&gic, 40, true);
	gicv3_set_spi(&gic, 40, false);
	assert_int_equal(dr(REG_OF(GICD_ISPENDR, 40)), BIT_OF(40));
	assert_hppi(40, 0x80, GIC_G1NS);
	/* Activate: pending -> active */
	port.activate(port.opaque, 40);
	assert_int_equal(dr(REG_OF(GICD_ISPENDR, 40)), 0);
	assert_int_equal(dr(REG_OF(GICD_ISACTIVER, 40)), BIT_OF(40));
	assert_none();
	/* A new edge while active: active and pending, not forwarded again */
	gicv3_set_spi(&gic, 40, true);
	assert_int_equal(dr(REG_OF(GICD_ISPENDR, 40)), BIT_OF(40));
	assert_int_equal(dr(REG_OF(GICD_ICACTIVER, 40)), BIT_OF(40));
	assert_none();
	/* Holding the line high is no new edge */
	gicv3_set_spi(&gic, 40, true);
	/* Deactivate: active and pending -> pending */
	port.deactivate(port.opaque, 40);
	assert_int_equal(dr(REG_OF(GICD_ISACTIVER, 40)), 0);
	assert_hppi(40, 0x80, GIC_G1NS);
	port.activate(port.opaque, 40);
	port.deactivate(port.opaque, 40);
	assert_none(); /* the line stayed high: no edge, nothing pending */
	assert_int_equal(dr(REG_OF(GICD_ISPENDR, 40)), 0);
}

static void test_level_lifecycle(void **state)
{
	bring_up();
	spi_config(41, 0x80); /* GICD_ICFGR resets level-sensitive here */
	assert_int_equal(dr(GICD_ICFGR + 8), 0);
	/* Pending follows the line */
	gicv3_set_spi(&gic, 41, true);
	assert_int_equal(dr(REG_OF(GICD_ISPENDR, 41)), BIT_OF(41));
	assert_hppi(41, 0x80, GIC_G1NS);
	gicv3_set_spi(&gic, 41, false);
	assert_int_equal(dr(REG_OF(GICD_ISPENDR, 41)), 0);
	assert_none();
	/* Activate with the line high: active and pending, not forwarded */
	gicv3_set_spi(&gic, 41, true);
	port.activate(port.opaque, 41);
	assert_int_equal(dr(REG_OF(GICD_ISPENDR, 41)), BIT_OF(41));
	assert_int_equal(dr(REG_OF(GICD_ISACTIVER, 41)), BIT_OF(41));
	assert_none();
	/* Deactivate with the line still high: forwarded again */
	port.deactivate(port.opaque, 41);
	assert_hppi(41, 0x80, GIC_G1NS);
	/* GICD_ICPENDR does not clear a pending state the asserted line holds */
	dw(REG_OF(GICD_ICPENDR, 41), BIT_OF(41));
	assert_int_equal(dr(REG_OF(GICD_ISPENDR, 41)), BIT_OF(41));
	assert_hppi(41, 0x80, GIC_G1NS);
	/* GICD_ISPENDR makes it pending whatever the line; ICPENDR clears that */
	gicv3_set_spi(&gic, 41, false);
	dw(REG_OF(GICD_ISPENDR, 41), BIT_OF(41));
	assert_int_equal(dr(REG_OF(GICD_ISPENDR, 41)), BIT_OF(41));
	dw(REG_OF(GICD_ICPENDR, 41), BIT_OF(41));
	assert_int_equal(dr(REG_OF(GICD_ISPENDR, 41)), 0);
	/* ... and so does the acknowledge, the line being low */
	dw(REG_OF(GICD_ISPENDR, 41), BIT_OF(41));
	port.activate(port.opaque, 41);
	assert_int_equal(dr(REG_OF(GICD_ISPENDR, 41)), 0);
	/* ISACTIVER / ICACTIVER set and clear the active state directly */
	dw(REG_OF(GICD_ICACTIVER, 41), BIT_OF(41));
	assert_int_equal(dr(REG_OF(GICD_ISACTIVER, 41)), 0);
	dw(REG_OF(GICD_ISACTIVER, 41), BIT_OF(41));
	gicv3_set_spi(&gic, 41, true);
	assert_none();
}

static void test_priority_order(void **state)
{
	bring_up();
	spi_config(50, 0x80);
	spi_config(45, 0x40);
	spi_config(60, 0x40);
	gicv3_set_spi(&gic, 50, true);
	assert_hppi(50, 0x80, GIC_G1NS);
	gicv3_set_spi(&gic, 60, true);
	assert_hppi(60, 0x40, GIC_G1NS); /* a lower value is a higher priority */
	gicv3_set_spi(&gic, 45, true);
	assert_hppi(45, 0x40, GIC_G1NS); /* a tie goes to the lowest INTID */
	/* A PPI and an SGI compete with the SPIs */
	rw(GICR_IGROUPR0, BIT_OF(27) | BIT_OF(2));
	wr(&gicr, GICR_IPRIORITYR + 27, 1, 0x40);
	wr(&gicr, GICR_IPRIORITYR + 2, 1, 0x38);
	rw(GICR_ISENABLER0, BIT_OF(27) | BIT_OF(2));
	port.ppi(port.opaque, 27, true);
	assert_hppi(27, 0x40, GIC_G1NS);
	rw(GICR_ISPENDR0, BIT_OF(2));
	assert_hppi(2, 0x38, GIC_G1NS);
	/* Raising 50 above them all */
	wr(&gicd, GICD_IPRIORITYR + 50, 1, 0x08);
	assert_hppi(50, 0x08, GIC_G1NS);
	/* Taking them one by one, in priority order */
	static const unsigned order[] = {50, 2, 27, 45, 60};
	for (unsigned i = 0; i < 5; i++) {
		assert_int_equal(hppi().intid, order[i]);
		port.activate(port.opaque, order[i]);
	}
	assert_none();
}

static void test_group_gating(void **state)
{
	rw(GICR_WAKER, 0);
	/* 33 in Group 0, 34 in Group 1; 34 has the higher priority */
	wr(&gicd, GICD_IPRIORITYR + 33, 1, 0x80);
	spi_config(34, 0x10);
	dw(REG_OF(GICD_ISENABLER, 33), BIT_OF(33));
	assert_int_equal(dr(REG_OF(GICD_IGROUPR, 33)), BIT_OF(34));
	gicv3_set_spi(&gic, 33, true);
	gicv3_set_spi(&gic, 34, true);
	assert_none(); /* neither group enabled */
	dw(GICD_CTLR, GICD_CTLR_EnableGrp0);
	assert_hppi(33, 0x80, GIC_G0);
	dw(GICD_CTLR, GICD_CTLR_EnableGrp1);
	assert_hppi(34, 0x10, GIC_G1NS);
	dw(GICD_CTLR, GICD_CTLR_EnableGrp0 | GICD_CTLR_EnableGrp1);
	assert_hppi(34, 0x10, GIC_G1NS);
	/* Moving 34 to Group 0 */
	dw(REG_OF(GICD_IGROUPR, 34), 0);
	assert_hppi(34, 0x10, GIC_G0);
	/* GICD_IGRPMODR<n> is RAZ/WI with DS = 1 */
	dw(GICD_IGRPMODR + 4, 0xffffffff);
	assert_int_equal(dr(GICD_IGRPMODR + 4), 0);
}

static void test_irouter(void **state)
{
	uint64_t r40 = GICD_IROUTER + 8 * 40;

	bring_up();
	spi_config(40, 0x80);
	gicv3_set_spi(&gic, 40, true);
	/* Reset value chosen 0: affinity 0.0.0.0, this PE */
	assert_int_equal(rd(&gicd, r40, 8), 0);
	assert_hppi(40, 0x80, GIC_G1NS);
	/* Aff0 = 1: another PE, which does not exist; it stays pending */
	wr(&gicd, r40, 8, 0x1);
	assert_none();
	assert_int_equal(dr(REG_OF(GICD_ISPENDR, 40)), BIT_OF(40));
	/* Aff1, Aff2, Aff3 non-zero likewise */
	wr(&gicd, r40, 8, 0x100);
	assert_none();
	wr(&gicd, r40, 8, 0x10000);
	assert_none();
	wr(&gicd, r40, 8, 0x100000000ull);
	assert_none();
	/* IRM [31] = 1: any participating PE, whatever the affinity fields */
	wr(&gicd, r40, 8, 0x180000000ull);
	assert_hppi(40, 0x80, GIC_G1NS);
	/* RES0 bits: only Aff3 [39:32], IRM [31], Aff2, Aff1, Aff0 [23:0] hold */
	wr(&gicd, r40, 8, ~0ull);
	assert_int_equal(rd(&gicd, r40, 8), 0x000000ff80ffffffull);
	/* 32-bit halves */
	dw(r40, 0);
	assert_int_equal(rd(&gicd, r40, 8), 0x000000ff00000000ull);
	assert_int_equal(dr(r40 + 4), 0xff);
	assert_none();
	dw(r40 + 4, 0);
	assert_int_equal(rd(&gicd, r40, 8), 0);
	assert_hppi(40, 0x80, GIC_G1NS);
	/* IROUTER<n> for n < 32 and past the last SPI are RAZ/WI */
	wr(&gicd, GICD_IROUTER + 8 * 31, 8, 1);
	assert_int_equal(rd(&gicd, GICD_IROUTER + 8 * 31, 8), 0);
	wr(&gicd, GICD_IROUTER + 8 * 96, 8, 1);
	assert_int_equal(rd(&gicd, GICD_IROUTER + 8 * 96, 8), 0);
}

static void test_sgi_targets(void **state)
{
	bring_up();
	rw(GICR_IGROUPR0, BIT_OF(3));
	rw(GICR_ISENABLER0, BIT_OF(3));
	/* SGIs are edge-triggered: GICR_ICFGR0 reads Int_config[1] = 1 for each */
	assert_int_equal(rr(GICR_ICFGR0), 0xaaaaaaaa);

	/* TargetList bit 0 of cluster 0.0.0 is this PE (affinity 0.0.0.0) */
	port.sgi(port.opaque, SGI_INTID(3) | SGI_TARGET(1), GIC_G1NS, false);
	assert_int_equal(rr(GICR_ISPENDR0), 0); /* PE 0.0.0.1: nobody */
	port.sgi(port.opaque, SGI_INTID(3) | SGI_TARGET(0) | SGI_AFF1(1), GIC_G1NS, false);
	port.sgi(port.opaque, SGI_INTID(3) | SGI_TARGET(0) | SGI_AFF2(1), GIC_G1NS, false);
	port.sgi(port.opaque, SGI_INTID(3) | SGI_TARGET(0) | SGI_AFF3(1), GIC_G1NS, false);
	assert_int_equal(rr(GICR_ISPENDR0), 0);
	/* IRM = 1: all PEs but self, and there is no other */
	port.sgi(port.opaque, SGI_INTID(3) | SGI_IRM | SGI_TARGET(0), GIC_G1NS, false);
	assert_int_equal(rr(GICR_ISPENDR0), 0);
	assert_none();
	port.sgi(port.opaque, SGI_INTID(3) | SGI_TARGET(0) | SGI_TARGET(5), GIC_G1NS, false);
	assert_int_equal(rr(GICR_ISPENDR0), BIT_OF(3));
	assert_hppi(3, 0, GIC_G1NS);
	/* Acknowledge and deactivate: gone */
	port.activate(port.opaque, 3);
	assert_int_equal(rr(GICR_ISPENDR0), 0);
	assert_int_equal(rr(GICR_ISACTIVER0), BIT_OF(3));
	port.deactivate(port.opaque, 3);
	assert_none();
	/* GICR_ICPENDR0 clears an SGI's pending state */
	port.sgi(port.opaque, SGI_INTID(3) | SGI_TARGET(0), GIC_G1NS, false);
	rw(GICR_ICPENDR0, BIT_OF(3));
	assert_int_equal(rr(GICR_ISPENDR0), 0);
}

static void test_sgi_groups(void **state)
{
	bring_up();
	rw(GICR_IGROUPR0, BIT_OF(1)); /* SGI 1 Group 1, SGI 0 Group 0 */
	rw(GICR_ISENABLER0, 0x3);

	/* ICC_SGI0R_EL1 makes only Group 0 SGIs pending */
	port.sgi(port.opaque, SGI_INTID(1) | SGI_TARGET(0), GIC_G0, false);
	assert_int_equal(rr(GICR_ISPENDR0), 0);
	port.sgi(port.opaque, SGI_INTID(0) | SGI_TARGET(0), GIC_G0, false);
	assert_int_equal(rr(GICR_ISPENDR0), BIT_OF(0));
	assert_hppi(0, 0, GIC_G0);
	rw(GICR_ICPENDR0, 0xffff);
	/* ICC_SGI1R_EL1: Group 1 SGIs, and with DS = 1 Group 0 ones too */
	port.sgi(port.opaque, SGI_INTID(1) | SGI_TARGET(0), GIC_G1NS, false);
	assert_int_equal(rr(GICR_ISPENDR0), BIT_OF(1));
	port.sgi(port.opaque, SGI_INTID(0) | SGI_TARGET(0), GIC_G1NS, false);
	assert_int_equal(rr(GICR_ISPENDR0), BIT_OF(0) | BIT_OF(1));
	rw(GICR_ICPENDR0, 0xffff);
	/*
	 * ICC_ASGI1R_EL1 from Non-secure state names Secure Group 1, which a
	 * GIC with one Security state lacks: Group 0 SGIs only. Both ways of
	 * naming it: Group 1 of the Secure state, and GIC_G1S.
	 */
	port.sgi(port.opaque, SGI_INTID(1) | SGI_TARGET(0), GIC_G1NS, true);
	port.sgi(port.opaque, SGI_INTID(1) | SGI_TARGET(0), GIC_G1S, false);
	assert_int_equal(rr(GICR_ISPENDR0), 0);
	port.sgi(port.opaque, SGI_INTID(0) | SGI_TARGET(0), GIC_G1NS, true);
	assert_int_equal(rr(GICR_ISPENDR0), BIT_OF(0));
	rw(GICR_ICPENDR0, 0xffff);
	/* RS != 0 with GICD_TYPER.RSS = 0: the write is ignored */
	port.sgi(port.opaque, SGI_INTID(1) | SGI_TARGET(0) | SGI_RS(1), GIC_G1NS, false);
	assert_int_equal(rr(GICR_ISPENDR0), 0);
}

static void test_ppi(void **state)
{
	bring_up();
	rw(GICR_IGROUPR0, BIT_OF(GIC_PPI_CNTV));
	rw(GICR_ISENABLER0, BIT_OF(GIC_PPI_CNTV));
	wr(&gicr, GICR_IPRIORITYR + GIC_PPI_CNTV, 1, 0xa0);
	/* The timer's output is level: pending follows it */
	port.ppi(port.opaque, GIC_PPI_CNTV, true);
	assert_int_equal(rr(GICR_ISPENDR0), BIT_OF(GIC_PPI_CNTV));
	assert_hppi(GIC_PPI_CNTV, 0xa0, GIC_G1NS);
	port.ppi(port.opaque, GIC_PPI_CNTV, false);
	assert_int_equal(rr(GICR_ISPENDR0), 0);
	assert_none();
	/* Not a PPI: ignored */
	port.ppi(port.opaque, 5, true);
	port.ppi(port.opaque, 40, true);
	assert_int_equal(rr(GICR_ISPENDR0), 0);
	assert_int_equal(dr(REG_OF(GICD_ISPENDR, 40)), 0);
	/* GICR_ICFGR1: PPIs read-only level-sensitive (docs/gic.md) */
	rw(GICR_ICFGR1, 0xaaaaaaaa);
	assert_int_equal(rr(GICR_ICFGR1), 0);
	rw(GICR_ICFGR0, 0); /* SGIs: RAO/WI */
	assert_int_equal(rr(GICR_ICFGR0), 0xaaaaaaaa);
	/* GICR_IGRPMODR0 and GICR_NSACR: RAZ/WI with DS = 1 */
	rw(GICR_IGRPMODR0, 0xffffffff);
	rw(GICR_NSACR, 0xffffffff);
	assert_int_equal(rr(GICR_IGRPMODR0), 0);
	assert_int_equal(rr(GICR_NSACR), 0);
}

static void test_ipriorityr(void **state)
{
	/* Byte-accessible; bits [2:0] RAZ/WI with 5 priority bits */
	wr(&gicd, GICD_IPRIORITYR + 40, 1, 0xff);
	assert_int_equal(rd(&gicd, GICD_IPRIORITYR + 40, 1), 0xf8);
	assert_int_equal(dr(GICD_IPRIORITYR + 40), 0x000000f8);
	/* A word write sets four priorities, INTID 4n in the low byte */
	dw(GICD_IPRIORITYR + 40, 0x12345678);
	assert_int_equal(dr(GICD_IPRIORITYR + 40), 0x10305078);
	assert_int_equal(rd(&gicd, GICD_IPRIORITYR + 43, 1), 0x10);
	assert_int_equal(rd(&gicd, GICD_IPRIORITYR + 41, 1), 0x50);
	/* The last SPI, 95, and nothing beyond */
	wr(&gicd, GICD_IPRIORITYR + 95, 1, 0x88);
	assert_int_equal(dr(GICD_IPRIORITYR + 92), 0x88000000);
	dw(GICD_IPRIORITYR + 96, 0xffffffff);
	assert_int_equal(dr(GICD_IPRIORITYR + 96), 0);
	/* The Redistributor's, for SGIs and PPIs */
	wr(&gicr, GICR_IPRIORITYR + 27, 1, 0x47);
	assert_int_equal(rd(&gicr, GICR_IPRIORITYR + 27, 1), 0x40);
	rw(GICR_IPRIORITYR, 0xffffffff);
	assert_int_equal(rr(GICR_IPRIORITYR), 0xf8f8f8f8);
	assert_int_equal(rr(GICR_IPRIORITYR + 24), 0x40000000);
}

static void test_dist_private_raz(void **state)
{
	/* With ARE = 1 the Distributor's registers for INTIDs 0-31 are RAZ/WI */
	dw(GICD_IGROUPR, 0xffffffff);
	dw(GICD_ISENABLER, 0xffffffff);
	dw(GICD_ISPENDR, 0xffffffff);
	dw(GICD_ISACTIVER, 0xffffffff);
	dw(GICD_IPRIORITYR + 4, 0xffffffff);
	dw(GICD_ICFGR + 4, 0xffffffff);
	assert_int_equal(dr(GICD_IGROUPR), 0);
	assert_int_equal(dr(GICD_ISENABLER), 0);
	assert_int_equal(dr(GICD_ISPENDR), 0);
	assert_int_equal(dr(GICD_ISACTIVER), 0);
	assert_int_equal(dr(GICD_IPRIORITYR + 4), 0);
	assert_int_equal(dr(GICD_ICFGR), 0);
	assert_int_equal(dr(GICD_ICFGR + 4), 0);
	assert_int_equal(rr(GICR_IGROUPR0), 0);
	assert_int_equal(rr(GICR_ISENABLER0), 0);
	assert_int_equal(rr(GICR_ISPENDR0), 0);
	/* GICD_ITARGETSR<n> and GICD_SGIR are RAZ/WI (WI) with ARE = 1 */
	dw(GICD_ITARGETSR + 40, 0x01010101);
	assert_int_equal(dr(GICD_ITARGETSR + 40), 0);
	dw(GICD_SGIR, 0x00010003);
	assert_int_equal(rr(GICR_ISPENDR0), 0);
	/* Past ITLinesNumber: GICD_ISENABLER3 covers INTIDs 96-127, unimplemented */
	dw(GICD_ISENABLER + 12, 0xffffffff);
	assert_int_equal(dr(GICD_ISENABLER + 12), 0);
}

static void test_icfgr(void **state)
{
	/* GICD_ICFGR2 covers INTIDs 32-47; Int_config[0] (even bits) is RES0 */
	dw(GICD_ICFGR + 8, 0xffffffff);
	assert_int_equal(dr(GICD_ICFGR + 8), 0xaaaaaaaa);
	dw(GICD_ICFGR + 8, 0x00000008); /* INTID 33 edge, the rest level */
	assert_int_equal(dr(GICD_ICFGR + 8), 0x00000008);
	/* GICD_ICFGR5 covers 80-95, the last; ICFGR6 is past the end */
	dw(GICD_ICFGR + 20, 0x80000000);
	assert_int_equal(dr(GICD_ICFGR + 20), 0x80000000);
	dw(GICD_ICFGR + 24, 0xffffffff);
	assert_int_equal(dr(GICD_ICFGR + 24), 0);
	/* 95 is edge now: a rising edge latches it */
	bring_up();
	spi_config(95, 0x00);
	gicv3_set_spi(&gic, 95, true);
	gicv3_set_spi(&gic, 95, false);
	assert_hppi(95, 0x00, GIC_G1NS);
}

static void test_access_sizes(void **state)
{
	/*
	 * Our choice (docs/gic.md): other sizes and reserved offsets read as
	 * zero and ignore writes; nothing answers with an external abort.
	 */
	assert_int_equal(rd(&gicd, GICD_CTLR, 2), 0);
	assert_int_equal(rd(&gicd, GICD_CTLR, 8), 0);
	assert_int_equal(rd(&gicd, GICD_TYPER, 1), 0);
	assert_int_equal(rd(&gicd, 0x9000, 4), 0);
	assert_int_equal(rd(&gicd, 0x0040, 4), 0); /* GICD_SETSPI_NSR: MBIS = 0 */
	wr(&gicd, GICD_CTLR, 1, 0x3);
	wr(&gicd, GICD_CTLR, 8, 0x3);
	assert_int_equal(dr(GICD_CTLR), 0x50);
	assert_int_equal(rd(&gicr, GICR_WAKER, 2), 0);
	assert_int_equal(rd(&gicr, GICR_WAKER, 8), 0);
	wr(&gicr, GICR_WAKER, 1, 0);
	assert_int_equal(rr(GICR_WAKER), 0x6);
	assert_int_equal(rd(&gicr, GICR_ISENABLER0, 8), 0);
	assert_int_equal(rd(&gicr, SGI_BASE + 0x9000, 4), 0);
	assert_int_equal(rd(&gicr, GICR_ISENABLER0 + 4, 4), 0); /* GICR_ISENABLER<n>E: none */
	wr(&gicr, GICR_ISENABLER0, 2, 0xffff);
	assert_int_equal(rr(GICR_ISENABLER0), 0);
}

static void test_notify(void **state)
{
	/* The board hears of every change of the forwarded interrupt, only then */
	bring_up();
	assert_int_equal(notified, 0);
	spi_config(40, 0x80);
	assert_int_equal(notified, 0);
	gicv3_set_spi(&gic, 40, true);
	assert_int_equal(notified, 1);
	gicv3_set_spi(&gic, 40, true);
	dw(REG_OF(GICD_ISPENDR, 40), BIT_OF(40));
	assert_int_equal(notified, 1);
	port.activate(port.opaque, 40);
	assert_int_equal(notified, 2);
	port.deactivate(port.opaque, 40);
	assert_int_equal(notified, 3);
	wr(&gicd, GICD_IPRIORITYR + 40, 1, 0x40);
	assert_int_equal(notified, 4);
	dw(GICD_CTLR, 0);
	assert_int_equal(notified, 5);
}

static void test_board(void **state)
{
	struct board b;
	uint64_t v = 0;

	assert_int_equal(board_init(&b, 1u << 20, -1, -1), 0);
	assert_ptr_equal(b.bus.gic.opaque, &b.gic);
	board_attach_cpu(&b, NULL);
	/* GICD_CTLR at 0x0800_0000, GICD_PIDR2 at the window's end */
	assert_int_equal(b.bus.mmio_read(b.bus.opaque, 0x08000000, 4, &v), 0);
	assert_int_equal(v, 0x50);
	assert_int_equal(b.bus.mmio_read(b.bus.opaque, 0x0800ffe8, 4, &v), 0);
	assert_int_equal((v >> 4) & 0xf, 3);
	/* GICR_TYPER at 0x080A_0008; SGI_base at 0x080B_0000 */
	assert_int_equal(b.bus.mmio_read(b.bus.opaque, 0x080a0008, 8, &v), 0);
	assert_int_equal(v, 0x10);
	assert_int_equal(b.bus.mmio_write(b.bus.opaque, 0x080b0100, 4, 0x8000000), 0);
	assert_int_equal(b.bus.mmio_read(b.bus.opaque, 0x080b0100, 4, &v), 0);
	assert_int_equal(v, 0x8000000);
	/* One PE: nothing answers after its two frames */
	assert_int_equal(b.bus.mmio_read(b.bus.opaque, 0x080c0000, 4, &v), -1);
	assert_int_equal(b.bus.mmio_read(b.bus.opaque, 0x08010000, 4, &v), -1);
	/* The port drives the same GIC */
	b.bus.gic.ppi(b.bus.gic.opaque, GIC_PPI_CNTV, true);
	assert_int_equal(b.bus.mmio_read(b.bus.opaque, 0x080b0200, 4, &v), 0);
	assert_int_equal(v, BIT_OF(GIC_PPI_CNTV));
	board_free(&b);
}

/*
 * The PL011's combined interrupt UARTINTR is wired to SPI 1, INTID 33, as on
 * QEMU's virt board: a received byte with UARTIMSC.RXIM set makes it
 * pending (level: GICD_ISPENDR1 bit 1 reads the line); reading the byte
 * clears the receive interrupt and the line (PL011 TRM, DDI 0183G, 2.8.2
 * "UARTRXINTR": with the FIFOs disabled, a single read of the receive FIFO
 * clears it).
 */
static void test_board_uart_spi(void **state)
{
	(void)state;
	struct board b;
	uint64_t v = 0;

	assert_int_equal(board_init(&b, 1u << 20, -1, -1), 0);
	board_attach_cpu(&b, NULL);
	/* UARTCR: UARTEN [0], TXE [8], RXE [9]; UARTIMSC: RXIM */
	assert_int_equal(b.bus.mmio_write(b.bus.opaque, 0x09000030, 4, 0x301), 0);
	assert_int_equal(b.bus.mmio_write(b.bus.opaque, 0x09000038, 4, UART_INT_RX), 0);
	assert_int_equal(b.bus.mmio_read(b.bus.opaque, 0x08000204, 4, &v), 0);
	assert_int_equal(v & 2, 0);
	assert_int_equal(pl011_receive(&b.uart, (const uint8_t *)"x", 1), 1);
	board_poll(&b);
	assert_int_equal(b.bus.mmio_read(b.bus.opaque, 0x08000204, 4, &v), 0);
	assert_int_equal(v & 2, 2);
	assert_int_equal(b.bus.mmio_read(b.bus.opaque, 0x09000000, 4, &v), 0);
	assert_int_equal(v & 0xff, 'x');
	assert_int_equal(b.bus.mmio_read(b.bus.opaque, 0x08000204, 4, &v), 0);
	assert_int_equal(v & 2, 0);
	board_free(&b);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup(f, setup)
	const struct CMUnitTest tests[] = {
	        T(test_id_registers),
	        T(test_ctlr),
	        T(test_waker),
	        T(test_enable_disable),
	        T(test_edge_lifecycle),
	        T(test_level_lifecycle),
	        T(test_priority_order),
	        T(test_group_gating),
	        T(test_irouter),
	        T(test_sgi_targets),
	        T(test_sgi_groups),
	        T(test_ppi),
	        T(test_ipriorityr),
	        T(test_dist_private_raz),
	        T(test_icfgr),
	        T(test_access_sizes),
	        T(test_notify),
	        cmocka_unit_test(test_board),
	        cmocka_unit_test(test_board_uart_spi),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
