/* Placeholder: written in a following commit. */
#include "cpu.h"
#include "decode.h"

struct decode_row decode_ldst[] = {
	{.pattern = NULL},
};