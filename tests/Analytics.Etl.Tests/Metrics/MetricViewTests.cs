namespace Analytics.Etl.Tests.Metrics;

/// <summary>
/// Each metric view and macro of metrics.sql on the hand-built <see cref="MetricFixture"/>; the expected values are
/// worked out from the fixture's rows in the comments.
/// </summary>
public sealed class MetricViewTests(MetricFixture fixture) : IClassFixture<MetricFixture>
{
    private const double Tolerance = 1e-9;

    [Fact]
    public async Task Region_rollup_gives_each_region_all_its_ancestors_and_itself()
    {
        // 村1001 → 村1001, 甲镇, 甲县, 示范市.
        var ancestors = (await fixture.QueryAsync("SELECT region_name FROM region_rollup WHERE member_key = 1001 ORDER BY region_key"))
            .Select(r => (string)r[0]!);

        Assert.Equal(["示范市", "甲县", "甲镇", "村1001"], ancestors);
    }

    [Fact]
    public async Task Region_counts_count_what_lies_below_each_region()
    {
        // Today 甲县 has villages 1001, 1002, 1004 (1005 ended 2020-06-30); community 1003; township 甲镇. The city: 4.
        Assert.Equal(3, await fixture.LongAsync("SELECT regions FROM metric_region_counts WHERE county_name = '甲县' AND region_level = 'County' AND member_level = 'Village'"));
        Assert.Equal(1, await fixture.LongAsync("SELECT regions FROM metric_region_counts WHERE region_key = 10 AND member_level = 'Community'"));
        Assert.Equal(1, await fixture.LongAsync("SELECT regions FROM metric_region_counts WHERE region_key = 10 AND member_level = 'Township'"));
        Assert.Equal(4, await fixture.LongAsync("SELECT regions FROM metric_region_counts WHERE region_level = 'City' AND member_level = 'Village'"));
    }

    [Theory]
    [InlineData("2019-12-31", "村1001,村1002,村1005")]
    [InlineData("2020-06-30", "村1001,村1002,村1005")]
    [InlineData("2020-07-01", "村1001,村1002,村1004")]
    [InlineData("2024-01-01", "村1001,村1002,村1004")]
    public async Task Villages_as_of_a_day_are_those_existing_on_it(string day, string villages)
    {
        // Both bounds are inclusive: 1005's last day is 2020-06-30, 1004's first 2020-07-01.
        var existing = (await fixture.QueryAsync($"SELECT name FROM dim_region WHERE level = 'Village' AND county_key = 10 AND valid_on(valid_from, valid_to, DATE '{day}') ORDER BY name"))
            .Select(r => (string)r[0]!);
        Assert.Equal(villages, string.Join(",", existing));
        Assert.Equal(3, await fixture.LongAsync($"SELECT regions FROM region_counts(DATE '{day}') WHERE region_key = 10 AND member_level = 'Village'"));
        // 村1001's grids were all drawn by 2021-03-01; on 2020-06-01 the unit grids 4 (2020-05-01) and 6 (2019-06-01) existed.
        Assert.Equal(2, await fixture.LongAsync("SELECT grids FROM grid_counts(DATE '2020-06-01') WHERE region_key = 1001 AND grid_level = 4"));
    }

    [Fact]
    public async Task Income_sums_villages_per_region_and_year()
    {
        // 甲县 2021: 120,000 + 240,000 + 500,000 = 860,000 operating; smallest 120,000. 2019: 80,000 + 200,000 + 300,000 (1005) = 580,000.
        var row = await fixture.RowAsync("SELECT villages, operating_income, min_operating_income, villages_owed, villages_missing, complete FROM metric_income WHERE region_key = 10 AND year = 2021");
        Assert.Equal(3L, Convert.ToInt64(row[0]));
        Assert.Equal(860_000m, Convert.ToDecimal(row[1]));
        Assert.Equal(120_000m, Convert.ToDecimal(row[2]));
        Assert.Equal([3L, 0L, true], [Convert.ToInt64(row[3]), Convert.ToInt64(row[4]), row[5]]);
        Assert.Equal(580_000m, Convert.ToDecimal((await fixture.RowAsync("SELECT operating_income FROM metric_income WHERE region_key = 10 AND year = 2019"))[0]));
    }

