/* Placeholder: written in a following commit. */
#include "cpu.h"
#include "decode.h"

struct decode_row decode_dp_imm[] = {
	{.pattern = NULL},
};