-- Metric views of the analytics warehouse (DuckDB): each metric is defined here once, and analysts, the GraphQL
-- analytics fields, the case-study export and `etl verify` all read these views. Run by WarehouseBuilder after the load,
-- inside the staging file, before the checks; an incremental run starts from a copy of the live file, hence
-- CREATE OR REPLACE everywhere.
--
-- Every view is flat (dimension columns, then measure columns) and carries the same region columns:
--   region_key, region_level (City/County/Township/Village/Community), region_name, region_code,
--   county_key, county_name, township_key, township_name
-- A region-level view has one row per region at EVERY level (the city, each county, township, village), each
-- aggregating everything below it. So `WHERE county_name = '永安市'` selects the county's own row and the rows of its
-- townships and villages: add `AND region_level = 'County'` (or filter on region_key) to get one figure per region.
-- Periods are `year` (and `month` where the grain is monthly) columns; table macros take a date or year range where a
-- measure cannot be added up across rows (medians, shares over villages present in two years).
-- Shares are DOUBLE fractions (0.3081 = 30.81 %); money is yuan. Times are UTC; a day, month or year of a time is the
-- offices' Beijing day (UTC+8): office_day(t), as the API and the ledgers count days and as every *_date_key is.

-- ─── Days ───────────────────────────────────────────────────────────────────────────────────────────────────────────

CREATE OR REPLACE MACRO office_day(t) AS CAST(CAST(t AS TIMESTAMP) + INTERVAL 8 HOUR AS DATE);
COMMENT ON MACRO office_day IS 'office_day(t): the Beijing (UTC+8, no daylight saving) day of the UTC time t, the offices'' calendar day: office_day(TIMESTAMP ''2024-12-31 16:00'') = 2025-01-01. Every *_date_key is this day.';

-- ─── Regions ────────────────────────────────────────────────────────────────────────────────────────────────────────

CREATE OR REPLACE MACRO valid_on(valid_from, valid_to, d) AS (valid_from IS NULL OR valid_from <= d) AND (valid_to IS NULL OR valid_to >= d);
COMMENT ON MACRO valid_on IS 'valid_on(valid_from, valid_to, d): whether a region or grid exists on day d (both bounds inclusive, NULL = open). Regions: valid_on(valid_from, valid_to, d); grids: valid_on(created_on, valid_to, d).';

CREATE OR REPLACE VIEW metric_region AS
SELECT region_key, level AS region_level, name AS region_name, code AS region_code,
       county_key, county_name, township_key, township_name, households, population, valid_from, valid_to
FROM dim_region;
COMMENT ON VIEW metric_region IS 'Every region with the region columns every metric view carries (region_key, region_level, region_name, region_code, county_*, township_*), and its validity (valid_from, valid_to: a dissolved region such as 梅列区 has valid_to set; today''s regions have valid_to NULL).';

-- member_key lies in (or is) the region of the row: the bridge every region-level view aggregates through.
CREATE OR REPLACE VIEW region_rollup AS
WITH RECURSIVE up(member_key, ancestor_key) AS (
    SELECT region_key, region_key FROM dim_region
    UNION ALL
    SELECT up.member_key, r.parent_key
    FROM up JOIN dim_region r ON r.region_key = up.ancestor_key
    WHERE r.parent_key IS NOT NULL
)
SELECT up.member_key, m.region_key, m.region_level, m.region_name, m.region_code,
       m.county_key, m.county_name, m.township_key, m.township_name,
       m.households AS region_households, m.population AS region_population
FROM up JOIN metric_region m ON m.region_key = up.ancestor_key;
COMMENT ON VIEW region_rollup IS 'Bridge: member_key (any region) → each region containing it, itself included, with that region''s columns. Join a fact''s region to member_key and GROUP BY the region columns to get a row per region at every level.';

-- Counts as of a day: the claims of an article count what existed on its date, not what exists today.
CREATE OR REPLACE MACRO region_counts(as_of) AS TABLE
SELECT rr.region_key, rr.region_level, rr.region_name, rr.region_code, rr.county_key, rr.county_name, rr.township_key, rr.township_name,
       d.level AS member_level,
       COUNT(*) AS regions,
       SUM(d.households) AS households,
       SUM(d.population) AS population
FROM dim_region d JOIN region_rollup rr ON rr.member_key = d.region_key
WHERE d.region_key <> rr.region_key
  AND CASE WHEN as_of IS NULL THEN d.valid_to IS NULL ELSE valid_on(d.valid_from, d.valid_to, CAST(as_of AS DATE)) END
GROUP BY ALL;
COMMENT ON MACRO TABLE region_counts IS 'region_counts(as_of): metric_region_counts of the regions that existed on the day as_of (valid_on), e.g. SELECT regions FROM region_counts(DATE ''2021-12-31'') WHERE region_name = ''三元区'' AND member_level = ''Village''; region_counts(NULL) counts today''s regions (valid_to NULL).';

CREATE OR REPLACE VIEW metric_region_counts AS SELECT * FROM region_counts(NULL);
COMMENT ON VIEW metric_region_counts IS 'Today''s regions (valid_to NULL) below each region by level (member_level: Township, Village, Community …): how many, their households and population. 永安市: member_level = ''Village'' → 175. As of another day: region_counts(as_of).';

-- Grids as of a day, by the same rule: a grid exists from the day it was drawn (created_on) to valid_to.
CREATE OR REPLACE MACRO grid_counts(as_of) AS TABLE
SELECT rr.region_key, rr.region_level, rr.region_name, rr.region_code, rr.county_key, rr.county_name, rr.township_key, rr.township_name,
       g.level AS grid_level,
       COUNT(*) AS grids,
       SUM(g.households) AS households,
       SUM(g.population) AS population
FROM dim_grid g JOIN region_rollup rr ON rr.member_key = g.region_key
WHERE CASE WHEN as_of IS NULL THEN g.valid_to IS NULL ELSE valid_on(g.created_on, g.valid_to, CAST(as_of AS DATE)) END
GROUP BY ALL;
COMMENT ON MACRO TABLE grid_counts IS 'grid_counts(as_of): grids per region and grid level (1 乡街 … 4 单元网格) that existed on the day as_of (drawn on or before it, valid_to NULL or on or after it), with their households and population; grid_counts(NULL): today''s grids (valid_to NULL). E.g. SELECT grids FROM grid_counts(DATE ''2021-12-31'') WHERE region_name = ''三元区'' AND grid_level = 4.';

-- ─── Village collective income (村集体经营性收入) ─────────────────────────────────────────────────────────────────────

-- Which villages owe each year's income report: those that exist on the year's last day (the annual accounts are closed
-- then; a village merged during the year is reported by its successor, formed that year). The years are those the
-- fact holds. A region's figure for a year is complete when every village it owes reported and no village that did not
-- exist reported: only then is a total, or a growth between two totals, a figure of the region's territory.
CREATE OR REPLACE VIEW income_village_years AS
WITH years AS (SELECT DISTINCT year FROM fact_collective_income)
SELECT v.region_key AS village_key, v.code AS village_code, v.name AS village_name, v.county_key, v.county_name, y.year,
       valid_on(v.valid_from, v.valid_to, make_date(y.year, 12, 31)) AS owed,
       f.village_key IS NOT NULL AS reported,
       f.operating_income, f.self_operated_income, f.total_income
FROM dim_region v
CROSS JOIN years y
LEFT JOIN fact_collective_income f ON f.village_key = v.region_key AND f.year = y.year
WHERE v.level = 'Village' AND (f.village_key IS NOT NULL OR valid_on(v.valid_from, v.valid_to, make_date(y.year, 12, 31)));
COMMENT ON VIEW income_village_years IS 'Helper: each village and year of the income fact where the village owes a report (owed: it exists on 31 December) or made one (reported), with its incomes. owed AND NOT reported: a missing report; reported AND NOT owed: a report of a village that no longer (or not yet) existed.';

CREATE OR REPLACE VIEW metric_income AS
SELECT rr.region_key, rr.region_level, rr.region_name, rr.region_code, rr.county_key, rr.county_name, rr.township_key, rr.township_name,
       iv.year,
       COUNT(*) FILTER (WHERE iv.reported) AS villages,
       COUNT(*) FILTER (WHERE iv.owed) AS villages_owed,
       COUNT(*) FILTER (WHERE iv.owed AND NOT iv.reported) AS villages_missing,
       COUNT(*) FILTER (WHERE iv.reported AND NOT iv.owed) AS villages_not_existing,
       COUNT(*) FILTER (WHERE iv.owed <> iv.reported) = 0 AS complete,
       COALESCE(SUM(iv.operating_income), 0) AS operating_income,
       COALESCE(SUM(iv.self_operated_income), 0) AS self_operated_income,
       COALESCE(SUM(iv.total_income), 0) AS total_income,
       MIN(iv.operating_income) AS min_operating_income,
       median(iv.operating_income) AS median_operating_income
