/* SPDX-License-Identifier: MIT */
/*
 * A stack-machine interpreter with a two-pass assembler for its text
 * assembly, running: primes below 3000 by trial division, Fibonacci numbers,
 * the Collatz trajectory records below 1000, and a gcd table.
 */
#include "diff.h"

enum op {
	OP_HALT,
	OP_PUSH,
	OP_LOAD,
	OP_STORE,
	OP_JMP,
	OP_JZ,
	OP_PRINT,
	OP_ADD,
	OP_SUB,
	OP_MUL,
	OP_DIV,
	OP_MOD,
	OP_LT,
	OP_EQ,
	OP_AND,
	OP_SHR,
	OP_COUNT
};

/* Ops before OP_PRINT take an operand: a number, a variable a-h, or a label. */
// clang-format off
static const char *const op_names[OP_COUNT] = {
	"halt", "push", "load", "store", "jmp", "jz", "print",
	"add",  "sub",  "mul",  "div",   "mod", "lt", "eq",    "and", "shr",
};
// clang-format on

struct insn {
	enum op op;
	uint64_t arg;
};

#define MAX_CODE   128
#define MAX_LABELS 16

struct program {
	struct insn code[MAX_CODE];
	int len;
	char labels[MAX_LABELS][12];
	int label_pc[MAX_LABELS];
	int nlabels;
};

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

/* Copies the next whitespace-separated word of *src into word; 0 at the end. */
static int next_word(const char **src, char *word, int size)
{
	int n = 0;

	while (is_space(**src))
		(*src)++;
	while (**src && !is_space(**src))
		if (n < size - 1)
			word[n++] = *(*src)++;
		else
			(*src)++;
	word[n] = '\0';
	return n;
}

static int label_find(const struct program *p, const char *name)
{
	for (int i = 0; i < p->nlabels; i++)
		if (strcmp(p->labels[i], name) == 0)
			return p->label_pc[i];
	return -1;
}

static uint64_t parse_operand(const struct program *p, const char *w)
{
	uint64_t v = 0;

	if (w[0] >= 'a' && w[0] <= 'h' && w[1] == '\0')
		return (uint64_t)(w[0] - 'a');
	if (w[0] < '0' || w[0] > '9')
		return (uint64_t)label_find(p, w);
	while (*w >= '0' && *w <= '9')
		v = v * 10 + (uint64_t)(*w++ - '0');
	return v;
}

/* Pass 1 records labels ("name:"), pass 2 emits code. Returns 0 on success. */
static int assemble(struct program *p, const char *src)
{
	char word[12];

	p->nlabels = 0;
	for (int pass = 1; pass <= 2; pass++) {
		const char *s = src;

		p->len = 0;
		while (next_word(&s, word, sizeof(word))) {
			size_t n = strlen(word);
			int op = 0;

			if (word[n - 1] == ':') {
				if (pass == 1 && p->nlabels < MAX_LABELS) {
					word[n - 1] = '\0';
					memcpy(p->labels[p->nlabels], word, n);
					p->label_pc[p->nlabels++] = p->len;
				}
				continue;
			}
			while (op < OP_COUNT && strcmp(op_names[op], word) != 0)
				op++;
			if (op == OP_COUNT || p->len == MAX_CODE)
				return -1;
			p->code[p->len] = (struct insn){.op = (enum op)op};
			if (op < OP_PRINT) {
				next_word(&s, word, sizeof(word));
				p->code[p->len].arg = pass == 2 ? parse_operand(p, word) : 0;
			}
			p->len++;
		}
	}
	return 0;
}

static uint64_t alu(enum op op, uint64_t a, uint64_t b)
{
	switch (op) {
	case OP_ADD: return a + b;
	case OP_SUB: return a - b;
	case OP_MUL: return a * b;
	case OP_DIV: return b ? a / b : 0; /* as AArch64 UDIV */
	case OP_MOD: return b ? a % b : a;
	case OP_LT: return a < b;
	case OP_EQ: return a == b;
	case OP_AND: return a & b;
	default: return a >> (b & 63);
	}
}

struct vm {
	uint64_t stack[32], var[8], checksum;
	int sp;
	unsigned long steps, printed;
};

