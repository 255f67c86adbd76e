/* request.h - the end-to-end harnesses' one difference: which program serves the requests. */
#ifndef MEMOCAL_FUZZ_REQUEST_H
#define MEMOCAL_FUZZ_REQUEST_H

#include "main/serve.h"

/* memocal_web() or memocal_feed(): defined by web/fuzz.c and feed/fuzz.c. */
program fuzz_program(void);

#endif
