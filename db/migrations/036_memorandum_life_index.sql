-- Migration 036: the memoranda in force, and those waiting for a decision, by an index (issue 18).
--
-- Both were found by working out every memorandum's life (memorandum_life() of migration 022) in turn: a
-- scan of all of them, 1.5 ms on the large installation's 2,000, growing with the years. The statements
-- (stmt.c, IN_FORCE and UNDECIDED) now also say what the life implies and these indexes hold:
-- in force, not renewed and not yet at its end (an indefinite one never is); waiting for a decision, neither
-- renewed nor terminated, soonest end first (the home page's list, in this order).
CREATE INDEX memorandum_not_ended_idx ON memorandum ((coalesce(valid_until, 'infinity'::date))) WHERE renewed_by IS NULL;
CREATE INDEX memorandum_undecided_idx ON memorandum (valid_until, id) WHERE renewed_by IS NULL AND terminated_on IS NULL;
