/*
 * Priority arithmetic shared by the physical and the virtual GIC CPU
 * interfaces (IHI 0069, 4.8 "Interrupt prioritization": 4.8.1 priority
 * grouping and the binary point, 4.8.3 preemption, 4.8.4 the active
 * priority registers; the pseudocode functions GroupBits,
 * PriorityIsHigher, ICC_RPR's "highest active priority").
 *
 * Both interfaces implement 5 priority bits ([7:3]) and 5 preemption bits,
 * so one active-priority register of 32 bits covers every group priority:
 * bit n stands for group priority n << 3.
 */
#ifndef EL2SIM_GIC_PRIO_H
#define EL2SIM_GIC_PRIO_H

#include <stdbool.h>
#include <stdint.h>

/* IHI 0069 chapter 12, ICC_CTLR_EL1 and ICV_CTLR_EL1: CBPR [0], EOImode [1] in both. */
#define CTLR_CBPR    (1ull << 0)
#define CTLR_EOIMODE (1ull << 1)

#define GIC_PRIO_BITS  5
#define GIC_PRIO_MASK  0xf8u /* the implemented priority bits */
#define GIC_PRIO_SHIFT (8 - GIC_PRIO_BITS)
#define GIC_PRIO_IDLE  0xffu /* running priority with nothing active */
/* The smallest BPR0 value: 7 - PREbits... with 5 preemption bits, 2; BPR1's is one more. */
#define GIC_BPR0_MIN   2u
#define GIC_BPR1_MIN   3u

/*
 * The group-priority mask for a binary point: BPR0 value b splits the
 * priority at bit b (group priority [7:b+1]); the Group 1 binary point
 * (ICC_BPR1, not CBPR) counts one higher: group priority [7:b].
 */
static inline uint32_t gic_gprio_mask(unsigned bpr, bool is_bpr1)
{
	unsigned shift = is_bpr1 ? bpr : bpr + 1;
	return (0xffu << shift) & 0xffu;
}

/*
 * The group-priority mask of an interrupt of group (0 or 1) under binary
 * points bpr0 and bpr1: Group 1 uses BPR1 unless CBPR makes it use BPR0
 * (GroupBits(); for the virtual interface VGroupBits() with VCBPR).
 */
static inline uint32_t gic_group_mask(unsigned group, bool cbpr, unsigned bpr0, unsigned bpr1)
{
	if (group != 0 && !cbpr)
		return gic_gprio_mask(bpr1, true);
	return gic_gprio_mask(bpr0, false);
}

/* BPR1 as software reads it: with CBPR, BPR0 + 1 saturated at 7 (ICC_BPR1_EL1 text). */
static inline unsigned gic_bpr1_view(bool cbpr, unsigned bpr0, unsigned bpr1)
{
	if (cbpr)
		return bpr0 < 7 ? bpr0 + 1 : 7;
	return bpr1;
}

/* A binary point written below its minimum reads as the minimum (ICC_BPR0/1_EL1 text). */
static inline unsigned gic_bpr_clamp(uint64_t v, bool is_bpr1)
{
	unsigned min = is_bpr1 ? GIC_BPR1_MIN : GIC_BPR0_MIN, bpr = (unsigned)v & 7;
	return bpr < min ? min : bpr;
}

/*
 * The highest active priority of two active-priority registers: its bit
 * (the lowest set bit of ap0 | ap1) and the group whose register holds it
 * (Group 0 when both do), or 0 when nothing is active.
 */
static inline uint32_t gic_apr_lowest(uint32_t ap0, uint32_t ap1, unsigned *group)
{
	uint32_t all = ap0 | ap1, bit = all & -all;
	*group = (ap0 & bit) ? 0 : 1;
	return bit;
}

/* The highest active group priority in the active priority bits, or GIC_PRIO_IDLE. */
static inline uint32_t gic_apr_highest(uint32_t apr)
{
	return apr ? (uint32_t)__builtin_ctz(apr) << GIC_PRIO_SHIFT : GIC_PRIO_IDLE;
}

/* The active-priority bit for a group priority (already masked by gic_gprio_mask). */
static inline uint32_t gic_apr_bit(uint32_t gprio)
{
	return 1u << ((gprio & GIC_PRIO_MASK) >> GIC_PRIO_SHIFT);
}

/*
 * Would an interrupt of priority prio and group-priority mask gmask be
 * signalled: higher than the priority mask pmr, and its group priority
 * higher than the running priority rpr (IHI 0069 4.8.3)?
 */
static inline bool gic_can_signal(uint32_t prio, uint32_t gmask, uint32_t pmr, uint32_t rpr)
{
	return prio < pmr && (prio & gmask) < rpr;
}

#endif