    [Fact]
    public async Task Growth_compares_each_years_villages_over_the_same_territory()
    {
        // 甲县 2019 → 2021: 1005 merged into 1004 in 2020, so each year's total is of the villages existing on its
        // 31 December: (120,000 + 240,000 + 500,000) / (80,000 + 200,000 + 300,000) − 1 = 860/580 − 1 = 0.482758…
        // CAGR over two years: √(860/580) − 1.
        var row = await fixture.RowAsync("SELECT from_villages, to_villages, growth, cagr, complete FROM metric_income_growth WHERE region_key = 10 AND from_year = 2019 AND to_year = 2021");
        Assert.Equal([3L, 3L, true], [Convert.ToInt64(row[0]), Convert.ToInt64(row[1]), row[4]]);
        Assert.Equal(860.0 / 580 - 1, Convert.ToDouble(row[2]), Tolerance);
        Assert.Equal(Math.Sqrt(860.0 / 580) - 1, Convert.ToDouble(row[3]), Tolerance);

        // Per village: 1001 grew 120,000 / 80,000 − 1 = 0.5; 1004 and 1005, each existing in one of the years, have no
        // growth of their own. The macro reads the same rows.
        Assert.Equal(0.5, await fixture.DoubleAsync("SELECT growth FROM metric_income_growth WHERE region_key = 1001 AND from_year = 2019 AND to_year = 2021"), Tolerance);
        Assert.Empty(await fixture.QueryAsync("SELECT * FROM metric_income_growth WHERE region_key IN (1004, 1005)"));
        Assert.Equal(860.0 / 580 - 1, await fixture.DoubleAsync("SELECT growth FROM income_growth(2019, 2021) WHERE region_name = '甲县'"), Tolerance);
    }

    [Fact]
    public async Task Threshold_counts_villages_below_it_and_sees_the_clearing()
    {
        // 2019: 1001 (80,000) is under 100,000 in 甲县; the city adds 2001 (90,000) → 2. 2021: 甲县 none (清零), 乙县 2001 (95,000) still under.
        Assert.Equal(1, await fixture.LongAsync("SELECT villages_below FROM metric_income_threshold WHERE region_key = 10 AND year = 2019"));
        Assert.Equal(2, await fixture.LongAsync("SELECT villages_below FROM metric_income_threshold WHERE region_level = 'City' AND year = 2019"));
        var yongan2021 = await fixture.RowAsync("SELECT villages_below, none_below, cleared FROM metric_income_threshold WHERE region_key = 10 AND year = 2021");
        Assert.Equal([0L, true, true], [Convert.ToInt64(yongan2021[0]), yongan2021[1], yongan2021[2]]);
        var other2021 = await fixture.RowAsync("SELECT villages_below, cleared FROM metric_income_threshold WHERE region_key = 20 AND year = 2021");
        Assert.Equal([1L, false], [Convert.ToInt64(other2021[0]), other2021[1]]);
        // 2019 has a village below, so it is not cleared.
        Assert.False((bool)(await fixture.RowAsync("SELECT cleared FROM metric_income_threshold WHERE region_key = 10 AND year = 2019"))[0]!);
    }

    [Fact]
    public async Task Self_operated_share_counts_villages_at_or_above_the_threshold()
    {
        // 甲县 2021 self-operated: 110,000 (yes), 90,000 (no), 100,000 (yes, ≥) → 2 of 3.
        var row = await fixture.RowAsync("SELECT villages_self_operated_at_least, self_operated_share FROM metric_income_threshold WHERE region_key = 10 AND year = 2021");
        Assert.Equal(2L, Convert.ToInt64(row[0]));
        Assert.Equal(2.0 / 3, Convert.ToDouble(row[1]), Tolerance);

        // A threshold of 120,000: operating 120,000 is not under it, so none below; self-operated ≥ 120,000: none → 0.
        var higher = await fixture.RowAsync("SELECT villages_below, self_operated_share FROM income_threshold(threshold := 120000) WHERE region_key = 10 AND year = 2021");
        Assert.Equal(0L, Convert.ToInt64(higher[0]));
        Assert.Equal(0.0, Convert.ToDouble(higher[1]), Tolerance);
    }

    [Fact]
    public async Task Income_bands_put_each_village_in_one_band_lower_bound_included()
    {
        // 甲县 2021: 120,000 → 10–20万, 240,000 → 20–50万, 500,000 → 50–100万 (the lower bound is in the band).
        var bands = (await fixture.QueryAsync("SELECT band, villages FROM metric_income_band WHERE region_key = 10 AND year = 2021 ORDER BY band_order"))
            .Select(r => $"{r[0]}:{r[1]}");

        Assert.Equal(["10–20万:1", "20–50万:1", "50–100万:1"], bands);
    }

