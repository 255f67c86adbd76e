/* feed.c - memocal-feed: read-only iCalendar feeds, a FastCGI program behind nginx. */
#include "main/serve.h"

int main(int argc, char **argv)
{
	program p = memocal_feed();
	return serve_main(argc, argv, &p);
}
