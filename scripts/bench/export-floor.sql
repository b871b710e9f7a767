-- The columns of socialtime's entries CSV, in its order, as one query for `sqlite3 -csv -header`:
-- the floor `export --all --kind entries` is measured against.
SELECT e.id AS entry_id, strftime('%Y', e.date) || '-W' || strftime('%W', e.date) AS week, e.date,
       s.handle AS staff, s.name AS staff_name, n.key AS network, o.key AS outcome, e.minutes,
       printf('%.2f', e.minutes / 60.0) AS hours, e.note, e.logged_at
FROM entries e JOIN staff s ON s.id = e.staff_id JOIN networks n ON n.id = e.network_id
JOIN outcomes o ON o.id = e.outcome_id
WHERE e.deleted = 0
ORDER BY e.date, s.handle, e.id;
