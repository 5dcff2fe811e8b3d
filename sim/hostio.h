/* Small host I/O helpers shared by the devices and semihosting. */
#ifndef EL2SIM_HOSTIO_H
#define EL2SIM_HOSTIO_H

#include <stddef.h>

/* write() all of buf, retrying on EINTR and short writes; 0 or -1. */
int hostio_write_all(int fd, const void *buf, size_t len);

#endif
