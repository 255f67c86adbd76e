/* collate.h - the order names are listed in for a reader: by the alphabet of their language. */
#ifndef MEMOCAL_COLLATE_H
#define MEMOCAL_COLLATE_H

/*
 * Compares two UTF-8 texts as a reader of lang ("az", else English) expects them in a list: letter by letter,
 * capitals as their small letters, by the alphabet: Azerbaijani's (a b c ç d e ə f g ğ h x ı i j k q l m n o ö
 * p r s ş t u ü v y z; I is the capital of ı, İ of i), or for English the Latin one with each Azerbaijani letter
 * just after the letter it is written from (Çingiz after Cavid, before Davud). Texts with the same letters are
 * then compared as written. -1, 0 or 1.
 */
int collate(const char *a, const char *b, const char *lang);

#endif
