-- scripts/bench/export-floor.sql for PostgreSQL: the columns of socialtime's entries CSV, in its
-- order, streamed by psql's \copy to stdout (the floor `export --all --kind entries` is measured against).
SET search_path = socialtime;
\copy (SELECT e.id AS entry_id, to_char(e.date::date, 'IYYY-"W"IW') AS week, e.date, s.handle AS staff, s.name AS staff_name, n.key AS network, o.key AS outcome, e.minutes, to_char(e.minutes / 60.0, 'FM990.00') AS hours, e.note, e.logged_at FROM entries e JOIN staff s ON s.id = e.staff_id JOIN networks n ON n.id = e.network_id JOIN outcomes o ON o.id = e.outcome_id WHERE NOT e.deleted ORDER BY e.date, s.handle, e.id) TO STDOUT WITH (FORMAT csv, HEADER)
