/* home.c - the front page: the agenda is where a working day starts. */
#include "pages/home.h"

int home_show(http_ctx *c)
{
	http_redirect(c, 303, "/agenda");
	return 0;
}
