-- Star schema of the analytics warehouse (DuckDB). Run once on an empty staging file by WarehouseBuilder.
-- Keys are the operational store's ids; enums are stored by name ('FourStep'); money is DECIMAL(18,2) yuan;
-- times are UTC TIMESTAMP; date keys are yyyymmdd integers into dim_date, of the offices' Beijing day (UTC+8).

CREATE TABLE dim_date (
    date_key     INTEGER PRIMARY KEY,
    date         DATE NOT NULL,
    year         INTEGER NOT NULL,
    quarter      INTEGER NOT NULL,
    month        INTEGER NOT NULL,
    day          INTEGER NOT NULL,
    day_of_week  INTEGER NOT NULL,
    day_name     VARCHAR NOT NULL
);
COMMENT ON TABLE dim_date IS 'Calendar, one row per day: every day of the whole years from the earliest to the latest date or time in the data (times as Beijing days) and the offices'' current year; filled at each run from the data, never a fixed range.';
COMMENT ON COLUMN dim_date.date_key IS 'yyyymmdd, e.g. 20210630; the key every fact''s *_date_key refers to.';
COMMENT ON COLUMN dim_date.day_of_week IS 'ISO day of week: 1 = Monday … 7 = Sunday.';

CREATE TABLE dim_region (
    region_key     INTEGER NOT NULL,
    code           VARCHAR NOT NULL,
    name           VARCHAR NOT NULL,
    level          VARCHAR NOT NULL,
    parent_key     INTEGER,
    county_key     INTEGER,
    county_code    VARCHAR,
    county_name    VARCHAR,
    township_key   INTEGER,
    township_code  VARCHAR,
    township_name  VARCHAR,
    village_code   VARCHAR,
    village_name   VARCHAR,
    households     INTEGER NOT NULL,
    population     INTEGER NOT NULL,
    valid_from     DATE,
    valid_to       DATE
);
COMMENT ON TABLE dim_region IS '行政区划: administrative regions (City, County, Township, Village, Community) with their full path.';
COMMENT ON COLUMN dim_region.region_key IS 'Region id in the operational store.';
COMMENT ON COLUMN dim_region.level IS 'City, County, Township, Village or Community.';
COMMENT ON COLUMN dim_region.parent_key IS 'region_key of the parent region; NULL for the city.';
COMMENT ON COLUMN dim_region.county_key IS 'region_key of the county-level ancestor (县/区/县级市, e.g. 永安市); the region itself when it is a county.';
COMMENT ON COLUMN dim_region.township_key IS 'region_key of the township (乡镇/街道) ancestor, or the region itself when it is a township.';
COMMENT ON COLUMN dim_region.village_code IS 'The village or community (社区) itself for those levels; NULL above.';
COMMENT ON COLUMN dim_region.valid_from IS 'First day the region exists (设立, e.g. a village formed by a merger), inclusive; NULL: since before the data begin. Exists on day d: valid_on(valid_from, valid_to, d).';
COMMENT ON COLUMN dim_region.valid_to IS 'Last day the region exists (撤销/合并), inclusive; NULL while it lasts. The tree is today''s: a dissolved region keeps its row, what it held belongs to its successor (梅列区 → 三元区, 2021), so every year''s figures are of today''s territory.';