static void run(struct vm *vm, const struct program *p, unsigned long show)
{
	for (int pc = 0;; vm->steps++) {
		const struct insn *i = &p->code[pc++];
		uint64_t b;

		switch (i->op) {
		case OP_HALT: return;
		case OP_PUSH: vm->stack[vm->sp++] = i->arg; break;
		case OP_LOAD: vm->stack[vm->sp++] = vm->var[i->arg]; break;
		case OP_STORE: vm->var[i->arg] = vm->stack[--vm->sp]; break;
		case OP_JMP: pc = (int)i->arg; break;
		case OP_JZ:
			if (vm->stack[--vm->sp] == 0)
				pc = (int)i->arg;
			break;
		case OP_PRINT:
			b = vm->stack[--vm->sp];
			vm->checksum = vm->checksum * 31 + b;
			if (vm->printed++ < show)
				rt_printf("%s%llu", vm->printed % 16 == 1 ? "\n " : " ",
				          (unsigned long long)b);
			break;
		default:
			b = vm->stack[--vm->sp];
			vm->stack[vm->sp - 1] = alu(i->op, vm->stack[vm->sp - 1], b);
			break;
		}
	}
}

static const struct {
	const char *name;
	unsigned long show;
	const char *src;
} programs[] = {
        {"primes", 48,
         "	push 2 store a\n"
         "next:	load a push 3000 lt jz done\n"
         "	push 2 store b\n"
         "try:	load b load b mul load a push 1 add lt jz prime\n"
         "	load a load b mod jz skip\n"
         "	load b push 1 add store b jmp try\n"
         "prime:	load a print\n"
         "skip:	load a push 1 add store a jmp next\n"
         "done:	halt\n"},
        {"fib", 94,
         "	push 0 store a push 1 store b push 0 store c\n"
         "loop:	load c push 93 lt jz done\n"
         "	load a print\n"
         "	load a load b add load b store a store b\n"
         "	load c push 1 add store c jmp loop\n"
         "done:	halt\n"},
        {"collatz", 0, /* prints (start, steps) for each new record below 1000 */
         "	push 1 store a push 0 store d\n"
         "start:	load a push 1000 lt jz done\n"
         "	load a store b push 0 store c\n"
         "step:	load b push 1 eq push 0 eq jz end\n"
         "	load b push 1 and jz even\n"
         "	load b push 3 mul push 1 add store b jmp count\n"
         "even:	load b push 1 shr store b\n"
         "count:	load c push 1 add store c jmp step\n"
         "end:	load d load c lt jz next\n"
         "	load c store d load a print load c print\n"
         "next:	load a push 1 add store a jmp start\n"
         "done:	halt\n"},
        {"gcd", 40, /* gcd(84 i, 126 j) for i, j in 1..30 */
         "	push 1 store e\n"
         "outer:	load e push 31 lt jz done push 1 store f\n"
         "inner:	load f push 31 lt jz onext\n"
         "	load e push 84 mul store a load f push 126 mul store b\n"
         "euclid:	load b jz found\n"
         "	load a load b mod load b store a store b jmp euclid\n"
         "found:	load a print load f push 1 add store f jmp inner\n"
         "onext:	load e push 1 add store e jmp outer\n"
         "done:	halt\n"},
};

static struct program prog;

int main(void)
{
	int failures = 0;

	for (unsigned int i = 0; i < sizeof(programs) / sizeof(programs[0]); i++) {
		struct vm vm = {0};

		if (assemble(&prog, programs[i].src) != 0) {
			rt_printf("%s: assembly failed\n", programs[i].name);
			failures++;
			continue;
		}
		rt_printf("%s (%d insns, %d labels):", programs[i].name, prog.len, prog.nlabels);
		run(&vm, &prog, programs[i].show ? programs[i].show : ~0ul);
		rt_printf("\n  printed=%lu steps=%lu checksum=%016llx sp=%d\n", vm.printed,
		          vm.steps, (unsigned long long)vm.checksum, vm.sp);
		failures += vm.sp != 0;
	}
	rt_printf("interp: %d failure(s)\n", failures);
	return failures != 0;
}
