using System.Globalization;
using System.Numerics;
using Analytics.Etl.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.Etl.Tests.Metrics;

/// <summary>
/// A tiny warehouse written by hand: schema.sql, a few rows inserted directly, then metrics.sql. Small enough that every
/// expected value in <see cref="MetricViewTests"/> is worked out in a comment.
/// <code>
/// 示范市 (1, City)
/// ├─ 甲县 (10, County, 1000 households) ─ 甲镇 (100) ─ 村1001, 村1002, 村1004 (from 2020-07-01), 社区1003,
/// │                                                    村1005 (until 2020-06-30, merged into 村1004)
/// └─ 乙县 (20, County, 500 households)  ─ 乙镇 (200) ─ 村2001
/// </code>
/// </summary>
public sealed class MetricFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"analytics-metrics-{Guid.NewGuid():N}");

    public string WarehousePath => Path.Combine(_directory, "warehouse.duckdb");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        await using var connection = new DuckDBConnection($"Data Source={WarehousePath}");
        await connection.OpenAsync();
        await ExecuteAsync(connection, await File.ReadAllTextAsync(WarehouseBuilder.SchemaPath));
        await ExecuteAsync(connection, Rows);
        // Members as the load writes them: dim_member without quasi-identifiers, the rest only counted.
        var aggregates = new MemberAggregates(
            new Dictionary<int, (int?, int?, string)> { [901] = (10, 100, "GridBranch"), [905] = (null, null, "Agency"), [906] = (10, null, "Agency") },
            new Dictionary<int, string> { [10] = "甲县", [100] = "甲镇" },
            2021);
        foreach (var member in Members)
        {
            aggregates.Add(member);
            await ExecuteAsync(connection, string.Create(CultureInfo.InvariantCulture,
                $"INSERT INTO dim_member VALUES ({member.MemberKey}, '{member.Category}', {member.OrganizationKey})"));
        }

        await aggregates.WriteAsync(connection, CancellationToken.None);
        await MetricViews.CreateAsync(connection, CancellationToken.None);
    }

    /// <summary>Members: 501 and 503 mobile in branch 901 (甲镇's grid branch), 501 a cadre; 502 an in-service cadre and star member there.</summary>
    internal static readonly MemberRow[] Members =
    [
        Member(501, "Mobile", star: false, cadre: true, "Male", 1980, new(2005, 1, 1), 901),
        Member(502, "InService", star: true, cadre: true, "Female", 1985, new(2010, 1, 1), 901),
        Member(503, "Mobile", star: false, cadre: false, "Male", 1990, new(2015, 1, 1), 901),
        Member(504, "InService", star: false, cadre: false, "Male", 1988, new(2012, 1, 1), 906),
        Member(505, "InService", star: false, cadre: false, "Female", 1991, new(2016, 1, 1), 905),
        Member(506, "InService", star: false, cadre: false, "Female", 1993, new(2018, 1, 1), 905),
    ];

    private static MemberRow Member(int key, string category, bool star, bool cadre, string gender, int birthYear, DateOnly joinedOn, int organization) =>
        new()
        {
            MemberKey = key, Category = category, IsStarMember = star, IsCadre = cadre, Gender = gender, BirthYear = birthYear,
            JoinedOn = joinedOn, OrganizationKey = organization,
        };

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Runs a query against the fixture (read-only) and returns its rows.</summary>
    public Task<List<object?[]>> QueryAsync(string sql) => WarehouseQuery.RowsAsync(WarehousePath, sql);

    /// <summary>The single row of a query.</summary>
    public async Task<object?[]> RowAsync(string sql) => Assert.Single(await QueryAsync(sql));

    public async Task<double> DoubleAsync(string sql) =>
        Convert.ToDouble((await RowAsync(sql))[0], CultureInfo.InvariantCulture);

    public async Task<long> LongAsync(string sql) =>
        Convert.ToInt64((await RowAsync(sql))[0], CultureInfo.InvariantCulture);

    private static async Task ExecuteAsync(DuckDBConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private const string Rows = """
        INSERT INTO dim_region VALUES
            (1,    'C',  '示范市', 'City',      NULL, NULL, NULL, NULL,  NULL, NULL, NULL,  NULL,   NULL,   3000, 9000, NULL, NULL),
            (10,   'A',  '甲县',   'County',    1,    10,   'A',  '甲县', NULL, NULL, NULL,  NULL,   NULL,   1000, 3000, NULL, NULL),
            (20,   'B',  '乙县',   'County',    1,    20,   'B',  '乙县', NULL, NULL, NULL,  NULL,   NULL,   500,  1500, NULL, NULL),
            (100,  'A1', '甲镇',   'Township',  10,   10,   'A',  '甲县', 100,  'A1', '甲镇', NULL,   NULL,   900,  2700, NULL, NULL),
            (200,  'B1', '乙镇',   'Township',  20,   20,   'B',  '乙县', 200,  'B1', '乙镇', NULL,   NULL,   400,  1200, NULL, NULL),
            (1001, 'V1', '村1001', 'Village',   100,  10,   'A',  '甲县', 100,  'A1', '甲镇', 'V1',   '村1001', 400, 1200, NULL, NULL),
            (1002, 'V2', '村1002', 'Village',   100,  10,   'A',  '甲县', 100,  'A1', '甲镇', 'V2',   '村1002', 200, 600, NULL, NULL),
            (1004, 'V4', '村1004', 'Village',   100,  10,   'A',  '甲县', 100,  'A1', '甲镇', 'V4',   '村1004', 100, 300, DATE '2020-07-01', NULL),
            (1005, 'V5', '村1005', 'Village',   100,  10,   'A',  '甲县', 100,  'A1', '甲镇', 'V5',   '村1005', 150, 450, NULL, DATE '2020-06-30'),
            (1003, 'S3', '社区1003', 'Community', 100, 10,  'A',  '甲县', 100,  'A1', '甲镇', 'S3',   '社区1003', 200, 600, NULL, NULL),
            (2001, 'W1', '村2001', 'Village',   200,  20,   'B',  '乙县', 200,  'B1', '乙镇', 'W1',   '村2001', 300, 900, NULL, NULL);

        -- Village income (yuan): 1001 and 1002 report 2019 and 2021, 2001 (乙县) both; 1005 existed until 2020-06-30 and
        -- reports 2019, 1004 (formed 2020-07-01, from 1005) reports 2021.
        INSERT INTO fact_collective_income VALUES
            (1, 1001, 2019,  80000,  50000,  90000),
            (2, 1001, 2021, 120000, 110000, 130000),
            (3, 1002, 2019, 200000, 150000, 210000),
            (4, 1002, 2021, 240000,  90000, 250000),
            (5, 1004, 2021, 500000, 100000, 510000),
            (6, 2001, 2019,  90000,  60000,  95000),
            (7, 2001, 2021,  95000, 100000,  99000),
            (8, 1005, 2019, 300000, 120000, 310000);
        INSERT INTO fact_income_project VALUES
            (1, '民宿', 'RuralTourism', 1001, 2020, 100000, 20000),
            (2, '物业', 'Services',     1002, 2021,  50000, 10000),
            (3, '林票', 'ForestTicketCarbon', 2001, 2021, 30000, 5000);

        -- Grids of 甲县: level 1 in the township, levels 2–4 in 村1001. Level-4 households 100, 130, 80.
        INSERT INTO dim_grid VALUES
            (1, 'G1', '甲镇网格', 1, NULL, 1, NULL, NULL, 100,  10, 900, 2700, DATE '2019-01-01', NULL),
            (2, 'G2', '村网格',   2, 1,    1, 2,    NULL, 1001, 10, 400, 1200, DATE '2019-01-01', NULL),
            (3, 'G3', '片区',     3, 2,    1, 2,    3,    1001, 10, 310,  930, DATE '2019-01-01', NULL),
            (4, 'G4', '单元4',    4, 3,    1, 2,    3,    1001, 10, 100,  300, DATE '2020-05-01', NULL),
            (5, 'G5', '单元5',    4, 3,    1, 2,    3,    1001, 10, 130,  390, DATE '2021-03-01', NULL),
            (6, 'G6', '单元6',    4, 3,    1, 2,    3,    1001, 10,  80,  240, DATE '2019-06-01', NULL);

        INSERT INTO dim_organization VALUES
            (901, '片区网格党支部', 'Branch',    'GridBranch',   NULL, 1001, 10,   3,    DATE '2020-01-01', NULL),
            (902, '单元网格党支部', 'Branch',    'GridBranch',   NULL, 1001, 10,   4,    DATE '2020-01-01', NULL),
            (903, '联村党委',       'Committee', 'CrossVillage', NULL, 100,  10,   NULL, DATE '2020-01-01', NULL),
            (904, '项目临时党支部', 'Branch',    'Temporary',    NULL, 100,  10,   NULL, DATE '2020-04-01', DATE '2021-01-31'),
            (905, '市直机关党委',   'Committee', 'Agency',       NULL, 1,    NULL, NULL, DATE '2019-01-01', NULL),
            (906, '县直机关支部',   'Branch',    'Agency',       NULL, 10,   10,   NULL, DATE '2019-01-01', NULL),
            (907, '乙县机关支部',   'Branch',    'Agency',       NULL, 20,   20,   NULL, DATE '2019-01-01', NULL);

        -- Members (dim_member and their counts): see Members.

        -- In-service members at 社区1003: 504 (906) since 2020, in 2021 active in quarters 1, 2 and 4 (not 3); 505 (905)
        -- registered 2021-04-02, so owes quarters 3 and 4, active in both; 506 (905) registered 2021-10-02: owes none.
        INSERT INTO fact_community_registration VALUES
            (701, 504, 1003, DATE '2020-05-01', DATE '2020-05-01', 20200501, TRUE, 3),
            (702, 505, 1003, DATE '2021-04-01', DATE '2021-04-02', 20210402, TRUE, 2),
            (703, 506, 1003, DATE '2021-10-01', DATE '2021-10-02', 20211002, TRUE, 0);
        INSERT INTO fact_community_attendance VALUES
            (1, 701, 2021, 1, 1), (2, 701, 2021, 2, 2), (3, 701, 2021, 4, 1), (4, 702, 2021, 3, 1), (5, 702, 2021, 4, 1);

        -- Stewards: 501 (cadre) on unit grids 4 and 6, 502 (cadre) on 5 until 2022, 503 (not a cadre) on the area grid 3.
        INSERT INTO fact_grid_steward VALUES
            (1, 4, 501, 'PartTime', TRUE,  DATE '2020-05-01', NULL),
            (2, 6, 501, 'PartTime', TRUE,  DATE '2020-05-01', NULL),
            (3, 5, 502, 'PartTime', TRUE,  DATE '2021-03-01', DATE '2022-01-01'),
            (4, 3, 503, 'FullTime', FALSE, DATE '2020-05-01', NULL);

        INSERT INTO fact_pairing VALUES
            (801, 'FourLinks',    905, 'Village',    1001, NULL, NULL, DATE '2021-01-01', NULL),
            (802, 'FourLinks',    905, 'Community',  1003, NULL, NULL, DATE '2021-01-01', NULL),
            (803, 'FourLinks',    905, 'Enterprise', NULL, 1,    NULL, DATE '2021-01-01', NULL),
            (804, 'FourLinks',    905, 'Project',    NULL, NULL, 1,    DATE '2021-01-01', NULL),
            (805, 'FourLinks',    906, 'Village',    1002, NULL, NULL, DATE '2021-01-01', NULL),
            (806, 'CrossVillage', 903, 'Village',    1001, NULL, NULL, DATE '2020-01-01', NULL),
            (807, 'CrossVillage', 903, 'Village',    1002, NULL, NULL, DATE '2020-01-01', NULL),
            (808, 'CrossVillage', 903, 'Village',    1001, NULL, NULL, DATE '2021-01-01', NULL),
            (809, 'FourLinks',    907, 'Community',  1003, NULL, NULL, DATE '2021-07-01', NULL),
            (810, 'FourLinks',    906, 'Village',    1001, NULL, NULL, DATE '2020-01-01', DATE '2021-03-31');

        INSERT INTO fact_activity VALUES
            (1, 'NightTalk',       DATE '2021-05-01', 20210501, 901, 1001, NULL, NULL, 20, 3),
            (2, 'NightTalk',       DATE '2021-06-01', 20210601, 901, 1001, NULL, NULL, 15, 2),
            (3, 'RotationDuty',    DATE '2021-05-02', 20210502, 901, 1001, NULL, NULL, 10, 1),
            (4, 'LeaderVisit',     DATE '2021-04-01', 20210401, 905, 1001, NULL, 801,   5, 1),
            (5, 'JointPartyClass', DATE '2021-04-02', 20210402, 905, 1001, NULL, 801,  30, 2),
            (6, 'ThemeDay',        DATE '2021-07-01', 20210701, 905, 1003, NULL, 802,  25, 2),
            (7, 'NightTalk',       DATE '2021-05-03', 20210503, 901, 2001, NULL, NULL, 12, 4);

        -- Cases of 村1001 in 2021: c1 resolved in 10 days (feedback, satisfaction 4), c2 in 45 days, c3 open, c4 rejected,
        -- c5 resolved in 2 days (feedback, satisfaction 2); c6 in 村2001 (乙县) resolved in 1 day.
        INSERT INTO fact_case (case_key, code, channel, category, reporter, status, is_resolved, reported_at, resolved_at,
                               feedback_at, closed_at, reported_date_key, resolved_date_key, days_to_resolve, region_key, satisfaction) VALUES
            (1, 'c1', 'FourStep',  'Infrastructure', 'Resident',   'Evaluated',  TRUE,  TIMESTAMP '2021-01-10 08:00', TIMESTAMP '2021-01-20 08:00', TIMESTAMP '2021-01-21 08:00', NULL, 20210110, 20210120, 10, 1001, 4),
            (2, 'c2', 'FourStep',  'Infrastructure', 'Enterprise', 'Resolved',   TRUE,  TIMESTAMP '2021-01-15 08:00', TIMESTAMP '2021-03-01 08:00', NULL, NULL, 20210115, 20210301, 45, 1001, NULL),
            (3, 'c3', 'GridVisit', 'Infrastructure', 'Resident',   'InProgress', FALSE, TIMESTAMP '2021-02-01 08:00', NULL, NULL, NULL, 20210201, NULL, NULL, 1001, NULL),
            (4, 'c4', 'GridVisit', 'Infrastructure', 'Resident',   'Rejected',   FALSE, TIMESTAMP '2021-02-05 08:00', NULL, NULL, TIMESTAMP '2021-02-10 08:00', 20210205, NULL, NULL, 1001, NULL),
            (5, 'c5', 'FourStep',  'Infrastructure', 'Resident',   'Evaluated',  TRUE,  TIMESTAMP '2021-03-01 08:00', TIMESTAMP '2021-03-03 08:00', TIMESTAMP '2021-03-04 08:00', NULL, 20210301, 20210303, 2, 1001, 2),
            (6, 'c6', 'GridVisit', 'Infrastructure', 'Resident',   'Resolved',   TRUE,  TIMESTAMP '2021-05-01 08:00', TIMESTAMP '2021-05-02 08:00', NULL, NULL, 20210501, 20210502, 1, 2001, NULL);

        -- 2021 ratings: the two grid branches 2 and 1 stars, the cross-village committee 5, the temporary branch 2.
        INSERT INTO fact_star_rating VALUES
            (1, 901, 2021, 55, 2),
            (2, 902, 2021, 40, 1),
            (3, 903, 2021, 95, 5),
            (4, 904, 2021, 60, 2);

        -- Wishes in 村1001: w1 fulfilled after 10 days, w2 after 20, w3 claimed only (all March), w4 posted in April.
        INSERT INTO fact_micro_wish VALUES
            (1, 1001, 'LeftBehindChild', 'Fulfilled', DATE '2021-03-01', 20210301, NULL, NULL, DATE '2021-03-02', DATE '2021-03-11', NULL, 501, NULL),
            (2, 1001, 'LeftBehindChild', 'Fulfilled', DATE '2021-03-05', 20210305, NULL, NULL, DATE '2021-03-06', DATE '2021-03-25', NULL, 501, NULL),
            (3, 1001, 'LeftBehindChild', 'Claimed',   DATE '2021-03-10', 20210310, NULL, NULL, DATE '2021-03-12', NULL, NULL, 502, NULL),
            (4, 1001, 'LeftBehindChild', 'Posted',    DATE '2021-04-01', 20210401, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
        """;
}
