-- 024_user_zone.sql - each staff user's own time zone, in which every page shows times.
--
-- NULL: the default zone (Asia/Baku, where both signatories are). Whether a name is an IANA zone
-- is checked by memocal-web against the system's tzdata (cal_zone_known); the database only keeps
-- the text to the shape every zone name has, so nothing else can be stored through another path.
ALTER TABLE staff_user ADD COLUMN time_zone text
    CONSTRAINT staff_user_time_zone_check
    CHECK (char_length(time_zone) BETWEEN 1 AND 64 AND time_zone ~ '^[A-Za-z0-9_+/-]+$');
