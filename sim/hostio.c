#include "hostio.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

int hostio_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

const char *hostio_printable(char *buf, size_t size, const char *s)
{
	static const char more[] = "...";
	size_t n = 0, room = size - sizeof(more); /* keeps space for "..." and the NUL */

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		size_t len = c < 0x20 || c == 0x7f ? 4 : 1; /* UTF-8 bytes (>= 0x80) stay */
		if (n + len > room) {
			snprintf(buf + n, size - n, "%s", more);
			return buf;
		}
		if (len == 4)
			snprintf(buf + n, 5, "\\x%02x", c);
		else
			buf[n] = (char)c;
		n += len;
	}
	buf[n] = '\0';
	return buf;
}