    [Fact]
    public async Task Income_projects_add_up_per_region()
    {
        // 甲县: 民宿 (2020) and 物业 (2021), investment 100,000 + 50,000. The city adds 林票 (乙县) → 3 projects.
        Assert.Equal(150_000m, Convert.ToDecimal((await fixture.RowAsync("SELECT SUM(investment) FROM metric_income_projects WHERE region_key = 10"))[0]));
        Assert.Equal(3, await fixture.LongAsync("SELECT SUM(projects) FROM metric_income_projects WHERE region_level = 'City'"));
    }

    [Fact]
    public async Task Grids_by_level_and_year_created_add_up()
    {
        // Level-4 grids of 甲县: created 2019 (80 households), 2020 (100), 2021 (130): 2 in 2020–2021; 2 within 80–120.
        Assert.Equal(2, await fixture.LongAsync("SELECT SUM(grids) FROM metric_grids WHERE region_key = 10 AND grid_level = 4 AND created_year BETWEEN 2020 AND 2021"));
        Assert.Equal(2, await fixture.LongAsync("SELECT SUM(in_standard) FROM metric_grids WHERE region_key = 10 AND grid_level = 4"));
        // Current stewards on grids 3, 4 and 6 (grid 5's steward left in 2022).
        Assert.Equal(3, await fixture.LongAsync("SELECT SUM(with_steward) FROM metric_grids WHERE region_key = 10"));
    }

    [Fact]
    public async Task Grid_coverage_of_a_county()
    {
        var row = await fixture.RowAsync("""
            SELECT level1_grids, level2_grids, level3_grids, level4_grids, level4_households, household_coverage,
                   level4_in_standard_share, grids_with_steward_share, cadre_stewards, grid_branches, grid_branches_per_level3_grid,
                   cross_village_organizations, villages, cross_village_covered, cross_village_share
            FROM metric_grid_coverage WHERE county_name = '甲县' AND region_level = 'County'
            """);

        Assert.Equal([1L, 1L, 1L, 3L], row[..4].Select(v => Convert.ToInt64(v)));
        Assert.Equal(310L, Convert.ToInt64(row[4]));                // 100 + 130 + 80
        Assert.Equal(310.0 / 1000, Convert.ToDouble(row[5]), Tolerance);   // over the county's 1000 households
        Assert.Equal(2.0 / 3, Convert.ToDouble(row[6]), Tolerance); // 100 and 80 are within 80–120, 130 is not
        Assert.Equal(3.0 / 6, Convert.ToDouble(row[7]), Tolerance); // grids 3, 4, 6 of 6 have a current steward
        Assert.Equal(1L, Convert.ToInt64(row[8]));                  // cadre 501 on grids 4 and 6 counts once; 502 left
        Assert.Equal(1L, Convert.ToInt64(row[9]));                  // branch 901 on level-3 grid 3; 902 sits on a level-4 grid
        Assert.Equal(1.0, Convert.ToDouble(row[10]), Tolerance);   // 1 branch / 1 level-3 grid
        Assert.Equal(1L, Convert.ToInt64(row[11]));                 // 联村党委 903
        Assert.Equal(3L, Convert.ToInt64(row[12]));                 // 1001, 1002, 1004
        Assert.Equal(2L, Convert.ToInt64(row[13]));                 // 1001 (twice) and 1002
        Assert.Equal(2.0 / 3, Convert.ToDouble(row[14]), Tolerance);

        // 乙县 has villages but no cross-village organization: a share of 0, not NULL.
        Assert.Equal(0.0, await fixture.DoubleAsync("SELECT cross_village_share FROM metric_grid_coverage WHERE region_key = 20"), Tolerance);

        // The same view at village level: 村1001's 310 level-4 households over its own 400.
        Assert.Equal(310.0 / 400, await fixture.DoubleAsync("SELECT household_coverage FROM metric_grid_coverage WHERE region_key = 1001"), Tolerance);
    }

    [Fact]
    public async Task Organizations_count_those_established_even_when_dissolved()
    {
        // The temporary branch 904 was established in 2020 and dissolved in 2021.
        var row = await fixture.RowAsync("SELECT organizations, dissolved, active FROM metric_organizations WHERE region_key = 10 AND domain = 'Temporary'");
        Assert.Equal([1L, 1L, 0L], row.Select(v => Convert.ToInt64(v)));
    }