FROM income_village_years iv
JOIN region_rollup rr ON rr.member_key = iv.village_key
GROUP BY ALL;
COMMENT ON VIEW metric_income IS '村集体收入 per region and year: villages reporting, villages owing a report (existing on 31 December), those missing and those reporting without existing, complete (none missing or extra: the sums are of the region''s whole territory), Σ operating / self-operated / total income (yuan) of the reports, the smallest and median village operating income.';

CREATE OR REPLACE VIEW metric_income_growth AS
SELECT a.region_key, a.region_level, a.region_name, a.region_code, a.county_key, a.county_name, a.township_key, a.township_name,
       a.year AS from_year, b.year AS to_year,
       a.villages AS from_villages,
       b.villages AS to_villages,
       a.villages_missing + b.villages_missing AS villages_missing,
       a.complete AND b.complete AS complete,
       a.operating_income AS from_operating_income,
       b.operating_income AS to_operating_income,
       CASE WHEN a.complete AND b.complete THEN CAST(b.operating_income AS DOUBLE) / NULLIF(a.operating_income, 0) - 1 END AS growth,
       CASE WHEN a.complete AND b.complete
            THEN pow(CAST(b.operating_income AS DOUBLE) / NULLIF(a.operating_income, 0), 1.0 / (b.year - a.year)) - 1 END AS cagr
FROM metric_income a JOIN metric_income b ON b.region_key = a.region_key AND b.year > a.year;
COMMENT ON VIEW metric_income_growth IS 'Operating-income growth from_year → to_year of each region''s total over its territory (every pair of years): each year''s total is of the villages existing on its 31 December, so a merger of villages that keeps the total keeps the growth. growth = Σ to / Σ from − 1, cagr = (Σ to / Σ from)^(1/(to_year − from_year)) − 1; both NULL unless both years are complete (a missing report never changes a growth silently: villages_missing says why). A Village row is that village''s own growth.';

-- Parameterized shorthand for one pair of years.
CREATE OR REPLACE MACRO income_growth(first_year, last_year) AS TABLE
SELECT * FROM metric_income_growth WHERE from_year = first_year AND to_year = last_year;
COMMENT ON MACRO TABLE income_growth IS 'income_growth(first_year, last_year): metric_income_growth for one pair of years, e.g. SELECT growth FROM income_growth(2019, 2021) WHERE region_name = ''永安市''.';

