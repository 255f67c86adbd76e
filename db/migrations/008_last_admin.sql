-- Migration 008: the last active administrator stays one, even when two
-- admins demote or disable each other at the same moment.
--
-- memocal-web checks this before it saves (and says so at the field), but a
-- check before the transaction cannot see a concurrent one: each of two admins
-- could demote the other while both still counted as "another admin". Here
-- every change that takes an active admin away waits for the others (one
-- transaction-level advisory lock), then counts with a fresh snapshot — under
-- READ COMMITTED each statement of the function takes a new one — so the second
-- of two such transactions sees the first one's commit and is refused.
CREATE FUNCTION staff_user_keep_admin() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('memocal.staff_user.active_admins'));
    IF NOT EXISTS (SELECT 1 FROM staff_user WHERE role = 'admin' AND NOT disabled) THEN
        RAISE EXCEPTION 'the last active administrator must stay one'
            USING ERRCODE = 'check_violation', TABLE = 'staff_user', CONSTRAINT = 'staff_user_last_admin';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER staff_user_keep_admin AFTER UPDATE OF role, disabled ON staff_user
    FOR EACH ROW WHEN (OLD.role = 'admin' AND NOT OLD.disabled AND (NEW.role <> 'admin' OR NEW.disabled))
    EXECUTE FUNCTION staff_user_keep_admin();
CREATE TRIGGER staff_user_keep_admin_delete AFTER DELETE ON staff_user
    FOR EACH ROW WHEN (OLD.role = 'admin' AND NOT OLD.disabled)
    EXECUTE FUNCTION staff_user_keep_admin();