    [Fact]
    public async Task Members_count_by_category_in_the_region_of_their_organization()
    {
        // 501 and 503 are mobile members of branch 901 (村1001); 501 is a cadre.
        var row = await fixture.RowAsync("SELECT members, cadres FROM metric_members WHERE region_key = 10 AND category = 'Mobile'");
        Assert.Equal([2L, 1L], row.Select(v => Convert.ToInt64(v)));
    }

    [Fact]
    public async Task Cases_per_month_count_receipts_and_resolutions_in_their_own_months()
    {
        // FourStep in 甲县: January received c1, c2 (both resolved by now), resolved c1; March received c5, resolved c2 and c5.
        var january = await fixture.RowAsync("SELECT SUM(received), SUM(received_resolved), SUM(resolved) FROM metric_cases WHERE region_key = 10 AND year = 2021 AND month = 1 AND channel = 'FourStep'");
        var march = await fixture.RowAsync("SELECT SUM(received), SUM(resolved), SUM(resolved_with_feedback), SUM(satisfaction_sum), SUM(satisfaction_ratings) FROM metric_cases WHERE region_key = 10 AND year = 2021 AND month = 3 AND channel = 'FourStep'");

        Assert.Equal([2L, 2L, 1L], january.Select(v => Convert.ToInt64(v)));
        Assert.Equal([1L, 2L, 1L, 2L, 1L], march.Select(v => Convert.ToInt64(v))); // feedback: c5 only; satisfaction: c5's 2
        // Enterprise reporter: c2 only.
        Assert.Equal(1, await fixture.LongAsync("SELECT SUM(resolved) FROM metric_cases WHERE region_key = 10 AND reporter = 'Enterprise'"));
    }

    [Fact]
    public async Task Case_summary_gives_rate_median_p90_feedback_and_satisfaction()
    {
        // 甲县, every channel: received c1–c5 = 5, of which c1, c2, c5 resolved → rate 0.6. Days 2, 10, 45: median 10,
        // p90 (interpolated) = 10 + 0.8 × (45 − 10) = 38. Feedback c1, c5 of 3 resolved; satisfaction (4 + 2) / 2 = 3.
        var row = await fixture.RowAsync("""
            SELECT received, resolution_rate, resolved, median_days_to_resolve, p90_days_to_resolve, feedback_share, mean_satisfaction
            FROM case_summary() WHERE region_key = 10 AND channel = 'All' AND category = 'All'
            """);
        Assert.Equal(5L, Convert.ToInt64(row[0]));
        Assert.Equal(0.6, Convert.ToDouble(row[1]), Tolerance);
        Assert.Equal(3L, Convert.ToInt64(row[2]));
        Assert.Equal(10.0, Convert.ToDouble(row[3]), Tolerance);
        Assert.Equal(38.0, Convert.ToDouble(row[4]), Tolerance);
        Assert.Equal(2.0 / 3, Convert.ToDouble(row[5]), Tolerance);
        Assert.Equal(3.0, Convert.ToDouble(row[6]), Tolerance);

        // January only: received c1, c2; resolved c1 (10 days).
        var january = await fixture.RowAsync("SELECT received, resolved, median_days_to_resolve FROM case_summary(from_date := DATE '2021-01-01', to_date := DATE '2021-01-31') WHERE region_key = 10 AND channel = 'FourStep' AND category = 'All'");
        Assert.Equal([2.0, 1.0, 10.0], january.Select(v => Convert.ToDouble(v)));
    }

    [Fact]
    public async Task Cases_by_year_match_the_summary_for_a_whole_year()
    {
        // All cases are of 2021, so the yearly row equals case_summary: 甲县 rate 0.6, median 10.
        var row = await fixture.RowAsync("SELECT resolution_rate, median_days_to_resolve FROM metric_cases_by_year WHERE region_key = 10 AND year = 2021 AND channel = 'All'");
        Assert.Equal(0.6, Convert.ToDouble(row[0]), Tolerance);
        Assert.Equal(10.0, Convert.ToDouble(row[1]), Tolerance);
    }