CREATE OR REPLACE MACRO income_threshold(threshold := 100000) AS TABLE
WITH per_year AS (
    SELECT rr.region_key, rr.region_level, rr.region_name, rr.region_code, rr.county_key, rr.county_name, rr.township_key, rr.township_name,
           f.year,
           COUNT(*) AS villages,
           COUNT(*) FILTER (WHERE f.operating_income < threshold) AS villages_below,
           COUNT(*) FILTER (WHERE f.self_operated_income >= threshold) AS villages_self_operated_at_least
    FROM fact_collective_income f
    JOIN dim_region v ON v.region_key = f.village_key AND v.level = 'Village'
    JOIN region_rollup rr ON rr.member_key = f.village_key
    GROUP BY ALL
)
SELECT *,
       CAST(threshold AS DECIMAL(18,2)) AS threshold,
       villages_below = 0 AS none_below,
       -- 清零: none below this year, after some were below in an earlier year.
       villages_below = 0 AND COALESCE(MAX(villages_below) OVER (
           PARTITION BY region_key ORDER BY year ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) > 0 AS cleared,
       CAST(villages_self_operated_at_least AS DOUBLE) / villages AS self_operated_share
FROM per_year;
COMMENT ON MACRO TABLE income_threshold IS 'income_threshold(threshold := 100000): per region and year, villages under the operating-income threshold, none_below, cleared (清零), villages whose self-operated income ≥ threshold and their share.';

CREATE OR REPLACE VIEW metric_income_threshold AS SELECT * FROM income_threshold(100000);
COMMENT ON VIEW metric_income_threshold IS 'income_threshold(100000): per region and year, villages under 100,000 yuan operating income (villages_below), none_below, cleared (清零: none below after some in an earlier year), villages whose self-operated income ≥ 100,000 and their share. Other thresholds: SELECT * FROM income_threshold(threshold := 200000).';

CREATE OR REPLACE VIEW metric_income_band AS
WITH bands(band_order, band, lower_yuan, upper_yuan) AS (VALUES
    (1, '< 10万', 0, 100000), (2, '10–20万', 100000, 200000), (3, '20–50万', 200000, 500000),
    (4, '50–100万', 500000, 1000000), (5, '≥ 100万', 1000000, NULL))
SELECT rr.region_key, rr.region_level, rr.region_name, rr.region_code, rr.county_key, rr.county_name, rr.township_key, rr.township_name,
       f.year, b.band_order, b.band, b.lower_yuan, b.upper_yuan,
       COUNT(*) AS villages,
       SUM(f.operating_income) AS operating_income
FROM fact_collective_income f
JOIN dim_region v ON v.region_key = f.village_key AND v.level = 'Village'
JOIN bands b ON f.operating_income >= b.lower_yuan AND (b.upper_yuan IS NULL OR f.operating_income < b.upper_yuan)
JOIN region_rollup rr ON rr.member_key = f.village_key
GROUP BY ALL;
COMMENT ON VIEW metric_income_band IS 'Villages per operating-income band (< 10万, 10–20万, 20–50万, 50–100万, ≥ 100万 yuan; lower bound included) per region and year. Empty bands have no row.';

CREATE OR REPLACE VIEW metric_income_projects AS
SELECT rr.region_key, rr.region_level, rr.region_name, rr.region_code, rr.county_key, rr.county_name, rr.township_key, rr.township_name,
       p.year, p.kind,
       COUNT(*) AS projects,
       SUM(p.investment) AS investment,
       SUM(p.annual_income) AS annual_income
FROM fact_income_project p JOIN region_rollup rr ON rr.member_key = p.village_key
GROUP BY ALL;
COMMENT ON VIEW metric_income_projects IS '村财增收项目 per region, year and kind: projects, Σ investment and Σ annual income (yuan).';

-- ─── Grids (网格) ────────────────────────────────────────────────────────────────────────────────────────────────────

CREATE OR REPLACE VIEW metric_grids AS
WITH staffed AS (SELECT DISTINCT grid_key FROM fact_grid_steward WHERE to_on IS NULL)
SELECT rr.region_key, rr.region_level, rr.region_name, rr.region_code, rr.county_key, rr.county_name, rr.township_key, rr.township_name,
       g.level AS grid_level, year(g.created_on) AS created_year,
       COUNT(*) AS grids,
       SUM(g.households) AS households,
       SUM(g.population) AS population,
       COUNT(*) FILTER (WHERE g.households BETWEEN 80 AND 120) AS in_standard,
       COUNT(s.grid_key) AS with_steward
FROM dim_grid g
LEFT JOIN staffed s ON s.grid_key = g.grid_key
JOIN region_rollup rr ON rr.member_key = g.region_key
GROUP BY ALL;
COMMENT ON VIEW metric_grids IS 'Grids per region, grid level (1 乡街 … 4 单元网格) and year created: grids, households, population, grids within 80–120 households (in_standard, meaningful at level 4), grids with at least one current steward. All measures add up across rows.';

CREATE OR REPLACE VIEW metric_grid_coverage AS
WITH grids AS (
    SELECT rr.region_key,
           COUNT(*) FILTER (WHERE g.level = 1) AS level1_grids,
           COUNT(*) FILTER (WHERE g.level = 2) AS level2_grids,
           COUNT(*) FILTER (WHERE g.level = 3) AS level3_grids,
           COUNT(*) FILTER (WHERE g.level = 4) AS level4_grids,
           SUM(g.households) FILTER (WHERE g.level = 4) AS level4_households,
           COUNT(*) FILTER (WHERE g.level = 4 AND g.households BETWEEN 80 AND 120) AS level4_in_standard,
           COUNT(*) FILTER (WHERE g.grid_key IN (SELECT grid_key FROM fact_grid_steward WHERE to_on IS NULL)) AS grids_with_steward
    FROM dim_grid g JOIN region_rollup rr ON rr.member_key = g.region_key
    WHERE g.valid_to IS NULL
    GROUP BY ALL
), cadres AS (
    SELECT rr.region_key, COUNT(DISTINCT s.member_key) AS cadre_stewards
    FROM fact_grid_steward s
    JOIN dim_grid g ON g.grid_key = s.grid_key AND g.level = 4
    JOIN region_rollup rr ON rr.member_key = g.region_key
    WHERE s.is_cadre AND s.member_key IS NOT NULL AND s.to_on IS NULL
    GROUP BY ALL
), branches AS (
    SELECT rr.region_key, COUNT(*) AS grid_branches
    FROM dim_organization o
    JOIN dim_grid g ON g.grid_key = o.grid_key AND g.level = 3
    JOIN region_rollup rr ON rr.member_key = g.region_key
    WHERE o.domain = 'GridBranch' AND o.kind = 'Branch'
    GROUP BY ALL
), villages AS (
    SELECT rr.region_key, COUNT(*) AS villages
    FROM dim_region v JOIN region_rollup rr ON rr.member_key = v.region_key
    WHERE v.level = 'Village' AND v.valid_to IS NULL
    GROUP BY ALL
), covered AS (
    SELECT rr.region_key, COUNT(DISTINCT p.target_region_key) AS cross_village_covered
    FROM fact_pairing p
    JOIN dim_organization o ON o.organization_key = p.organization_key AND o.domain = 'CrossVillage'
    JOIN dim_region v ON v.region_key = p.target_region_key AND v.level = 'Village'
    JOIN region_rollup rr ON rr.member_key = p.target_region_key
    WHERE p.program = 'CrossVillage'
    GROUP BY ALL
), cross_orgs AS (
    SELECT rr.region_key, COUNT(*) AS cross_village_organizations
    FROM dim_organization o JOIN region_rollup rr ON rr.member_key = o.region_key
    WHERE o.domain = 'CrossVillage'
    GROUP BY ALL
)
SELECT m.region_key, m.region_level, m.region_name, m.region_code, m.county_key, m.county_name, m.township_key, m.township_name,
       COALESCE(g.level1_grids, 0) AS level1_grids,
       COALESCE(g.level2_grids, 0) AS level2_grids,
       COALESCE(g.level3_grids, 0) AS level3_grids,
       COALESCE(g.level4_grids, 0) AS level4_grids,
       COALESCE(g.level4_households, 0) AS level4_households,
       m.households AS region_households,
       CAST(COALESCE(g.level4_households, 0) AS DOUBLE) / NULLIF(m.households, 0) AS household_coverage,
       COALESCE(g.level4_in_standard, 0) AS level4_in_standard,
       CAST(COALESCE(g.level4_in_standard, 0) AS DOUBLE) / NULLIF(g.level4_grids, 0) AS level4_in_standard_share,
       COALESCE(g.grids_with_steward, 0) AS grids_with_steward,
       CAST(COALESCE(g.grids_with_steward, 0) AS DOUBLE) / NULLIF(g.level1_grids + g.level2_grids + g.level3_grids + g.level4_grids, 0) AS grids_with_steward_share,
       COALESCE(c.cadre_stewards, 0) AS cadre_stewards,
       COALESCE(b.grid_branches, 0) AS grid_branches,
       CAST(COALESCE(b.grid_branches, 0) AS DOUBLE) / NULLIF(g.level3_grids, 0) AS grid_branches_per_level3_grid,
       COALESCE(x.cross_village_organizations, 0) AS cross_village_organizations,
       COALESCE(v.villages, 0) AS villages,
       COALESCE(cv.cross_village_covered, 0) AS cross_village_covered,
       CAST(COALESCE(cv.cross_village_covered, 0) AS DOUBLE) / NULLIF(v.villages, 0) AS cross_village_share
FROM metric_region m
LEFT JOIN grids g USING (region_key)
LEFT JOIN cadres c USING (region_key)
LEFT JOIN branches b USING (region_key)
LEFT JOIN villages v USING (region_key)
LEFT JOIN covered cv USING (region_key)
LEFT JOIN cross_orgs x USING (region_key)
WHERE m.region_level IN ('City', 'County', 'Township', 'Village', 'Community') AND m.valid_to IS NULL;
COMMENT ON VIEW metric_grid_coverage IS 'Grid coverage per region (current state: today''s grids and villages, valid_to NULL): grids by level; households in level-4 grids over the region''s households; share of level-4 grids within 80–120 households; grids with a current steward; distinct party cadres currently stewarding level-4 grids; grid party branches (网格党支部) on level-3 grids and per level-3 grid; cross-village organizations (联村党组织) and the villages they cover over all villages.';

-- ─── Organizations and members ───────────────────────────────────────────────────────────────────────────────────────

CREATE OR REPLACE VIEW metric_organizations AS
SELECT rr.region_key, rr.region_level, rr.region_name, rr.region_code, rr.county_key, rr.county_name, rr.township_key, rr.township_name,
       o.domain, o.kind, year(o.established_on) AS established_year,
       COUNT(*) AS organizations,
       COUNT(*) FILTER (WHERE o.dissolved_on IS NOT NULL) AS dissolved,
       COUNT(*) FILTER (WHERE o.dissolved_on IS NULL) AS active
FROM dim_organization o JOIN region_rollup rr ON rr.member_key = o.region_key
GROUP BY ALL;
COMMENT ON VIEW metric_organizations IS 'Party organizations per region, domain, kind and year established: organizations established (a temporary branch counts even once dissolved), dissolved since, still active.';

CREATE OR REPLACE VIEW metric_enterprise_coverage AS
SELECT rr.region_key, rr.region_level, rr.region_name, rr.region_code, rr.county_key, rr.county_name, rr.township_key, rr.township_name,
       e.kind AS enterprise_kind,
       COUNT(*) AS enterprises,
       COUNT(e.organization_key) AS with_party_organization,
       COUNT(e.organization_key) / COUNT(*) AS coverage
FROM dim_enterprise e JOIN region_rollup rr ON rr.member_key = e.region_key
GROUP BY ALL;
COMMENT ON VIEW metric_enterprise_coverage IS 'Party organization coverage of enterprises (组织覆盖率) per region and enterprise kind (StateOwned, NonPublic, NewBusinessForm 新业态): enterprises, those with a party organization, and the share.';

CREATE OR REPLACE VIEW metric_members AS
SELECT rr.region_key, rr.region_level, rr.region_name, rr.region_code, rr.county_key, rr.county_name, rr.township_key, rr.township_name,
       m.category,
       CAST(SUM(m.members) AS BIGINT) AS members,
       CAST(SUM(m.cadres) AS BIGINT) AS cadres,
       CAST(SUM(m.star_members) AS BIGINT) AS star_members
FROM member_counts m
JOIN dim_organization o ON o.organization_key = m.organization_key
JOIN region_rollup rr ON rr.member_key = o.region_key
GROUP BY ALL;
COMMENT ON VIEW metric_members IS 'Party members per region of their organization (组织关系) and category (Rural, InService, Mobile 流动, Retired): members, cadres, star members.';

-- ─── Cases (民情诉求) ────────────────────────────────────────────────────────────────────────────────────────────────

-- One event per case received (its report date) and per case resolved (its resolution date).
CREATE OR REPLACE VIEW case_events AS
SELECT case_key, region_key, channel, category, reporter, office_day(reported_at) AS event_on, 'received' AS event,
       is_resolved, NULL::DOUBLE AS days_to_resolve, NULL::BOOLEAN AS has_feedback, NULL::INTEGER AS satisfaction
FROM fact_case
UNION ALL
SELECT case_key, region_key, channel, category, reporter, office_day(resolved_at), 'resolved',
       TRUE, days_to_resolve, feedback_at IS NOT NULL, satisfaction
FROM fact_case WHERE is_resolved;
COMMENT ON VIEW case_events IS 'Helper: each case once as received (event_on = Beijing day reported) and, if resolved, once as resolved (event_on = Beijing day resolved, with days_to_resolve, feedback and satisfaction).';

CREATE OR REPLACE VIEW metric_cases AS
-- Added up per case region first (millions of events → thousands of groups), then rolled up: every measure is a sum.
WITH by_region AS (
    SELECT e.region_key, year(e.event_on) AS year, month(e.event_on) AS month, e.channel, e.category, e.reporter,
           COUNT(*) FILTER (WHERE e.event = 'received') AS received,
           COUNT(*) FILTER (WHERE e.event = 'received' AND e.is_resolved) AS received_resolved,
           COUNT(*) FILTER (WHERE e.event = 'resolved') AS resolved,
           COUNT(*) FILTER (WHERE e.event = 'resolved' AND e.has_feedback) AS resolved_with_feedback,
           SUM(e.satisfaction) AS satisfaction_sum,
           COUNT(e.satisfaction) AS satisfaction_ratings
    FROM case_events e
    GROUP BY ALL
), rolled_up AS (
    -- Grouped by the region's key alone; its name, code and ancestors are joined once per group below (grouping by
    -- them too gave the same rows at about 1.4 times the cost: nearly as many groups as events).
    SELECT rr.region_key, b.year, b.month, b.channel, b.category, b.reporter,
           CAST(SUM(b.received) AS BIGINT) AS received,
           CAST(SUM(b.received_resolved) AS BIGINT) AS received_resolved,
           CAST(SUM(b.resolved) AS BIGINT) AS resolved,
           CAST(SUM(b.resolved_with_feedback) AS BIGINT) AS resolved_with_feedback,
           SUM(b.satisfaction_sum) AS satisfaction_sum,
           CAST(SUM(b.satisfaction_ratings) AS BIGINT) AS satisfaction_ratings
    FROM by_region b JOIN region_rollup rr ON rr.member_key = b.region_key
    GROUP BY ALL
)
SELECT m.region_key, m.region_level, m.region_name, m.region_code, m.county_key, m.county_name, m.township_key, m.township_name,
       r.year, r.month, r.channel, r.category, r.reporter,
       r.received, r.received_resolved, r.resolved, r.resolved_with_feedback, r.satisfaction_sum, r.satisfaction_ratings
