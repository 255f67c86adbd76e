/* home.c - the front page: until the agenda exists, the memoranda are where work starts. */
#include "pages/home.h"

int home_show(http_ctx *c)
{
	http_redirect(c, 303, "/memoranda");
	return 0;
}