CREATE TABLE dim_grid (
    grid_key       INTEGER NOT NULL,
    code           VARCHAR NOT NULL,
    name           VARCHAR NOT NULL,
    level          INTEGER NOT NULL,
    parent_key     INTEGER,
    level1_key     INTEGER,
    level2_key     INTEGER,
    level3_key     INTEGER,
    region_key     INTEGER NOT NULL,
    county_key     INTEGER,
    households     INTEGER NOT NULL,
    population     INTEGER NOT NULL,
    created_on     DATE NOT NULL,
    valid_to       DATE
);
COMMENT ON TABLE dim_grid IS '网格: grids, level 1 (乡街) … 4 (单元网格), with their level-1..3 ancestors.';
COMMENT ON COLUMN dim_grid.grid_key IS 'Grid id in the operational store.';
COMMENT ON COLUMN dim_grid.level IS '1 = township grid, 2 = village/community, 3 = area, 4 = unit grid (80–120 households).';
COMMENT ON COLUMN dim_grid.parent_key IS 'grid_key of the parent grid.';
COMMENT ON COLUMN dim_grid.level1_key IS 'grid_key of the level-1 ancestor (the grid itself at level 1).';
COMMENT ON COLUMN dim_grid.level2_key IS 'grid_key of the level-2 ancestor (the grid itself at level 2); NULL at level 1.';
COMMENT ON COLUMN dim_grid.level3_key IS 'grid_key of the level-3 ancestor (the grid itself at level 3); NULL at levels 1–2.';
COMMENT ON COLUMN dim_grid.region_key IS 'Region the grid lies in (dim_region).';
COMMENT ON COLUMN dim_grid.county_key IS 'County-level region of the grid (dim_region).';
COMMENT ON COLUMN dim_grid.created_on IS 'The day the grid was drawn: its first day (the grid''s valid_from).';
COMMENT ON COLUMN dim_grid.valid_to IS 'Last day the grid exists, inclusive; NULL while it lasts. Exists on day d: valid_on(created_on, valid_to, d).';

CREATE TABLE dim_organization (
    organization_key  INTEGER NOT NULL,
    name              VARCHAR NOT NULL,
    kind              VARCHAR NOT NULL,
    domain            VARCHAR NOT NULL,
    parent_key        INTEGER,
    region_key        INTEGER NOT NULL,
    county_key        INTEGER,
    grid_key          INTEGER,
    established_on    DATE NOT NULL,
    dissolved_on      DATE
);
COMMENT ON TABLE dim_organization IS '党组织: party organizations (党委/党总支/党支部) with their domain.';
COMMENT ON COLUMN dim_organization.organization_key IS 'Party organization id in the operational store.';
COMMENT ON COLUMN dim_organization.kind IS 'Committee, GeneralBranch or Branch.';
COMMENT ON COLUMN dim_organization.domain IS 'Rural, Community, Agency, StateOwnedEnterprise, NonPublicEnterprise, SocialOrganization, NewBusinessForm, GridBranch, ResidentialArea, CrossVillage, Temporary, MobileMembers, Youth, VanguardTeam.';
COMMENT ON COLUMN dim_organization.parent_key IS 'organization_key of the parent organization.';
COMMENT ON COLUMN dim_organization.region_key IS 'Region of the organization (dim_region).';
COMMENT ON COLUMN dim_organization.county_key IS 'County-level region of the organization (dim_region).';
COMMENT ON COLUMN dim_organization.grid_key IS 'Grid of a grid or residential-area branch (dim_grid).';

CREATE TABLE dim_enterprise (
    enterprise_key    INTEGER NOT NULL,
    name              VARCHAR NOT NULL,
    credit_code       VARCHAR NOT NULL,
    kind              VARCHAR NOT NULL,
    region_key        INTEGER NOT NULL,
    county_key        INTEGER,
    organization_key  INTEGER,
    employees         INTEGER NOT NULL
);
COMMENT ON TABLE dim_enterprise IS '企业: enterprises that agencies pair with (四联四促) and where party organizations are founded.';
COMMENT ON COLUMN dim_enterprise.enterprise_key IS 'Enterprise id in the operational store.';
COMMENT ON COLUMN dim_enterprise.credit_code IS 'Unified social credit code (统一社会信用代码) — a public registry number, not personal data.';
COMMENT ON COLUMN dim_enterprise.kind IS 'StateOwned, NonPublic or NewBusinessForm (新兴业态).';
COMMENT ON COLUMN dim_enterprise.region_key IS 'Region of the enterprise (dim_region).';
COMMENT ON COLUMN dim_enterprise.county_key IS 'County-level region of the enterprise (dim_region).';
COMMENT ON COLUMN dim_enterprise.organization_key IS 'The enterprise''s party organization (dim_organization); NULL when it has none (organization coverage).';

