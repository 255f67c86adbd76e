/* web.c - memocal-web: the staff pages, a FastCGI program behind nginx. */
#include "main/serve.h"

int main(int argc, char **argv)
{
	program p = memocal_web();
	return serve_main(argc, argv, &p);
}
