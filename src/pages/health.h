/* health.h - /healthz: the program runs and its database answers. */
#ifndef MEMOCAL_HEALTH_H
#define MEMOCAL_HEALTH_H

#include "http/http.h"

int health_show(http_ctx *c);

#endif