CREATE TABLE dim_project (
    project_key   INTEGER NOT NULL,
    name          VARCHAR NOT NULL,
    region_key    INTEGER NOT NULL,
    county_key    INTEGER,
    investment    DECIMAL(18,2) NOT NULL,
    started_on    DATE NOT NULL,
    completed_on  DATE
);
COMMENT ON TABLE dim_project IS '项目: projects that agencies pair with (四联四促).';
COMMENT ON COLUMN dim_project.project_key IS 'Project id in the operational store.';
COMMENT ON COLUMN dim_project.region_key IS 'Region of the project (dim_region).';
COMMENT ON COLUMN dim_project.county_key IS 'County-level region of the project (dim_region).';
COMMENT ON COLUMN dim_project.investment IS 'Planned investment in yuan.';
COMMENT ON COLUMN dim_project.completed_on IS 'NULL while the project runs.';

CREATE TABLE dim_member (
    member_key        INTEGER NOT NULL,
    category          VARCHAR NOT NULL,
    organization_key  INTEGER NOT NULL
);
COMMENT ON TABLE dim_member IS '党员, pseudonymized and without quasi-identifiers: the key the facts name a member by (stewards, wishes, registrations), with the category and organization those facts are counted by. No name, ID number or phone ever leaves the operational store; gender, birth year, join date and the cadre and star flags are only counted (member_counts, member_joins, member_profile).';
COMMENT ON COLUMN dim_member.member_key IS 'Party member id in the operational store (meaningless outside it).';
COMMENT ON COLUMN dim_member.category IS 'Rural, InService (在职), Mobile (流动) or Retired.';
COMMENT ON COLUMN dim_member.organization_key IS 'The member''s organization (dim_organization).';

CREATE TABLE member_counts (
    organization_key  INTEGER NOT NULL,
    category          VARCHAR NOT NULL,
    members           BIGINT NOT NULL,
    cadres            BIGINT NOT NULL,
    star_members      BIGINT NOT NULL
);
COMMENT ON TABLE member_counts IS 'Party members per organization and category, exact: members, cadres (党员干部), star members (星级党员). metric_members sums it per region.';
COMMENT ON COLUMN member_counts.organization_key IS 'The members'' organization (dim_organization).';
COMMENT ON COLUMN member_counts.category IS 'Rural, InService (在职), Mobile (流动) or Retired.';

CREATE TABLE member_joins (
    county_key        INTEGER,
    category          VARCHAR NOT NULL,
    joined_on         DATE NOT NULL,
    members           BIGINT NOT NULL
);
COMMENT ON TABLE member_joins IS 'Party members per county of their organization, category and day they joined the party, exact: how many had joined by a day (a published figure counts the members of an article''s day).';
COMMENT ON COLUMN member_joins.county_key IS 'County of the members'' organization (dim_region); NULL above the counties.';
COMMENT ON COLUMN member_joins.joined_on IS 'The day they joined the party (入党时间).';

CREATE TABLE member_profile (
    county_key           INTEGER,
    county_name          VARCHAR,
    township_key         INTEGER,
    township_name        VARCHAR,
    organization_domain  VARCHAR,
    gender               VARCHAR,
    age_band             VARCHAR,
    joined_decade        INTEGER,
    is_cadre             BOOLEAN,
    members              BIGINT NOT NULL,
    suppressed           BOOLEAN NOT NULL,
    age_year             INTEGER NOT NULL
);
COMMENT ON TABLE member_profile IS 'Party members per county, township, organization domain, gender, age band, join decade and cadre flag. A combination of fewer than 5 members is not shown: those of a township are summed into one row with suppressed = TRUE and the attributes NULL, so SUM(members) per township or county is exact and every shown combination describes at least 5 people.';
COMMENT ON COLUMN member_profile.county_key IS 'County of the members'' organization (dim_region); NULL for the city''s own organizations.';
COMMENT ON COLUMN member_profile.township_key IS 'Township of the members'' organization; NULL for organizations of a county or the city.';
COMMENT ON COLUMN member_profile.organization_domain IS 'dim_organization.domain of the members'' organization.';
COMMENT ON COLUMN member_profile.age_band IS '18-29, 30-39, 40-49, 50-59, 60-69 or 70+: the age reached in age_year.';
COMMENT ON COLUMN member_profile.joined_decade IS 'First year of the decade they joined the party in (1990: 1990–1999).';
COMMENT ON COLUMN member_profile.members IS 'At least 5, except in a suppressed row.';
COMMENT ON COLUMN member_profile.suppressed IS 'TRUE: the township''s combinations of fewer than 5 members, summed, attributes NULL.';
COMMENT ON COLUMN member_profile.age_year IS 'The Beijing year of the build ages are reached in.';

