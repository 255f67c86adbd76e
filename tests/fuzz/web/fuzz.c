/* web/fuzz.c - libFuzzer harness: whole requests through memocal-web's worker (request.c). */
#include "request.h"

program fuzz_program(void)
{
	return memocal_web();
}