    [Fact]
    public async Task Backlog_holds_cases_open_on_the_day_by_age()
    {
        // On 2021-02-20 in 甲县: c2 (reported 01-15, resolved only 03-01) is 36 days old; c3 (02-01) 19 days. c4 was rejected
        // on 02-10, c1 resolved, c5 not yet reported.
        var rows = (await fixture.QueryAsync("SELECT channel, age_band, open_cases, oldest_days FROM case_backlog(DATE '2021-02-20') WHERE region_key = 10 ORDER BY age_order"))
            .Select(r => $"{r[0]} {r[1]} {r[2]} {r[3]}");

        Assert.Equal(["GridVisit 8–30 days 1 19", "FourStep 31–90 days 1 36"], rows);
        // As of the latest report (c6, 2021-05-01) only c3 is open in 甲县, 89 days old.
        Assert.Equal(89, await fixture.LongAsync("SELECT SUM(oldest_days) FROM metric_case_backlog WHERE region_key = 10"));
    }

    [Fact]
    public async Task Activities_count_night_talks_and_cadre_attendances()
    {
        // 甲县 night talks: 2 (3 + 2 = 5 cadres, 20 + 15 participants); the city adds 乙县's (4 cadres).
        var row = await fixture.RowAsync("SELECT SUM(activities), SUM(cadre_attendances), SUM(participants) FROM metric_activities WHERE region_key = 10 AND kind = 'NightTalk'");
        Assert.Equal([2L, 5L, 35L], row.Select(v => Convert.ToInt64(v)));
        Assert.Equal(9, await fixture.LongAsync("SELECT SUM(cadre_attendances) FROM metric_activities WHERE region_level = 'City' AND kind = 'NightTalk'"));
    }

    [Fact]
    public async Task Pairing_compliance_per_agency_and_year()
    {
        // 905 pairs with all four kinds from 2021-01-01; its principal leader visited 村1001; joint class + theme day = 2 over 4 pairings.
        var city = await fixture.RowAsync("SELECT paired_all_four, leader_visits_met, village_pairings_visited, joint_activities, joint_activities_per_pairing, compliant FROM metric_pairing_compliance WHERE organization_key = 905 AND year = 2021");
        Assert.Equal(true, city[0]);
        Assert.Equal(true, city[1]);
        Assert.Equal(1L, Convert.ToInt64(city[2]));
        Assert.Equal(2L, Convert.ToInt64(city[3]));
        Assert.Equal(0.5, Convert.ToDouble(city[4]), Tolerance);
        Assert.Equal(false, city[5]); // no deputy visit, no practice activity
        // 906 pairs with 村1002 all year and with 村1001 until March; nobody visited either.
        var county = await fixture.RowAsync("SELECT paired_village, paired_all_four, leader_visits_met, village_pairings FROM metric_pairing_compliance WHERE organization_key = 906 AND year = 2021");
        Assert.Equal([true, false, false, 2L], county.Select(v => v is long or int ? Convert.ToInt64(v) : v));
        // Cross-village pairings are not 四联四促.
        Assert.Equal(0, await fixture.LongAsync("SELECT COUNT(*) FROM metric_pairing_compliance WHERE organization_key = 903"));
    }

    [Fact]
    public async Task An_agency_without_a_village_pairing_fails_the_leader_visit_rule_and_a_pairing_after_june_fails_its_deadline()
    {
        // 907 pairs only with 社区1003, from 2021-07-01: no village for the leader to visit, the community linked after June.
        var checks = (await fixture.QueryAsync("SELECT rule, required, actual, is_met FROM metric_compliance_check WHERE organization_key = 907 AND year = 2021"))
            .ToDictionary(r => (string)r[0]!, r => (Convert.ToInt64(r[1]), Convert.ToInt64(r[2]), (bool)r[3]!));

        Assert.Equal((1L, 0L, false), checks["LeaderVisits"]);
        Assert.Equal((1L, 0L, false), checks["CommunityPairedByJune"]);
        Assert.Equal(false, (await fixture.RowAsync("SELECT leader_visits_met FROM metric_pairing_compliance WHERE organization_key = 907 AND year = 2021"))[0]);
    }