CREATE TABLE fact_collective_income (
    income_key            INTEGER NOT NULL,
    village_key           INTEGER NOT NULL,
    year                  INTEGER NOT NULL,
    operating_income      DECIMAL(18,2) NOT NULL,
    self_operated_income  DECIMAL(18,2) NOT NULL,
    total_income          DECIMAL(18,2) NOT NULL
);
COMMENT ON TABLE fact_collective_income IS '村集体收入: one row per village and year, in yuan.';
COMMENT ON COLUMN fact_collective_income.income_key IS 'Collective income id in the operational store.';
COMMENT ON COLUMN fact_collective_income.village_key IS 'The village (dim_region.region_key).';
COMMENT ON COLUMN fact_collective_income.operating_income IS '村集体经营性收入, yuan.';
COMMENT ON COLUMN fact_collective_income.self_operated_income IS '村集体自营性收入, yuan.';

CREATE TABLE fact_case (
    case_key            INTEGER NOT NULL,
    code                VARCHAR NOT NULL,
    channel             VARCHAR NOT NULL,
    category            VARCHAR NOT NULL,
    reporter            VARCHAR NOT NULL,
    status              VARCHAR NOT NULL,
    is_resolved         BOOLEAN NOT NULL,
    reported_at         TIMESTAMP NOT NULL,
    classified_at       TIMESTAMP,
    started_at          TIMESTAMP,
    resolved_at         TIMESTAMP,
    feedback_at         TIMESTAMP,
    evaluated_at        TIMESTAMP,
    closed_at           TIMESTAMP,
    due_on              DATE,
    reported_date_key   INTEGER NOT NULL,
    resolved_date_key   INTEGER,
    days_to_resolve     DOUBLE,
    region_key          INTEGER NOT NULL,
    grid_key            INTEGER,
    organization_key    INTEGER,
    activity_key        INTEGER,
    satisfaction        INTEGER
);
COMMENT ON TABLE fact_case IS '民情诉求: one row per case, with every workflow step (倾听民声 → 分类处置 → 办结反馈 → 考核评议). Times are UTC.';
COMMENT ON COLUMN fact_case.case_key IS 'Case id in the operational store.';
COMMENT ON COLUMN fact_case.channel IS 'GridVisit (平时工作法), NightTalk (居民夜谈会), FourStep (四步走), RotationDuty (党建轮值), RedSteward (红色管家), EnterpriseService (三百活动), Hotline12345.';
COMMENT ON COLUMN fact_case.status IS 'Reported, Classified, InProgress, Resolved, FeedbackGiven, Evaluated, Rejected, Withdrawn.';
COMMENT ON COLUMN fact_case.is_resolved IS 'Status is Resolved, FeedbackGiven or Evaluated.';
COMMENT ON COLUMN fact_case.reported_date_key IS 'Day reported (dim_date), in Beijing time: office_day(reported_at).';
COMMENT ON COLUMN fact_case.resolved_date_key IS 'Day resolved (dim_date), in Beijing time: office_day(resolved_at); NULL while unresolved.';
COMMENT ON COLUMN fact_case.days_to_resolve IS '(resolved_at − reported_at) in days; NULL while unresolved.';
COMMENT ON COLUMN fact_case.region_key IS 'Region of the case (dim_region).';
COMMENT ON COLUMN fact_case.grid_key IS 'Grid of the case (dim_grid).';
COMMENT ON COLUMN fact_case.organization_key IS 'Assigned organization (dim_organization).';
COMMENT ON COLUMN fact_case.activity_key IS 'Activity the case was raised at (fact_activity).';
COMMENT ON COLUMN fact_case.satisfaction IS '1–5 from the evaluation (考核评议).';