FROM rolled_up r JOIN metric_region m USING (region_key);
COMMENT ON VIEW metric_cases IS 'Cases per region, month, channel, category and reporter; every measure adds up across rows: received (reported in the month), received_resolved (of those, resolved by now: Σ received_resolved / Σ received = resolution rate), resolved (resolved in the month), resolved_with_feedback, satisfaction_sum / satisfaction_ratings (mean satisfaction). Medians and p90: case_summary() or metric_cases_by_year.';

CREATE OR REPLACE MACRO case_summary(from_date := NULL, to_date := NULL) AS TABLE
WITH stats AS (
    SELECT rr.region_key,
           COALESCE(e.channel, 'All') AS channel,
           COALESCE(e.category, 'All') AS category,
           COUNT(*) FILTER (WHERE e.event = 'received') AS received,
           COUNT(*) FILTER (WHERE e.event = 'received' AND e.is_resolved) AS received_resolved,
           COUNT(*) FILTER (WHERE e.event = 'resolved') AS resolved,
           median(e.days_to_resolve) AS median_days_to_resolve,
           quantile_cont(e.days_to_resolve, 0.9) AS p90_days_to_resolve,
           COUNT(*) FILTER (WHERE e.event = 'resolved' AND e.has_feedback) AS resolved_with_feedback,
           avg(e.satisfaction) AS mean_satisfaction
    FROM case_events e JOIN region_rollup rr ON rr.member_key = e.region_key
    WHERE (from_date IS NULL OR e.event_on >= CAST(from_date AS DATE)) AND (to_date IS NULL OR e.event_on <= CAST(to_date AS DATE))
    GROUP BY GROUPING SETS ((rr.region_key, e.channel, e.category), (rr.region_key, e.channel), (rr.region_key, e.category), (rr.region_key))
)
SELECT m.region_key, m.region_level, m.region_name, m.region_code, m.county_key, m.county_name, m.township_key, m.township_name,
       s.channel, s.category, s.received, s.received_resolved,
       CAST(s.received_resolved AS DOUBLE) / NULLIF(s.received, 0) AS resolution_rate,
       s.resolved, s.median_days_to_resolve, s.p90_days_to_resolve, s.resolved_with_feedback,
       CAST(s.resolved_with_feedback AS DOUBLE) / NULLIF(s.resolved, 0) AS feedback_share,
       s.mean_satisfaction
FROM stats s JOIN metric_region m USING (region_key);
COMMENT ON MACRO TABLE case_summary IS 'case_summary(from_date := NULL, to_date := NULL): cases per region, channel and category (''All'' rows for every channel / category) over any date range: received, resolution_rate, resolved, median and p90 days to resolve, feedback_share, mean_satisfaction.';

CREATE OR REPLACE VIEW metric_cases_by_year AS
WITH stats AS (
    SELECT rr.region_key, year(e.event_on) AS year,
           COALESCE(e.channel, 'All') AS channel,
           COUNT(*) FILTER (WHERE e.event = 'received') AS received,
           COUNT(*) FILTER (WHERE e.event = 'received' AND e.is_resolved) AS received_resolved,
           COUNT(*) FILTER (WHERE e.event = 'resolved') AS resolved,
           -- Both quantiles from one sort of each group's days (median is quantile_cont at 0.5: the same values).
           quantile_cont(e.days_to_resolve, [0.5, 0.9]) AS days_to_resolve_quantiles,
           COUNT(*) FILTER (WHERE e.event = 'resolved' AND e.has_feedback) AS resolved_with_feedback,
           avg(e.satisfaction) AS mean_satisfaction
    FROM case_events e JOIN region_rollup rr ON rr.member_key = e.region_key
    GROUP BY GROUPING SETS ((rr.region_key, year(e.event_on), e.channel), (rr.region_key, year(e.event_on)))
)
SELECT m.region_key, m.region_level, m.region_name, m.region_code, m.county_key, m.county_name, m.township_key, m.township_name,
       s.year, s.channel, s.received, s.received_resolved,
       CAST(s.received_resolved AS DOUBLE) / NULLIF(s.received, 0) AS resolution_rate,
       s.resolved, s.days_to_resolve_quantiles[1] AS median_days_to_resolve, s.days_to_resolve_quantiles[2] AS p90_days_to_resolve,
       s.resolved_with_feedback,
       CAST(s.resolved_with_feedback AS DOUBLE) / NULLIF(s.resolved, 0) AS feedback_share,
       s.mean_satisfaction
FROM stats s JOIN metric_region m USING (region_key);
COMMENT ON VIEW metric_cases_by_year IS 'Cases per region, calendar year and channel (''All'' = every channel). One cohort, the cases received in the year: received, received_resolved (of those, resolved by now; never more than received), resolution_rate = received_resolved / received. Another cohort, the cases resolved in the year whatever year they came in: resolved, median and p90 days to resolve, feedback_share, mean_satisfaction (1–5). Never divide resolved by received. Any other period: case_summary(from_date, to_date).';

CREATE OR REPLACE MACRO case_backlog(as_of) AS TABLE
WITH open_cases AS (
    SELECT c.region_key, c.channel,
           date_diff('day', office_day(c.reported_at), office_day(as_of)) AS age_days
    FROM fact_case c
    WHERE c.reported_at <= CAST(as_of AS TIMESTAMP)
      AND (c.resolved_at IS NULL OR c.resolved_at > CAST(as_of AS TIMESTAMP))
      AND (c.closed_at IS NULL OR c.closed_at > CAST(as_of AS TIMESTAMP))
), banded AS (
    SELECT *,
           CASE WHEN age_days <= 7 THEN 1 WHEN age_days <= 30 THEN 2 WHEN age_days <= 90 THEN 3 WHEN age_days <= 365 THEN 4 ELSE 5 END AS age_order,
           CASE WHEN age_days <= 7 THEN '0–7 days' WHEN age_days <= 30 THEN '8–30 days' WHEN age_days <= 90 THEN '31–90 days'
                WHEN age_days <= 365 THEN '91–365 days' ELSE 'over a year' END AS age_band
    FROM open_cases
)
SELECT rr.region_key, rr.region_level, rr.region_name, rr.region_code, rr.county_key, rr.county_name, rr.township_key, rr.township_name,
       office_day(as_of) AS as_of, b.channel, b.age_order, b.age_band,
       COUNT(*) AS open_cases,
       MAX(b.age_days) AS oldest_days
FROM banded b JOIN region_rollup rr ON rr.member_key = b.region_key
GROUP BY ALL;
COMMENT ON MACRO TABLE case_backlog IS 'case_backlog(as_of): cases open at as_of (reported, neither resolved nor rejected/withdrawn by then) per region, channel and age band.';

CREATE OR REPLACE VIEW metric_case_backlog AS
SELECT * FROM case_backlog((SELECT MAX(reported_at) FROM fact_case));
COMMENT ON VIEW metric_case_backlog IS 'Open cases (reported, neither resolved nor rejected/withdrawn) as of the latest report in the warehouse, per region, channel and age band (0–7, 8–30, 31–90, 91–365 days, over a year). Another date: SELECT * FROM case_backlog(DATE ''2023-06-30'').';

-- ─── Activities, pairings (四联四促) ─────────────────────────────────────────────────────────────────────────────────

CREATE OR REPLACE VIEW metric_activities AS
-- Added up per activity region first, then rolled up: every measure is a sum.
WITH by_region AS (
    SELECT a.region_key, year(a.date) AS year, month(a.date) AS month, a.kind,
           COUNT(*) AS activities, SUM(a.participants) AS participants, SUM(a.cadre_count) AS cadre_attendances
    FROM fact_activity a
    GROUP BY ALL
)
SELECT rr.region_key, rr.region_level, rr.region_name, rr.region_code, rr.county_key, rr.county_name, rr.township_key, rr.township_name,
       b.year, b.month, b.kind,
       CAST(SUM(b.activities) AS BIGINT) AS activities,
       SUM(b.participants) AS participants,
       SUM(b.cadre_attendances) AS cadre_attendances
