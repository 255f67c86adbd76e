/* timeline.h - the events of a memorandum's life and their places on the report's timeline picture. */
#ifndef MEMOCAL_TIMELINE_H
#define MEMOCAL_TIMELINE_H

#include "http/http.h"
#include "pages/activity.h"
#include "view/value.h"

/*
 * Puts scope.timeline: the picture's size, lanes, year ticks, the period's band and one mark per event
 * (kind, shape, date, x, y, title), for templates/reports/timeline.html (an SVG drawn by the template)
 * and the list beside it. Every event comes from timeline_events() in timeline.c: a new kind of event
 * (an amendment, a renewal) is one entry in its table and one loop there.
 */
void timeline_put(http_ctx *c, view_value *scope, const activity *a);

#endif