CREATE TABLE fact_activity (
    activity_key      INTEGER NOT NULL,
    kind              VARCHAR NOT NULL,
    date              DATE NOT NULL,
    date_key          INTEGER NOT NULL,
    organization_key  INTEGER NOT NULL,
    region_key        INTEGER NOT NULL,
    grid_key          INTEGER,
    pairing_key       INTEGER,
    participants      INTEGER NOT NULL,
    cadre_count       INTEGER NOT NULL
);
COMMENT ON TABLE fact_activity IS 'Visits and activities (调研, 走访, 联合党课, 主题党日, 居民夜谈会, 党建轮值 …).';
COMMENT ON COLUMN fact_activity.activity_key IS 'Activity id in the operational store.';
COMMENT ON COLUMN fact_activity.kind IS 'LeaderVisit, DeputyVisit, HomeVisit, JointPartyClass, ThemeDay, PracticeActivity, NightTalk, RotationDuty, EnterpriseService.';
COMMENT ON COLUMN fact_activity.date_key IS 'Day of the activity (dim_date).';
COMMENT ON COLUMN fact_activity.organization_key IS 'Organizing organization (dim_organization).';
COMMENT ON COLUMN fact_activity.region_key IS 'Where it took place (dim_region).';
COMMENT ON COLUMN fact_activity.grid_key IS 'Grid where it took place (dim_grid).';
COMMENT ON COLUMN fact_activity.pairing_key IS 'Pairing the activity serves (fact_pairing).';
COMMENT ON COLUMN fact_activity.cadre_count IS 'Cadres sunk to the activity (下沉党员干部人次).';

CREATE TABLE fact_pairing (
    pairing_key           INTEGER NOT NULL,
    program               VARCHAR NOT NULL,
    organization_key      INTEGER NOT NULL,
    target_kind           VARCHAR NOT NULL,
    target_region_key     INTEGER,
    target_enterprise_id  INTEGER,
    target_project_id     INTEGER,
    from_on               DATE NOT NULL,
    to_on                 DATE
);
COMMENT ON TABLE fact_pairing IS 'Pairings: an organization linked to a village, community, enterprise or project (四联四促, 三联共建 …).';
COMMENT ON COLUMN fact_pairing.pairing_key IS 'Pairing id in the operational store.';
COMMENT ON COLUMN fact_pairing.program IS 'FourLinks, ThreeLinks, FourEntries or CrossVillage.';
COMMENT ON COLUMN fact_pairing.organization_key IS 'The agency''s organization (dim_organization).';
COMMENT ON COLUMN fact_pairing.target_kind IS 'Village, Community, Enterprise or Project.';
COMMENT ON COLUMN fact_pairing.target_region_key IS 'Paired village or community (dim_region).';
COMMENT ON COLUMN fact_pairing.target_enterprise_id IS 'Paired enterprise (dim_enterprise.enterprise_key).';
COMMENT ON COLUMN fact_pairing.target_project_id IS 'Paired project (dim_project.project_key).';

CREATE TABLE fact_grid_steward (
    steward_key  INTEGER NOT NULL,
    grid_key     INTEGER NOT NULL,
    member_key   INTEGER,
    employment   VARCHAR NOT NULL,
    is_cadre     BOOLEAN NOT NULL,
    from_on      DATE NOT NULL,
    to_on        DATE
);
COMMENT ON TABLE fact_grid_steward IS '网格管家/网格员 assignments; the steward''s name is not copied.';
COMMENT ON COLUMN fact_grid_steward.steward_key IS 'Grid steward id in the operational store.';
COMMENT ON COLUMN fact_grid_steward.grid_key IS 'The grid (dim_grid).';
COMMENT ON COLUMN fact_grid_steward.member_key IS 'The steward as a party member (dim_member), if one.';
COMMENT ON COLUMN fact_grid_steward.employment IS 'FullTime or PartTime.';