    [Fact]
    public async Task Joint_activities_count_with_the_paired_village_only_and_the_leader_must_visit_each_village()
    {
        // 905's theme day was held at its paired community, not its village; 906 has two village pairings in 2021, neither visited.
        var themeDays = await fixture.RowAsync("SELECT actual, is_met FROM metric_compliance_check WHERE organization_key = 905 AND year = 2021 AND rule = 'ThemeDays'");
        var leader = await fixture.RowAsync("SELECT required, actual FROM metric_compliance_check WHERE organization_key = 906 AND year = 2021 AND rule = 'LeaderVisits'");

        Assert.Equal([0L, false], themeDays.Select(v => v is bool ? v : Convert.ToInt64(v)));
        Assert.Equal([2L, 0L], leader.Select(Convert.ToInt64));
    }

    [Fact]
    public async Task In_service_members_must_take_part_in_every_quarter_they_owe()
    {
        // 906: 504 missed the third quarter of 2021. 905: 505 owes quarters 3 and 4 and took part in both; 506 owes none.
        var rows = (await fixture.QueryAsync("SELECT organization_key, required, actual, is_met FROM metric_compliance_check WHERE year = 2021 AND rule = 'InServiceMembersQuarterly' ORDER BY 1"))
            .Select(r => $"{r[0]}:{r[1]}:{r[2]}:{r[3]}");

        Assert.Equal(["905:1:1:True", "906:1:0:False", "907:0:0:True"], rows);
    }

    [Fact]
    public async Task City_and_county_agencies_pairing_the_same_village_in_a_year_are_reported()
    {
        // 村1001: 905 (city) all of 2021, 906 (county) until 2021-03-31. 村1002 is paired by 906 alone.
        var overlaps = (await fixture.QueryAsync("SELECT year, region_key, city_organization_key, county_organization_key FROM metric_pairing_overlap ORDER BY ALL"))
            .Select(r => string.Join(":", r.Select(v => Convert.ToInt64(v))));

        Assert.Equal(["2021:1001:905:906"], overlaps);
        Assert.Equal([1L, 1L, 0L], (await fixture.QueryAsync("SELECT overlapping_villages FROM metric_pairing_compliance WHERE year = 2021 ORDER BY organization_key"))
            .Select(r => Convert.ToInt64(r[0])));
    }

    [Fact]
    public async Task Pairing_summary_rolls_agencies_up_their_regions()
    {
        // The city holds 905 (city), 906 (甲县) and 907 (乙县): 1 of 3 with all four; 1 of 3 village pairings visited;
        // 2 joint activities / 7 pairings in force in 2021.
        var row = await fixture.RowAsync("SELECT agencies, all_four_share, leader_visit_compliance, joint_activities_per_pairing, with_overlapping_villages FROM metric_pairing_summary WHERE region_level = 'City' AND year = 2021");
        Assert.Equal(3L, Convert.ToInt64(row[0]));
        Assert.Equal(1.0 / 3, Convert.ToDouble(row[1]), Tolerance);
        Assert.Equal(1.0 / 3, Convert.ToDouble(row[2]), Tolerance);
        Assert.Equal(2.0 / 7, Convert.ToDouble(row[3]), Tolerance);
        Assert.Equal(2L, Convert.ToInt64(row[4]));
        Assert.Equal(0.0, await fixture.DoubleAsync("SELECT all_four_share FROM metric_pairing_summary WHERE region_key = 10 AND year = 2021"), Tolerance);
    }

    [Fact]
    public async Task Star_distribution_and_rectification_ranking()
    {
        // 甲县 grid branches 2021: one 1-star, one 2-star → half each.
        var distribution = (await fixture.QueryAsync("SELECT stars, organizations, share_of_domain FROM metric_star_ratings WHERE region_key = 10 AND year = 2021 AND domain = 'GridBranch' ORDER BY stars"))
            .Select(r => $"{r[0]}:{r[1]}:{r[2]}");
        Assert.Equal(["1:1:0.5", "2:1:0.5"], distribution);

        // ≤ 2 stars in 甲县, weakest first: 902 (40), 901 (55), 904 (60); 903 (5 stars) is not listed.
        var ranked = (await fixture.QueryAsync("SELECT organization_key, county_rank FROM metric_rectification WHERE county_key = 10 AND year = 2021 ORDER BY county_rank"))
            .Select(r => $"{r[0]}#{r[1]}");
        Assert.Equal(["902#1", "901#2", "904#3"], ranked);
    }

