/* home.h - the front page. */
#ifndef MEMOCAL_HOME_H
#define MEMOCAL_HOME_H

#include "http/http.h"

int home_show(http_ctx *c);

#endif