CREATE TABLE fact_star_rating (
    rating_key        INTEGER NOT NULL,
    organization_key  INTEGER NOT NULL,
    year              INTEGER NOT NULL,
    score             DECIMAL(18,2) NOT NULL,
    stars             INTEGER NOT NULL
);
COMMENT ON TABLE fact_star_rating IS '五星创评: an organization''s rating for a year.';
COMMENT ON COLUMN fact_star_rating.rating_key IS 'Star rating id in the operational store.';
COMMENT ON COLUMN fact_star_rating.organization_key IS 'The rated organization (dim_organization).';
COMMENT ON COLUMN fact_star_rating.stars IS '1–5; ≤ 2 stars flags rectification (软弱涣散).';

CREATE TABLE fact_micro_wish (
    wish_key                     INTEGER NOT NULL,
    region_key                   INTEGER NOT NULL,
    beneficiary                  VARCHAR NOT NULL,
    status                       VARCHAR NOT NULL,
    posted_on                    DATE NOT NULL,
    posted_date_key              INTEGER NOT NULL,
    verified_on                  DATE,
    published_on                 DATE,
    claimed_on                   DATE,
    fulfilled_on                 DATE,
    publicized_on                DATE,
    claimed_by_member_key        INTEGER,
    claimed_by_organization_key  INTEGER
);
COMMENT ON TABLE fact_micro_wish IS '微心愿: posted → claimed → fulfilled → publicized.';
COMMENT ON COLUMN fact_micro_wish.wish_key IS 'Micro wish id in the operational store.';
COMMENT ON COLUMN fact_micro_wish.region_key IS 'Region of the beneficiary (dim_region).';
COMMENT ON COLUMN fact_micro_wish.beneficiary IS 'LeftBehindChild, PoorStudent, EmptyNestElder, LowIncome or Disabled.';
COMMENT ON COLUMN fact_micro_wish.status IS 'Posted, Verified, Published, Claimed, Fulfilled or Publicized.';
COMMENT ON COLUMN fact_micro_wish.posted_date_key IS 'Day posted (dim_date).';
COMMENT ON COLUMN fact_micro_wish.claimed_by_member_key IS 'Claiming member (dim_member).';
COMMENT ON COLUMN fact_micro_wish.claimed_by_organization_key IS 'Claiming organization (dim_organization).';

CREATE TABLE fact_community_registration (
    registration_key     INTEGER NOT NULL,
    member_key           INTEGER NOT NULL,
    community_key        INTEGER NOT NULL,
    due_from             DATE NOT NULL,
    registered_on        DATE NOT NULL,
    registered_date_key  INTEGER NOT NULL,
    is_on_time           BOOLEAN NOT NULL,
    activities_attended  INTEGER NOT NULL
);
COMMENT ON TABLE fact_community_registration IS '在职党员到社区报到: in-service members registering at a community.';
COMMENT ON COLUMN fact_community_registration.registration_key IS 'Registration id in the operational store.';
COMMENT ON COLUMN fact_community_registration.member_key IS 'The member (dim_member).';
COMMENT ON COLUMN fact_community_registration.community_key IS 'The community (dim_region).';
COMMENT ON COLUMN fact_community_registration.registered_date_key IS 'Day registered (dim_date).';
COMMENT ON COLUMN fact_community_registration.is_on_time IS 'Registered within one month of due_from.';

CREATE TABLE fact_community_attendance (
    attendance_key    INTEGER NOT NULL,
    registration_key  INTEGER NOT NULL,
    year              INTEGER NOT NULL,
    quarter           INTEGER NOT NULL,
    activities        INTEGER NOT NULL
);
COMMENT ON TABLE fact_community_attendance IS '在职党员社区活动记实: community activities a registered in-service member took part in, per quarter (每季度至少参加1次); a quarter without a row had none.';
COMMENT ON COLUMN fact_community_attendance.attendance_key IS 'Attendance record id in the operational store.';
COMMENT ON COLUMN fact_community_attendance.registration_key IS 'The registration (fact_community_registration), hence the member and the community.';
COMMENT ON COLUMN fact_community_attendance.quarter IS '1–4.';
COMMENT ON COLUMN fact_community_attendance.activities IS 'Community activities taken part in during the quarter.';

