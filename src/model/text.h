/* text.h - a text kept in both of memocal's languages. */
#ifndef MEMOCAL_TEXT_H
#define MEMOCAL_TEXT_H

/* English and Azerbaijani forms of one text; either may be NULL for optional fields. */
typedef struct bitext {
	const char *en;
	const char *az;
} bitext;

#endif
