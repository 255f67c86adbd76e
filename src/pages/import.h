/* import.h - importing an .ics file into a memorandum: the upload form and its result. */
#ifndef MEMOCAL_PAGES_IMPORT_H
#define MEMOCAL_PAGES_IMPORT_H

#include "http/http.h"

int import_form(http_ctx *c);   /* GET  /memoranda/{id}/import */
int import_upload(http_ctx *c); /* POST /memoranda/{id}/import (multipart/form-data, field "file") */

#endif