FROM by_region b JOIN region_rollup rr ON rr.member_key = b.region_key
GROUP BY ALL;
COMMENT ON VIEW metric_activities IS 'Activities where they took place, per region, month and kind (NightTalk 居民夜谈会, RotationDuty 党建轮值, LeaderVisit …): activities, participants, cadre attendances (下沉党员干部人次). All measures add up.';

-- 四联四促 (明委工〔2023〕6号) as the notice states it. compliance_rule holds each rule's minimum and deadline, written by
-- the ETL from the same definitions the live GraphQL complianceStatus evaluates (Analytics.Domain's PairingCompliance),
-- so the two read one set of dates and thresholds; a test compares both, rule by rule, on the whole demo city.
CREATE OR REPLACE VIEW metric_compliance_check AS
WITH years AS (SELECT DISTINCT year(date) AS year FROM fact_activity),
agency_years AS (
    SELECT o.organization_key, y.year FROM dim_organization o CROSS JOIN years y WHERE o.domain = 'Agency'
), active AS (
    -- Pairings in force on some day of the year.
    SELECT p.pairing_key, p.program, p.organization_key, p.target_kind, p.from_on, p.to_on, y.year
    FROM fact_pairing p
    JOIN years y ON p.from_on <= make_date(y.year, 12, 31) AND (p.to_on IS NULL OR p.to_on >= make_date(y.year, 1, 1))
    WHERE p.program IN ('FourLinks', 'ThreeLinks')
), held AS (
    -- Activities held in the year by the pairing's organization under a pairing in force that year.
    SELECT p.organization_key, p.year, p.program, p.target_kind, p.pairing_key, a.kind, a.date
    FROM active p
    JOIN fact_activity a ON a.pairing_key = p.pairing_key AND a.organization_key = p.organization_key AND year(a.date) = p.year
), pairing_rule(rule, target_kind) AS (VALUES
    ('VillagePairedByJune', 'Village'), ('CommunityPairedByJune', 'Community'),
    ('EnterprisePairedByJune', 'Enterprise'), ('ProjectPairedByJune', 'Project')
), in_force AS (
    -- 6月底前: a pairing of the kind in force on the deadline.
    SELECT g.organization_key, g.year, r.rule, r.minimum AS required, COUNT(p.pairing_key) AS actual
    FROM agency_years g
    CROSS JOIN pairing_rule k
    JOIN compliance_rule r ON r.rule = k.rule
    LEFT JOIN active p
           ON p.organization_key = g.organization_key AND p.year = g.year AND p.program = 'FourLinks' AND p.target_kind = k.target_kind
          AND p.from_on <= make_date(g.year, r.deadline_month, r.deadline_day)
          AND (p.to_on IS NULL OR p.to_on >= make_date(g.year, r.deadline_month, r.deadline_day))
    GROUP BY g.organization_key, g.year, r.rule, r.minimum
), village_visits AS (
    SELECT p.organization_key, p.year, p.pairing_key, COUNT(h.kind) FILTER (WHERE h.kind = 'LeaderVisit') AS leader_visits
    FROM active p LEFT JOIN held h ON h.pairing_key = p.pairing_key AND h.year = p.year
    WHERE p.program = 'FourLinks' AND p.target_kind = 'Village'
    GROUP BY ALL
), leader AS (
    -- 主要领导每年到共建村调研: every village pairing of the year visited; with none the rule cannot be met.
    SELECT g.organization_key, g.year, r.rule, GREATEST(1, COUNT(v.pairing_key)) AS required,
           COUNT(v.pairing_key) FILTER (WHERE v.leader_visits >= r.minimum) AS actual
    FROM agency_years g
    JOIN compliance_rule r ON r.rule = 'LeaderVisits'
    LEFT JOIN village_visits v ON v.organization_key = g.organization_key AND v.year = g.year
    GROUP BY g.organization_key, g.year, r.rule, r.minimum
), activity_rule(rule, kind, from_month, to_month) AS (VALUES
    ('DeputyVisitsFirstHalf', 'DeputyVisit', 1, 6), ('DeputyVisitsSecondHalf', 'DeputyVisit', 7, 12),
    ('JointPartyClasses', 'JointPartyClass', 1, 12), ('ThemeDays', 'ThemeDay', 1, 12), ('PracticeActivities', 'PracticeActivity', 1, 12)
), counted AS (
    -- Held with the paired village (与共建村), in the half-year or the year.
    SELECT g.organization_key, g.year, r.rule, r.minimum AS required, COUNT(h.kind) AS actual
    FROM agency_years g
    CROSS JOIN activity_rule k
    JOIN compliance_rule r ON r.rule = k.rule
    LEFT JOIN held h
           ON h.organization_key = g.organization_key AND h.year = g.year AND h.program = 'FourLinks' AND h.target_kind = 'Village'
          AND h.kind = k.kind AND month(h.date) BETWEEN k.from_month AND k.to_month
    GROUP BY g.organization_key, g.year, r.rule, r.minimum
), points AS (
    SELECT p.organization_key, p.year, p.pairing_key, COUNT(h.kind) FILTER (WHERE h.kind = 'LeaderVisit') AS leader_visits
    FROM active p LEFT JOIN held h ON h.pairing_key = p.pairing_key AND h.year = p.year
    WHERE p.program = 'ThreeLinks'
    GROUP BY ALL
), three_links AS (
    -- 三联共建: only for agencies with such points; the least-visited point counts.
    SELECT g.organization_key, g.year, r.rule, r.minimum AS required, MIN(p.leader_visits) AS actual
    FROM agency_years g
    JOIN points p ON p.organization_key = g.organization_key AND p.year = g.year
    JOIN compliance_rule r ON r.rule = 'ThreeLinksLeaderVisits'
    GROUP BY g.organization_key, g.year, r.rule, r.minimum
), registered AS (
    -- The agency's in-service members registered at a community, from their first registration.
    SELECT m.organization_key, m.member_key, MIN(r.registered_on) AS registered_on
    FROM fact_community_registration r JOIN dim_member m ON m.member_key = r.member_key AND m.category = 'InService'
    GROUP BY ALL
), owed AS (
    -- A member owes each quarter of the year that begins on or after the day they registered.
    SELECT g.organization_key, g.year, m.member_key, q.quarter
    FROM agency_years g
    JOIN registered m ON m.organization_key = g.organization_key
    CROSS JOIN (SELECT UNNEST([1, 2, 3, 4]) AS quarter) q
    WHERE m.registered_on <= make_date(g.year, q.quarter * 3 - 2, 1)
), attended AS (
    SELECT r.member_key, a.year, a.quarter, SUM(a.activities) AS activities
    FROM fact_community_attendance a JOIN fact_community_registration r ON r.registration_key = a.registration_key
    GROUP BY ALL
), member_years AS (
    SELECT o.organization_key, o.year, o.member_key, bool_and(COALESCE(t.activities, 0) >= r.minimum) AS every_quarter
    FROM owed o
    JOIN compliance_rule r ON r.rule = 'InServiceMembersQuarterly'
    LEFT JOIN attended t ON t.member_key = o.member_key AND t.year = o.year AND t.quarter = o.quarter
    GROUP BY o.organization_key, o.year, o.member_key
), quarterly AS (
    -- 在职党员每季度至少参加1次社区组织的活动: members owing a quarter of the year, and those who took part in each.
    SELECT g.organization_key, g.year, 'InServiceMembersQuarterly' AS rule,
           COUNT(m.member_key) AS required, COUNT(m.member_key) FILTER (WHERE m.every_quarter) AS actual
    FROM agency_years g LEFT JOIN member_years m ON m.organization_key = g.organization_key AND m.year = g.year
    GROUP BY g.organization_key, g.year
), checks AS (
    SELECT organization_key, year, rule, required, actual FROM in_force
    UNION ALL SELECT organization_key, year, rule, required, actual FROM leader
    UNION ALL SELECT organization_key, year, rule, required, actual FROM counted
    UNION ALL SELECT organization_key, year, rule, required, actual FROM three_links
    UNION ALL SELECT organization_key, year, rule, required, actual FROM quarterly
)
SELECT m.region_key, m.region_level, m.region_name, m.region_code, m.county_key, m.county_name, m.township_key, m.township_name,
       c.organization_key, o.name AS organization_name, c.year, c.rule,
       CAST(c.required AS INTEGER) AS required, CAST(c.actual AS INTEGER) AS actual, c.actual >= c.required AS is_met
FROM checks c
JOIN dim_organization o ON o.organization_key = c.organization_key
JOIN metric_region m ON m.region_key = o.region_key;
COMMENT ON VIEW metric_compliance_check IS '四联四促 rule by rule, per agency organization (domain Agency, city and county) and year, as the live GraphQL complianceStatus checks them: rule (compliance_rule.rule), required, actual, is_met (actual ≥ required). VillagePairedByJune … ProjectPairedByJune: pairings of the kind in force on the deadline (end of June); LeaderVisits: village pairings of the year visited by the principal leader (required = their number, at least 1); DeputyVisitsFirstHalf/SecondHalf, JointPartyClasses, ThemeDays, PracticeActivities: held with the paired village; ThreeLinksLeaderVisits (only with 三联共建 points): visits to the least-visited point; InServiceMembersQuarterly: the agency''s in-service members registered at a community by the first day of a quarter of the year (required) and those who took part in a community activity in every such quarter (fact_community_attendance).';

-- 原则上市县两级机关单位的共建村不交叉: a village paired in the same year by a city-level and a county-level agency.
CREATE OR REPLACE VIEW metric_pairing_overlap AS
WITH years AS (SELECT DISTINCT year(date) AS year FROM fact_activity),
village_pairings AS (
    SELECT p.target_region_key AS village_key, p.organization_key, y.year, r.level AS agency_level
    FROM fact_pairing p
    JOIN years y ON p.from_on <= make_date(y.year, 12, 31) AND (p.to_on IS NULL OR p.to_on >= make_date(y.year, 1, 1))
    JOIN dim_organization o ON o.organization_key = p.organization_key AND o.domain = 'Agency'
    JOIN dim_region r ON r.region_key = o.region_key
    WHERE p.program = 'FourLinks' AND p.target_kind = 'Village'
)
SELECT DISTINCT m.region_key, m.region_level, m.region_name, m.region_code, m.county_key, m.county_name, m.township_key, m.township_name,
       c.year, c.organization_key AS city_organization_key, co.name AS city_organization_name,
       k.organization_key AS county_organization_key, ko.name AS county_organization_name
FROM village_pairings c
JOIN village_pairings k ON k.village_key = c.village_key AND k.year = c.year AND k.agency_level = 'County'
JOIN dim_organization co ON co.organization_key = c.organization_key
JOIN dim_organization ko ON ko.organization_key = k.organization_key
JOIN metric_region m ON m.region_key = c.village_key
WHERE c.agency_level = 'City';
COMMENT ON VIEW metric_pairing_overlap IS '共建村交叉: each village (region columns are the village''s) paired under 四联四促 in the same year by a city-level agency and a county-level agency, which the notice says should not happen (原则上市县两级机关单位的共建村不交叉): year, the city agency and the county agency. No row: no overlap.';

CREATE OR REPLACE VIEW metric_pairing_compliance AS
WITH rules AS (
    SELECT organization_key, year,
           bool_and(is_met) FILTER (WHERE rule = 'VillagePairedByJune') AS paired_village,
           bool_and(is_met) FILTER (WHERE rule = 'CommunityPairedByJune') AS paired_community,
           bool_and(is_met) FILTER (WHERE rule = 'EnterprisePairedByJune') AS paired_enterprise,
           bool_and(is_met) FILTER (WHERE rule = 'ProjectPairedByJune') AS paired_project,
           bool_and(is_met) FILTER (WHERE rule LIKE '%PairedByJune') AS paired_all_four,
           bool_and(is_met) FILTER (WHERE rule = 'LeaderVisits') AS leader_visits_met,
           bool_and(is_met) FILTER (WHERE rule LIKE 'DeputyVisits%') AS deputy_visits_met,
           bool_and(is_met) FILTER (WHERE rule IN ('JointPartyClasses', 'ThemeDays', 'PracticeActivities')) AS joint_activities_met,
           bool_and(is_met) FILTER (WHERE rule = 'InServiceMembersQuarterly') AS members_quarterly_met,
           bool_and(is_met) AS compliant,
           COUNT(*) FILTER (WHERE is_met) AS rules_met,
           COUNT(*) AS rules
    FROM metric_compliance_check
    GROUP BY organization_key, year
), years AS (SELECT DISTINCT year FROM rules),
active AS (
    SELECT p.*, y.year
    FROM fact_pairing p
    JOIN years y ON p.from_on <= make_date(y.year, 12, 31) AND (p.to_on IS NULL OR p.to_on >= make_date(y.year, 1, 1))
    WHERE p.program = 'FourLinks'
), visits AS (
    SELECT a.pairing_key, year(a.date) AS year,
           COUNT(*) FILTER (WHERE a.kind = 'LeaderVisit') AS leader_visits,
           COUNT(*) FILTER (WHERE a.kind IN ('JointPartyClass', 'ThemeDay', 'PracticeActivity')) AS joint_activities
    FROM fact_activity a WHERE a.pairing_key IS NOT NULL
    GROUP BY ALL
), pairings AS (
    SELECT p.organization_key, p.year,
           COUNT(*) AS pairings,
           COUNT(*) FILTER (WHERE p.target_kind = 'Village') AS village_pairings,
           COUNT(*) FILTER (WHERE p.target_kind = 'Village' AND COALESCE(v.leader_visits, 0) >= 1) AS village_pairings_visited,
           COALESCE(SUM(v.leader_visits), 0) AS leader_visits,
           COALESCE(SUM(v.joint_activities), 0) AS joint_activities
    FROM active p LEFT JOIN visits v ON v.pairing_key = p.pairing_key AND v.year = p.year
    GROUP BY ALL
), overlapping AS (
    SELECT organization_key, year, COUNT(DISTINCT region_key) AS overlapping_villages
    FROM (SELECT city_organization_key AS organization_key, year, region_key FROM metric_pairing_overlap
          UNION ALL SELECT county_organization_key, year, region_key FROM metric_pairing_overlap)
    GROUP BY ALL
)
SELECT m.region_key, m.region_level, m.region_name, m.region_code, m.county_key, m.county_name, m.township_key, m.township_name,
       o.organization_key, o.name AS organization_name, r.year,
       r.paired_village, r.paired_community, r.paired_enterprise, r.paired_project, r.paired_all_four,
       COALESCE(p.pairings, 0) AS pairings,
       COALESCE(p.village_pairings, 0) AS village_pairings,
       COALESCE(p.village_pairings_visited, 0) AS village_pairings_visited,
       r.leader_visits_met, r.deputy_visits_met, r.joint_activities_met, r.members_quarterly_met, r.compliant,
       r.rules_met, r.rules,
       COALESCE(p.leader_visits, 0) AS leader_visits,
       COALESCE(p.joint_activities, 0) AS joint_activities,
       CAST(COALESCE(p.joint_activities, 0) AS DOUBLE) / NULLIF(p.pairings, 0) AS joint_activities_per_pairing,
       COALESCE(x.overlapping_villages, 0) AS overlapping_villages
FROM rules r
JOIN dim_organization o ON o.organization_key = r.organization_key
JOIN metric_region m ON m.region_key = o.region_key
LEFT JOIN pairings p ON p.organization_key = r.organization_key AND p.year = r.year
LEFT JOIN overlapping x ON x.organization_key = r.organization_key AND x.year = r.year;
COMMENT ON VIEW metric_pairing_compliance IS '四联四促 per agency organization (every Agency-domain organization, city and county) and year, from metric_compliance_check (region columns are the agency''s own region, a city agency has no county): paired_village / _community / _enterprise / _project = a pairing of the kind in force at the end of June (the notice''s deadline), paired_all_four; leader_visits_met (every village pairing of the year visited by the principal leader; false without a village pairing), deputy_visits_met (both half-years), joint_activities_met (class, theme day and practice activity with the paired village), members_quarterly_met (every in-service member took part in a community activity each quarter owed), compliant (every rule met), rules_met of rules; pairings in force in the year, village pairings and those visited, joint activities per pairing; overlapping_villages: its paired villages also paired by an agency of the other level (metric_pairing_overlap).';

CREATE OR REPLACE VIEW metric_pairing_summary AS
SELECT rr.region_key, rr.region_level, rr.region_name, rr.region_code, rr.county_key, rr.county_name, rr.township_key, rr.township_name,
       c.year,
       COUNT(*) AS agencies,
       COUNT(*) FILTER (WHERE c.paired_village) AS with_village,
       COUNT(*) FILTER (WHERE c.paired_community) AS with_community,
       COUNT(*) FILTER (WHERE c.paired_enterprise) AS with_enterprise,
       COUNT(*) FILTER (WHERE c.paired_project) AS with_project,
       COUNT(*) FILTER (WHERE c.paired_all_four) AS with_all_four,
       CAST(COUNT(*) FILTER (WHERE c.paired_all_four) AS DOUBLE) / COUNT(*) AS all_four_share,
       COUNT(*) FILTER (WHERE c.compliant) AS compliant,
       CAST(COUNT(*) FILTER (WHERE c.compliant) AS DOUBLE) / COUNT(*) AS compliant_share,
       SUM(c.village_pairings) AS village_pairings,
       SUM(c.village_pairings_visited) AS village_pairings_visited,
       CAST(SUM(c.village_pairings_visited) AS DOUBLE) / NULLIF(SUM(c.village_pairings), 0) AS leader_visit_compliance,
       SUM(c.joint_activities) AS joint_activities,
       CAST(SUM(c.joint_activities) AS DOUBLE) / NULLIF(SUM(c.pairings), 0) AS joint_activities_per_pairing,
       COUNT(*) FILTER (WHERE c.overlapping_villages > 0) AS with_overlapping_villages
FROM metric_pairing_compliance c JOIN region_rollup rr ON rr.member_key = c.region_key
GROUP BY ALL;
COMMENT ON VIEW metric_pairing_summary IS '四联四促 compliance per region (of the agencies) and year: agencies assessed, how many with a village / community / enterprise / project pairing in force at the end of June, with all four and their share, compliant with every rule and their share, share of village pairings with the principal leader''s yearly visit, joint activities per pairing, agencies with a village also paired by an agency of the other level.';

-- ─── Star ratings (五星创评), micro-wishes (微心愿) ──────────────────────────────────────────────────────────────────

CREATE OR REPLACE VIEW metric_star_ratings AS
WITH counted AS (
    SELECT rr.region_key, rr.region_level, rr.region_name, rr.region_code, rr.county_key, rr.county_name, rr.township_key, rr.township_name,
           s.year, o.domain, s.stars,
           COUNT(*) AS organizations
    FROM fact_star_rating s
    JOIN dim_organization o ON o.organization_key = s.organization_key
    JOIN region_rollup rr ON rr.member_key = o.region_key
    GROUP BY ALL
)
SELECT *, CAST(organizations AS DOUBLE) / SUM(organizations) OVER (PARTITION BY region_key, year, domain) AS share_of_domain
FROM counted;
COMMENT ON VIEW metric_star_ratings IS '五星创评 distribution per region (of the organization), year, domain and stars (1–5): organizations rated and their share of the domain''s rated organizations.';

CREATE OR REPLACE VIEW metric_rectification AS
SELECT m.region_key, m.region_level, m.region_name, m.region_code, m.county_key, m.county_name, m.township_key, m.township_name,
       s.year, o.organization_key, o.name AS organization_name, o.domain, s.stars, s.score,
       RANK() OVER (PARTITION BY m.county_key, s.year ORDER BY s.score, o.organization_key) AS county_rank
FROM fact_star_rating s
JOIN dim_organization o ON o.organization_key = s.organization_key
JOIN metric_region m ON m.region_key = o.region_key
WHERE s.stars <= 2;
COMMENT ON VIEW metric_rectification IS 'Organizations rated ≤ 2 stars (软弱涣散 candidates for rectification), ranked within their county and year by score, lowest first (county_rank 1 = weakest). Region columns are the organization''s region.';

CREATE OR REPLACE VIEW metric_micro_wishes AS
SELECT rr.region_key, rr.region_level, rr.region_name, rr.region_code, rr.county_key, rr.county_name, rr.township_key, rr.township_name,
       year(w.posted_on) AS year, month(w.posted_on) AS month, w.beneficiary,
       COUNT(*) AS posted,
       COUNT(w.claimed_on) AS claimed,
       COUNT(w.fulfilled_on) AS fulfilled,
       CAST(COUNT(w.fulfilled_on) AS DOUBLE) / COUNT(*) AS fulfilment_rate,
       SUM(date_diff('day', w.posted_on, w.fulfilled_on)) AS days_to_fulfil_sum,
       avg(date_diff('day', w.posted_on, w.fulfilled_on)) AS mean_days_to_fulfil,
       median(date_diff('day', w.posted_on, w.fulfilled_on)) AS median_days_to_fulfil
FROM fact_micro_wish w JOIN region_rollup rr ON rr.member_key = w.region_key
GROUP BY ALL;
COMMENT ON VIEW metric_micro_wishes IS '微心愿 per region, month posted and beneficiary: posted, claimed, fulfilled, fulfilment_rate (fulfilled / posted), days from posting to fulfilment (sum, mean, median; Σ days_to_fulfil_sum / Σ fulfilled is the mean over several rows).';

-- ─── League table: the counties side by side ─────────────────────────────────────────────────────────────────────────

CREATE OR REPLACE VIEW metric_league_table AS
WITH headline(metric_id, metric_name, higher_is_better, year, county_key, county_name, value) AS (
    SELECT 'income.operating_growth', '村集体经营性收入增长 (on the previous year)', TRUE, to_year, county_key, county_name, growth
    FROM metric_income_growth WHERE region_level = 'County' AND to_year = from_year + 1
    UNION ALL
    SELECT 'income.villages_below_100k', '经营性收入10万元以下村', FALSE, year, county_key, county_name, villages_below
    FROM metric_income_threshold WHERE region_level = 'County'
    UNION ALL
    SELECT 'income.self_operated_100k_share', '自营性收入达10万元以上村占比', TRUE, year, county_key, county_name, self_operated_share
    FROM metric_income_threshold WHERE region_level = 'County'
    UNION ALL
    SELECT 'grid.household_coverage', '四级网格覆盖户数占比', TRUE, NULL, county_key, county_name, household_coverage
    FROM metric_grid_coverage WHERE region_level = 'County'
    UNION ALL
    SELECT 'grid.level4_in_standard_share', '80–120户标准单元网格占比', TRUE, NULL, county_key, county_name, level4_in_standard_share
    FROM metric_grid_coverage WHERE region_level = 'County'
    UNION ALL
    SELECT 'grid.cross_village_share', '联村党组织覆盖村占比', TRUE, NULL, county_key, county_name, cross_village_share
    FROM metric_grid_coverage WHERE region_level = 'County'
    UNION ALL
    SELECT 'cases.resolution_rate', '民情诉求办结率', TRUE, year, county_key, county_name, resolution_rate
    FROM metric_cases_by_year WHERE region_level = 'County' AND channel = 'All'
    UNION ALL
    SELECT 'cases.median_days_to_resolve', '办结天数中位数', FALSE, year, county_key, county_name, median_days_to_resolve
    FROM metric_cases_by_year WHERE region_level = 'County' AND channel = 'All'
    UNION ALL
    SELECT 'cases.mean_satisfaction', '群众满意度', TRUE, year, county_key, county_name, mean_satisfaction
    FROM metric_cases_by_year WHERE region_level = 'County' AND channel = 'All'
    UNION ALL
    SELECT 'activities.night_talk_cadre_attendances', '夜谈会下沉党员干部人次', TRUE, year, county_key, county_name, SUM(cadre_attendances)
    FROM metric_activities WHERE region_level = 'County' AND kind = 'NightTalk' GROUP BY ALL
    UNION ALL
    SELECT 'pairing.all_four_share', '四联四促全覆盖机关占比', TRUE, year, county_key, county_name, all_four_share
    FROM metric_pairing_summary WHERE region_level = 'County'
    UNION ALL
    SELECT 'stars.two_or_fewer_share', '二星及以下党组织占比', FALSE, year, county_key, county_name,
           CAST(SUM(organizations) FILTER (WHERE stars <= 2) AS DOUBLE) / SUM(organizations)
    FROM metric_star_ratings WHERE region_level = 'County' GROUP BY ALL
    UNION ALL
    SELECT 'wishes.fulfilment_rate', '微心愿实现率', TRUE, year, county_key, county_name, CAST(SUM(fulfilled) AS DOUBLE) / SUM(posted)
    FROM metric_micro_wishes WHERE region_level = 'County' GROUP BY ALL
)
SELECT metric_id, metric_name, higher_is_better, year, county_key, county_name, value,
       CASE WHEN value IS NULL THEN NULL ELSE RANK() OVER (
           PARTITION BY metric_id, year, value IS NULL
           ORDER BY CASE WHEN higher_is_better THEN -value ELSE value END) END AS rank,
       COUNT(value) OVER (PARTITION BY metric_id, year) AS counties
FROM headline;
COMMENT ON VIEW metric_league_table IS 'Counties ranked per headline metric and year (year NULL: current state): metric_id, value, rank (1 = best; higher_is_better says which way), counties ranked. E.g. WHERE metric_id = ''cases.resolution_rate'' AND year = 2023 ORDER BY rank.';

-- ─── Published figures: one query per metric id, read by `etl verify` (Claims/claims.json) ──────────────────────────
-- published_figure(county, first_year, last_year, as_of) → (metric_id, value): every figure of that county-level unit
-- as the article dated as_of could count it. A stock (organizations, grids, stewards, members) counts what existed at
-- the end of as_of: established or created by then and not yet dissolved or ended; a flow (cases resolved, activities,
-- income projects) counts what happened in first_year..last_year and by as_of. NULL: no bound (as_of NULL: every row,
-- stewards as they are now). A yearly figure such as villages_below_100k reads last_year. Percentages are fractions.
-- Regions count as of the same day (region_counts(as_of): a village merged after the article is still one it counted);
-- as_of NULL counts today's.

CREATE OR REPLACE MACRO published_figure(county, first_year := NULL, last_year := NULL, as_of := NULL) AS TABLE
WITH c AS (SELECT region_key FROM metric_region WHERE region_level = 'County' AND region_name = county),
-- the county's regions (the county itself included): where its rows lie
inside AS (SELECT member_key FROM region_rollup WHERE region_key IN (FROM c)),
-- organizations in existence at the end of as_of (every one when as_of is NULL)
orgs AS (
    SELECT o.*, r.level AS region_level
    FROM dim_organization o JOIN dim_region r ON r.region_key = o.region_key
    WHERE o.region_key IN (FROM inside)
      AND (as_of IS NULL OR o.established_on <= as_of)
), standing AS (
    SELECT * FROM orgs WHERE as_of IS NULL OR dissolved_on IS NULL OR dissolved_on > as_of
), grids AS (
    SELECT g.* FROM dim_grid g WHERE g.region_key IN (FROM inside) AND (as_of IS NULL OR g.created_on <= as_of)
), in_years AS (
    SELECT COALESCE(first_year, 0) AS first_y, LEAST(COALESCE(last_year, 9999), COALESCE(year(CAST(as_of AS DATE)), 9999)) AS last_y
), villages AS (
    SELECT COUNT(*) AS villages FROM dim_region WHERE level = 'Village' AND region_key IN (FROM inside)
      AND CASE WHEN as_of IS NULL THEN valid_to IS NULL ELSE valid_on(valid_from, valid_to, CAST(as_of AS DATE)) END
), covered AS (
    SELECT COUNT(DISTINCT p.target_region_key) AS covered
    FROM fact_pairing p
    JOIN standing o ON o.organization_key = p.organization_key AND o.domain = 'CrossVillage'
    JOIN dim_region v ON v.region_key = p.target_region_key AND v.level = 'Village'
    WHERE p.program = 'CrossVillage' AND p.target_region_key IN (FROM inside)
      AND (as_of IS NULL OR (p.from_on <= as_of AND (p.to_on IS NULL OR p.to_on >= as_of)))
), resolved AS (
    SELECT channel, category, reporter FROM fact_case
    WHERE is_resolved AND region_key IN (FROM inside)
      AND year(office_day(resolved_at)) BETWEEN COALESCE(first_year, 0) AND COALESCE(last_year, 9999)
      AND (as_of IS NULL OR office_day(resolved_at) <= as_of)
), activities AS (
    SELECT kind, participants, cadre_count FROM fact_activity
    WHERE region_key IN (FROM inside)
      AND year(date) BETWEEN COALESCE(first_year, 0) AND COALESCE(last_year, 9999)
      AND (as_of IS NULL OR date <= as_of)
)
SELECT 'region.townships' AS metric_id, CAST(regions AS DOUBLE) AS value
FROM region_counts(as_of) WHERE region_key IN (FROM c) AND member_level = 'Township'
UNION ALL
SELECT 'region.villages', regions FROM region_counts(as_of) WHERE region_key IN (FROM c) AND member_level = 'Village'
UNION ALL
SELECT 'region.communities', regions FROM region_counts(as_of) WHERE region_key IN (FROM c) AND member_level = 'Community'
UNION ALL
SELECT 'income.operating_growth', growth FROM metric_income_growth
WHERE region_key IN (FROM c) AND from_year = first_year AND to_year = last_year
UNION ALL
SELECT 'income.villages_below_100k', villages_below FROM metric_income_threshold WHERE region_key IN (FROM c) AND year = last_year
UNION ALL
SELECT 'income.self_operated_100k_share', self_operated_share FROM metric_income_threshold WHERE region_key IN (FROM c) AND year = last_year
UNION ALL
-- a project is dated by its year only: one of the as_of year counts
SELECT 'income.projects', COUNT(*) FROM fact_income_project, in_years
WHERE village_key IN (FROM inside) AND year BETWEEN first_y AND last_y
UNION ALL
SELECT 'grid.level4_grids', COUNT(*) FROM grids
WHERE level = 4 AND year(created_on) BETWEEN COALESCE(first_year, 0) AND COALESCE(last_year, 9999)
UNION ALL
SELECT 'grid.level3_party_branches', COUNT(*)
FROM standing o JOIN grids g ON g.grid_key = o.grid_key AND g.level = 3
WHERE o.domain = 'GridBranch' AND o.kind = 'Branch'
UNION ALL
-- distinct party cadres stewarding a level-4 grid on as_of (to_on is the last day served)
SELECT 'grid.cadre_stewards', COUNT(DISTINCT s.member_key)
FROM fact_grid_steward s JOIN grids g ON g.grid_key = s.grid_key AND g.level = 4
WHERE s.is_cadre AND s.member_key IS NOT NULL
  AND CASE WHEN as_of IS NULL THEN s.to_on IS NULL ELSE s.from_on <= as_of AND (s.to_on IS NULL OR s.to_on >= as_of) END
UNION ALL
SELECT 'cross_village.organizations', COUNT(*) FROM standing WHERE domain = 'CrossVillage'
UNION ALL
SELECT 'cross_village.villages_covered', covered FROM covered
UNION ALL
SELECT 'cross_village.village_share', CAST(covered AS DOUBLE) / NULLIF(villages, 0) FROM covered, villages
UNION ALL
-- temporary branches and vanguard teams are counted as formed (组建): most are dissolved when their task ends
SELECT 'org.' || CASE domain WHEN 'ResidentialArea' THEN 'residential_area' WHEN 'NewBusinessForm' THEN 'new_business_form'
                             WHEN 'MobileMembers' THEN 'mobile_members' WHEN 'Temporary' THEN 'temporary'
                             WHEN 'VanguardTeam' THEN 'vanguard_team' END,
       COUNT(*)
FROM orgs
WHERE domain IN ('Temporary', 'VanguardTeam')
   OR domain IN ('ResidentialArea', 'NewBusinessForm', 'MobileMembers') AND organization_key IN (SELECT organization_key FROM standing)
GROUP BY domain
UNION ALL
SELECT 'org.new_business_form_branches', COUNT(*) FROM standing WHERE domain = 'NewBusinessForm' AND kind = 'Branch'
UNION ALL
SELECT 'org.township_youth_branches', COUNT(*) FROM standing WHERE domain = 'Youth' AND kind = 'Branch' AND region_level = 'Township'
UNION ALL
-- an enterprise counts as covered once its party organization exists
SELECT 'enterprise.new_business_form_coverage', CAST(COUNT(o.organization_key) AS DOUBLE) / NULLIF(COUNT(*), 0)
FROM dim_enterprise e LEFT JOIN standing o ON o.organization_key = e.organization_key
WHERE e.region_key IN (FROM inside) AND e.kind = 'NewBusinessForm'
UNION ALL
-- members who had joined the party by as_of (the register keeps no date of becoming mobile)
SELECT 'members.mobile', CAST(COALESCE(SUM(j.members), 0) AS BIGINT)
FROM member_joins j
WHERE j.county_key IN (FROM c) AND j.category = 'Mobile' AND (as_of IS NULL OR j.joined_on <= as_of)
UNION ALL
SELECT 'cases.resolved.' || CASE channel WHEN 'FourStep' THEN 'four_step' WHEN 'RotationDuty' THEN 'rotation_duty'
                                         WHEN 'GridVisit' THEN 'grid_visit' END,
       COUNT(*)
FROM resolved WHERE channel IN ('FourStep', 'RotationDuty', 'GridVisit')
GROUP BY channel
UNION ALL
SELECT 'cases.resolved.red_steward_property', COUNT(*) FROM resolved WHERE channel = 'RedSteward' AND category = 'Property'
UNION ALL
SELECT 'cases.resolved.enterprise_service', COUNT(*) FROM resolved WHERE channel = 'EnterpriseService' AND reporter = 'Enterprise'
UNION ALL
SELECT 'activities.rotation_duty', COUNT(*) FROM activities WHERE kind = 'RotationDuty'
UNION ALL
SELECT 'activities.rotation_duty_participants', COALESCE(SUM(participants), 0) FROM activities WHERE kind = 'RotationDuty'
UNION ALL
SELECT 'activities.night_talks', COUNT(*) FROM activities WHERE kind = 'NightTalk'
UNION ALL
SELECT 'activities.night_talk_cadre_attendances', COALESCE(SUM(cadre_count), 0) FROM activities WHERE kind = 'NightTalk';
COMMENT ON MACRO TABLE published_figure IS 'published_figure(county, first_year := NULL, last_year := NULL, as_of := NULL) → (metric_id, value): the figures of a county-level unit that Claims/claims.json checks, one query per metric_id, as of the article''s date: stocks as they stood at the end of as_of, flows in first_year..last_year and by as_of.';