    [Fact]
    public async Task Micro_wish_fulfilment_rate_and_days()
    {
        // March in 村1001: 3 posted, 3 claimed, 2 fulfilled (10 and 20 days) → rate 2/3, mean and median 15.
        var row = await fixture.RowAsync("SELECT posted, claimed, fulfilled, fulfilment_rate, mean_days_to_fulfil, median_days_to_fulfil FROM metric_micro_wishes WHERE region_key = 1001 AND year = 2021 AND month = 3");
        Assert.Equal([3L, 3L, 2L], row[..3].Select(v => Convert.ToInt64(v)));
        Assert.Equal(2.0 / 3, Convert.ToDouble(row[3]), Tolerance);
        Assert.Equal(15.0, Convert.ToDouble(row[4]), Tolerance);
        Assert.Equal(15.0, Convert.ToDouble(row[5]), Tolerance);
        // The county over the year: 2 fulfilled of 4 posted.
        Assert.Equal(0.5, await fixture.DoubleAsync("SELECT SUM(fulfilled) / SUM(posted) FROM metric_micro_wishes WHERE region_key = 10 AND year = 2021"), Tolerance);
    }

    [Fact]
    public async Task League_table_ranks_counties_the_right_way_round()
    {
        // 2021 resolution rate: 乙县 1/1 = 1.0 beats 甲县 0.6 (higher is better). Median days: 乙县 1 beats 甲县 10 (lower is better).
        var rate = (await fixture.QueryAsync("SELECT county_name, rank, counties FROM metric_league_table WHERE metric_id = 'cases.resolution_rate' AND year = 2021 ORDER BY rank"))
            .Select(r => $"{r[0]}#{r[1]}/{r[2]}");
        var days = (await fixture.QueryAsync("SELECT county_name, rank FROM metric_league_table WHERE metric_id = 'cases.median_days_to_resolve' AND year = 2021 ORDER BY rank"))
            .Select(r => $"{r[0]}#{r[1]}");
        // Villages under 100,000 in 2021: 甲县 0 beats 乙县 1 (lower is better).
        var poor = (await fixture.QueryAsync("SELECT county_name, rank FROM metric_league_table WHERE metric_id = 'income.villages_below_100k' AND year = 2021 ORDER BY rank"))
            .Select(r => $"{r[0]}#{r[1]}");

        Assert.Equal(["乙县#1/2", "甲县#2/2"], rate);
        Assert.Equal(["乙县#1", "甲县#2"], days);
        Assert.Equal(["甲县#1", "乙县#2"], poor);
    }

    [Fact]
    public async Task Published_figure_reads_each_metric_from_the_views()
    {
        // 甲县 to date: 3 four-step cases resolved (c1, c2, c5), 1 temporary branch, 2 mobile members, 3 villages, 3 level-4 grids.
        var figures = (await fixture.QueryAsync("SELECT metric_id, value FROM published_figure('甲县')"))
            .ToDictionary(r => (string)r[0]!, r => Convert.ToDouble(r[1]));
        Assert.Equal(3, figures["cases.resolved.four_step"]);
        Assert.Equal(1, figures["org.temporary"]);
        Assert.Equal(2, figures["members.mobile"]);
        Assert.Equal(3, figures["region.villages"]);
        Assert.Equal(3, figures["grid.level4_grids"]);
        Assert.Equal(2, figures["activities.night_talks"]);

        // With years: growth 2019 → 2021 as above; level-4 grids created 2020–2021: 2.
        var ranged = (await fixture.QueryAsync("SELECT metric_id, value FROM published_figure('甲县', first_year := 2020, last_year := 2021)"))
            .ToDictionary(r => (string)r[0]!, r => Convert.ToDouble(r[1]));
        Assert.Equal(2, ranged["grid.level4_grids"]);
        Assert.Equal(860.0 / 580 - 1, await fixture.DoubleAsync("SELECT value FROM published_figure('甲县', first_year := 2019, last_year := 2021) WHERE metric_id = 'income.operating_growth'"), Tolerance);
    }

    [Fact]
    public async Task Every_view_and_macro_is_documented()
    {
        var undocumentedViews = (await fixture.QueryAsync("SELECT view_name FROM duckdb_views() WHERE NOT internal AND (comment IS NULL OR comment = '')"))
            .Select(r => (string)r[0]!);
        var undocumentedMacros = (await fixture.QueryAsync("SELECT function_name FROM duckdb_functions() WHERE function_type = 'table_macro' AND NOT internal AND (comment IS NULL OR comment = '')"))
            .Select(r => (string)r[0]!);

        Assert.Empty(undocumentedViews);
        Assert.Empty(undocumentedMacros);
    }
}
