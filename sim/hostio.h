/* Small host I/O helpers shared by the devices, semihosting and the messages. */
#ifndef EL2SIM_HOSTIO_H
#define EL2SIM_HOSTIO_H

#include <stddef.h>

/* write() all of buf, retrying on EINTR and short writes; 0 or -1. */
int hostio_write_all(int fd, const void *buf, size_t len);

/* Room for hostio_printable(): a user string quoted in a message, escaped. */
#define HOSTIO_PRINTABLE_MAX 512

/*
 * s as it may appear inside a one-line message: control characters (a
 * newline in a file name or an option value, say) become \xNN, and a
 * string too long for buf ends in "...". Returns buf, which has size bytes
 * (at least 8).
 */
const char *hostio_printable(char *buf, size_t size, const char *s);

#endif
