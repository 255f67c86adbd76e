/* language.h - the language switch on every page. */
#ifndef MEMOCAL_LANGUAGE_H
#define MEMOCAL_LANGUAGE_H

#include "http/http.h"

int language_switch(http_ctx *c);

#endif
