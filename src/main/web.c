/* web.c - memocal-web: the staff pages, a FastCGI program behind nginx. */
#include "main/serve.h"
#include "pages/routes.h"

int main(int argc, char **argv)
{
	program prog = {"memocal-web", false, true, true, web_routes, web_nroutes};
	return serve_main(argc, argv, &prog);
}
