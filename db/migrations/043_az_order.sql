-- Migration 043: the organisations list in the Azerbaijani alphabet for those who read it in Azerbaijani.
--
-- The list was ordered by the English name in both languages, so "Xəzər Universiteti" (Khazar University)
-- sat among the K's of a list that shows Azerbaijani names. A reader in Azerbaijani now gets the list by
-- name_az under ICU's Azerbaijani collation (a b c ç d e ə f g ğ h x ı i j k q l m n o ö p r s ş t u ü v y z),
-- which PostgreSQL's initdb imports with ICU (Debian builds it so). The index keeps each page's cost that of
-- its rows, as organisation_name_en_idx does for English.
CREATE INDEX organisation_name_az_idx ON organisation (name_az COLLATE "az-x-icu", id);