CREATE TABLE fact_income_project (
    project_key    INTEGER NOT NULL,
    name           VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,
    village_key    INTEGER NOT NULL,
    year           INTEGER NOT NULL,
    investment     DECIMAL(18,2) NOT NULL,
    annual_income  DECIMAL(18,2) NOT NULL
);
COMMENT ON TABLE fact_income_project IS '村财增收项目: income-raising projects of villages.';
COMMENT ON COLUMN fact_income_project.project_key IS 'Income project id in the operational store.';
COMMENT ON COLUMN fact_income_project.kind IS 'ForestTicketCarbon, MultiVillageBundle, ShareholdingCooperation, PropertyLeasing, SpecialtyFarming, RuralTourism, Services.';
COMMENT ON COLUMN fact_income_project.village_key IS 'The village (dim_region).';

CREATE TABLE etl_format (
    version INTEGER NOT NULL
);
COMMENT ON TABLE etl_format IS 'One row: the format the file was built in, i.e. what its rows mean (4: dim_date spans the data and etl_runs records data_as_of; 3: regions and grids carry valid_from/valid_to; 2: days are Beijing days; 1, before the table existed: UTC days). An incremental run patches only a file of its own format and rebuilds any other whole.';

CREATE TABLE etl_runs (
    run_id          VARCHAR NOT NULL,
    started_at      TIMESTAMP NOT NULL,
    finished_at     TIMESTAMP NOT NULL,
    mode            VARCHAR NOT NULL,
    watermark       TIMESTAMP_NS,
    total_rows      BIGINT NOT NULL,
    checks_passed   INTEGER NOT NULL,
    checks_failed   INTEGER NOT NULL,
    outcome         VARCHAR NOT NULL,
    data_as_of      DATE
);
COMMENT ON TABLE etl_runs IS 'Every published load, the newest built this file (history is carried over from the file it replaced). Only successful runs are published, so a failed run leaves no row here.';
COMMENT ON COLUMN etl_runs.run_id IS 'GUID of the run.';
COMMENT ON COLUMN etl_runs.mode IS 'Full (rebuilt from the whole source) or Incremental (the previous file plus the rows changed since its watermark).';
COMMENT ON COLUMN etl_runs.finished_at IS 'When the run finished (UTC): the file''s build time (生成时间), not the date its data reaches.';
COMMENT ON COLUMN etl_runs.data_as_of IS 'Data as of (数据截至): the latest Beijing day of a business event in the data (a case reported or resolved, an activity, a wish, a registration); NULL when there is none.';
COMMENT ON COLUMN etl_runs.watermark IS 'Latest UpdatedAt (UTC) seen in the source: the next incremental load starts here.';

CREATE TABLE etl_run_tables (
    run_id          VARCHAR NOT NULL,
    table_name      VARCHAR NOT NULL,
    source_rows     BIGINT NOT NULL,
    warehouse_rows  BIGINT NOT NULL,
    applied_rows    BIGINT
);
COMMENT ON TABLE etl_run_tables IS 'Rows per table of each run.';
COMMENT ON COLUMN etl_run_tables.run_id IS 'etl_runs.run_id.';
COMMENT ON COLUMN etl_run_tables.table_name IS 'Warehouse table.';
COMMENT ON COLUMN etl_run_tables.applied_rows IS 'Rows taken from the source: all of them in a Full run; in an Incremental run the rows inserted or updated since the previous watermark (a dimension is still rebuilt whole).';

CREATE TABLE etl_run_checks (
    run_id      VARCHAR NOT NULL,
    check_name  VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,
    passed      BOOLEAN NOT NULL,
    detail      VARCHAR NOT NULL
);
COMMENT ON TABLE etl_run_checks IS 'Checks of each run: reconciliation with the source and data-quality rules.';
COMMENT ON COLUMN etl_run_checks.run_id IS 'etl_runs.run_id.';
COMMENT ON COLUMN etl_run_checks.check_name IS 'Stable name, e.g. reconcile.fact_case.rows or dq.fact_case.region_key.exists.';
