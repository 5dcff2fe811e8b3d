/* Placeholder: written in a following commit. */
#include "cpu.h"