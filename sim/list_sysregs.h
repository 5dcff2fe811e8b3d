/*
 * el2sim --list-sysregs: the system register table (sysregs/sysregs.def)
 * as text, one line per row (docs/sysregs.md).
 */
#ifndef EL2SIM_LIST_SYSREGS_H
#define EL2SIM_LIST_SYSREGS_H

#include <stdio.h>

/* Print every row: name, S<op0>_<op1>_C<n>_C<m>_<op2>, access, min EL, trap causes. */
void list_sysregs(FILE *f);

#endif
