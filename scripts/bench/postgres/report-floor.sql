-- scripts/bench/report-floor.sql for PostgreSQL: what `report --week 2025-W48 --format json`
-- computes, as plain aggregate queries run by psql (the floor the report is measured against).
SET search_path = socialtime;
SELECT s.handle AS staff, s.name, sum(e.minutes) AS minutes, coalesce(j.status, 'none') AS justification_status, j.text
FROM entries e JOIN staff s ON s.id = e.staff_id
LEFT JOIN justifications j ON j.staff_id = s.id AND j.week = '2025-W48'
WHERE e.date BETWEEN '2025-11-24' AND '2025-11-30' AND NOT e.deleted
GROUP BY s.id, j.id ORDER BY s.handle;

SELECT s.handle AS staff, n.key AS network, sum(e.minutes) AS minutes
FROM entries e JOIN staff s ON s.id = e.staff_id JOIN networks n ON n.id = e.network_id
WHERE e.date BETWEEN '2025-11-24' AND '2025-11-30' AND NOT e.deleted
GROUP BY s.id, n.id;

SELECT s.handle AS staff, o.key AS outcome, sum(e.minutes) AS minutes
FROM entries e JOIN staff s ON s.id = e.staff_id JOIN outcomes o ON o.id = e.outcome_id
WHERE e.date BETWEEN '2025-11-24' AND '2025-11-30' AND NOT e.deleted
GROUP BY s.id, o.id;

SELECT o.key AS outcome, o.unit, sum(e.minutes) AS minutes,
       (SELECT sum(quantity) FROM results r WHERE r.outcome_id = o.id AND r.date BETWEEN '2025-11-24' AND '2025-11-30') AS results
FROM entries e JOIN outcomes o ON o.id = e.outcome_id
WHERE e.date BETWEEN '2025-11-24' AND '2025-11-30' AND NOT e.deleted
GROUP BY o.id;

SELECT n.key AS network, sum(e.minutes) AS minutes
FROM entries e JOIN networks n ON n.id = e.network_id
WHERE e.date BETWEEN '2025-11-24' AND '2025-11-30' AND NOT e.deleted
GROUP BY n.id;

-- The trend: the four weeks before.
SELECT (date::date - date '2025-10-27') / 7 AS week_index, sum(minutes) AS minutes
FROM entries WHERE date BETWEEN '2025-10-27' AND '2025-11-23' AND NOT deleted
GROUP BY week_index;
