/* feed.c - memocal-feed: read-only iCalendar feeds, a FastCGI program behind nginx. */
#include "main/serve.h"
#include "pages/routes.h"

int main(int argc, char **argv)
{
	program prog = {"memocal-feed", true, false, true, feed_routes, feed_nroutes};
	return serve_main(argc, argv, &prog);
}
