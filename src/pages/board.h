/* board.h - the pages a board member reaches from their calendar with their feed's secret, without a login. */
#ifndef MEMOCAL_PAGES_BOARD_H
#define MEMOCAL_PAGES_BOARD_H

#include "http/http.h"

/*
 * Whether the path's {token} opens the path's series {id}: a live feed address whose feed shows the series.
 * 0, with the page's language set (the address's, unless ?lang= asks for the other); else the status to answer
 * with: 404 for an unknown, revoked or foreign secret alike (nothing says which), or a database error's.
 */
int board_open(http_ctx *c);

/* GET /board/{token}/series/{id}: a meeting's recent and coming occurrences, each linked to its own page. */
int board_series_show(http_ctx *c);

#endif
