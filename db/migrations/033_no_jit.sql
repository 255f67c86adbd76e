-- Migration 033: no JIT compilation for memocal's database (issue 18).
--
-- memocal's statements are small and many; PostgreSQL compiles a statement to machine code when the
-- planner's cost estimate passes jit_above_cost, and on the large installation a misestimated plan of a
-- filtered agenda spent 40-330 ms compiling what then ran in 3 ms, in the request. The database's
-- default (for every role that connects to it) is set here, by its owner, so a new installation and an
-- upgraded one get it alike; a superuser may still turn it on for a session.
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
END
$$;
