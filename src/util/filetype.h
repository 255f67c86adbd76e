/* filetype.h - what an uploaded file is, read from its bytes by libmagic, and whether memocal keeps that kind. */
#ifndef MEMOCAL_FILETYPE_H
#define MEMOCAL_FILETYPE_H

#include <stddef.h>

#include "util/arena.h"

/*
 * The content type memocal stores and serves a file with, when libmagic finds in its bytes one of the
 * kinds documents may be (PDF, PNG, JPEG, ODF text/spreadsheet/presentation, OOXML docx/xlsx/pptx, plain
 * UTF-8 text); NULL for anything else (HTML, SVG, executables, archives, …) and for an empty file. What
 * the browser said and the file's name are never looked at: an HTML file named .pdf is HTML.
 * *found, when not NULL, is what libmagic said (for the log), or "unknown". Loads libmagic's database on
 * first use (in the worker); a failure to load it refuses every file (logged).
 */
const char *filetype_check(const void *data, size_t len, const char **found);

/*
 * The name a file of type (as filetype_check gave it) is stored and downloaded under: name without the
 * characters that turn text around or hide (bidirectional controls, zero-width ones: "x\u202Efdp.exe" shows as
 * "xexe.pdf"), and ending in an extension of its type ("minutes.html" holding a PDF becomes
 * "minutes.html.pdf"). Saved to disk, a file opens as what it is, never as a page or a program because of the
 * name its uploader gave it. Arena memory; "document" and the extension when nothing is left.
 */
const char *filetype_download_name(arena *a, const char *type, const char *name);

#endif
