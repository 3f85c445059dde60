using System.Globalization;
using Analytics.Domain;

namespace Analytics.Data.DemoData;

/// <summary>
/// Lays out the structure of the demo city in memory: the administrative tree, the four grid levels, the party
/// organizations, enterprises, projects and pairings. None of it depends on the scale.
/// </summary>
internal static class StructurePlanner
{
    public static CityPlan Plan(int seed)
    {
        var city = new Region { Code = Sanming.CityCode, Name = Sanming.CityName, Level = RegionLevel.City };
        var plan = new CityPlan { City = city };

        foreach (var spec in Sanming.Counties)
        {
            var county = PlanRegions(seed, spec, city);
            PlanGrids(seed, county);
            PlanEnterprisesAndProjects(seed, county);
            PlanOrganizations(seed, county);
            PlanAgencies(DemoRandom.For(seed, county.Spec.Code, "agencies"), county.Spec.Name, county.Region, county, county.Agencies, county.Spec.Agencies);
            plan.Counties.Add(county);
        }

        foreach (var dissolved in Sanming.DissolvedCounties)
        {
            var successor = plan.Counties.Single(c => c.Spec.Code == dissolved.SuccessorCode);
            var missing = dissolved.Townships.Except(successor.Townships.Select(t => t.Region.Name)).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidOperationException($"{dissolved.Name}'s townships {string.Join("、", missing)} are not in {successor.Spec.Name}.");
            }

            plan.DissolvedCounties.Add(new Region
            {
                Code = dissolved.Code, Name = dissolved.Name, Level = RegionLevel.County, Parent = city, ValidTo = dissolved.ValidTo,
            });
        }

        city.Households = plan.Counties.Sum(c => c.Region.Households);
        city.Population = plan.Counties.Sum(c => c.Region.Population);

        PlanAgencies(DemoRandom.For(seed, Sanming.CityCode, "agencies"), Sanming.CityName, city, county: null, plan.CityAgencies, Sanming.CityAgencies);
        foreach (var county in plan.Counties)
        {
            PlanCountyPairings(seed, county);
        }

        PlanCityPairings(seed, plan);
        return plan;
    }

    private static CountyPlan PlanRegions(int seed, CountySpec spec, Region city)
    {
        var random = DemoRandom.For(seed, spec.Code, "regions");
        var county = new CountyPlan
        {
            Spec = spec,
            Region = new Region { Code = spec.Code, Name = spec.Name, Level = RegionLevel.County, Parent = city },
        };

        int streets = 0, towns = 0, others = 0;
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var townshipSpec in spec.Townships)
        {
            // 街道 001.., 镇 100.., 乡 200..: the numbering of the national division codes.
            var number = townshipSpec.IsStreet ? 1 + streets++ : townshipSpec.IsTown ? 100 + towns++ : 200 + others++;
            var township = new TownshipPlan
            {
                Spec = townshipSpec,
                Region = new Region
                {
                    Code = spec.Code + number.ToString("D3", CultureInfo.InvariantCulture),
                    Name = townshipSpec.Name,
                    Level = RegionLevel.Township,
                    Parent = county.Region,
                },
            };

            // 居委会 001–199, 村委会 200–399, as in the 12-digit statistical codes.
            for (var c = 0; c < townshipSpec.Communities; c++)
            {
                var unit = NewUnit(township, ChineseNames.Community(random, usedNames), RegionLevel.Community, 1 + c);
                county.Communities.Add(unit);
            }

            for (var v = 0; v < townshipSpec.Villages; v++)
            {
                var unit = NewUnit(township, ChineseNames.Village(random, usedNames), RegionLevel.Village, 200 + v);
                county.Villages.Add(unit);
            }

            county.Townships.Add(township);
        }

        return county;
    }

    private static UnitPlan NewUnit(TownshipPlan township, string name, RegionLevel level, int number)
    {
        var unit = new UnitPlan
        {
            Township = township,
            Region = new Region
            {
                Code = township.Region.Code + number.ToString("D3", CultureInfo.InvariantCulture),
                Name = name,
                Level = level,
                Parent = township.Region,
            },
        };
        township.Units.Add(unit);
        return unit;
    }

    /// <summary>
    /// Spreads the county's unit grids over its villages and communities by weight, then its level-3 areas: one per
    /// unit as far as they go (永安市 has fewer areas than units, so its smallest villages hang their unit grids directly
    /// under the village grid), the rest to the units with the most unit grids per area.
    /// </summary>
    private static void PlanGrids(int seed, CountyPlan county)
    {
        var spec = county.Spec;
        var random = DemoRandom.For(seed, spec.Code, "grids");
        var units = county.Units.ToList();

        var weights = units.Select(u => u.IsCommunity
            ? random.LogNormal(spec.CommunityGridWeight, 0.35)
            : random.LogNormal(1.0, 0.45)).ToArray();
        var unitGrids = Sanming.Allocate(spec.UnitGrids, weights, minimum: 1);
        var areas = AllocateAreas(spec.AreaGrids, unitGrids);

        var early = new DateOnly(2017, 3, 1);
        var structureTo = spec.AreasFrom.AddDays(-30);
        foreach (var township in county.Townships)
        {
            township.Grid = new Grid
            {
                Code = township.Region.Code,
                Name = township.Region.Name + "网格",
                Level = 1,
                Region = township.Region,
                CreatedOn = random.Date(early, structureTo),
            };
        }

        var usedResidentialNames = new HashSet<string>(StringComparer.Ordinal);
        for (var u = 0; u < units.Count; u++)
        {
            var unit = units[u];
            unit.Grid = new Grid
            {
                Code = unit.Region.Code,
                Name = unit.Region.Name + "网格",
                Level = 2,
                Parent = unit.Township.Grid,
                Region = unit.Region,
                CreatedOn = random.Date(unit.Township.Grid!.CreatedOn, structureTo),
            };

            for (var a = 0; a < areas[u]; a++)
            {
                var label = unit.IsCommunity
                    ? ChineseNames.Residential(random, usedResidentialNames) + "片区"
                    : string.Create(CultureInfo.InvariantCulture, $"第{a + 1}片区");
                unit.Areas.Add(new AreaPlan
                {
                    Grid = new Grid
                    {
                        Code = unit.Region.Code + (a + 1).ToString("D2", CultureInfo.InvariantCulture),
                        Name = unit.Region.Name + label,
                        Level = 3,
                        Parent = unit.Grid,
                        Region = unit.Region,
                        CreatedOn = random.Date(spec.AreasFrom, spec.AreasTo),
                    },
                });
            }

            for (var g = 0; g < unitGrids[u]; g++)
            {
                var area = unit.Areas.Count == 0 ? null : unit.Areas[g % unit.Areas.Count];
                var areaNumber = area is null ? 0 : unit.Areas.IndexOf(area) + 1;
                var households = UnitGridHouseholds(random);
                var number = area is null ? g + 1 : area.UnitGrids.Count + 1;
                var grid = new Grid
                {
                    Code = string.Create(CultureInfo.InvariantCulture, $"{unit.Region.Code}{areaNumber:D2}{number:D3}"),
                    Name = string.Create(CultureInfo.InvariantCulture, $"{unit.Region.Name}第{g + 1}网格"),
                    Level = 4,
                    Parent = area?.Grid ?? unit.Grid,
                    Region = unit.Region,
                    Households = households,
                    Population = (int)Math.Round(households * random.Uniform(2.3, 3.1)),
                    CreatedOn = random.Date(spec.UnitGridsFrom, spec.UnitGridsTo),
                };
                area?.UnitGrids.Add(grid);
                unit.UnitGrids.Add(grid);
            }

            foreach (var area in unit.Areas)
            {
                area.Grid.Households = area.UnitGrids.Sum(g => g.Households);
                area.Grid.Population = area.UnitGrids.Sum(g => g.Population);
            }

            // Some households sit outside any unit grid (scattered farms, new buildings not yet gridded).
            var covered = unit.UnitGrids.Sum(g => g.Households);
            var coveredPopulation = unit.UnitGrids.Sum(g => g.Population);
            var uncovered = (int)Math.Round(covered * (unit.IsCommunity ? random.Uniform(0.02, 0.05) : random.Uniform(0.01, 0.06)));
            unit.Region.Households = unit.Grid.Households = covered + uncovered;
            unit.Region.Population = unit.Grid.Population = coveredPopulation + (int)Math.Round(uncovered * random.Uniform(1.8, 2.8));
        }

        foreach (var township in county.Townships)
        {
            township.Region.Households = township.Grid!.Households = township.Units.Sum(u => u.Region.Households);
            township.Region.Population = township.Grid.Population = township.Units.Sum(u => u.Region.Population);
        }

        county.Region.Households = county.Townships.Sum(t => t.Region.Households);
        county.Region.Population = county.Townships.Sum(t => t.Region.Population);
    }

    /// <summary>Households of a unit grid: mostly within the 80–120 standard, a few outside as in any real survey.</summary>
    private static int UnitGridHouseholds(DemoRandom random)
    {
        var x = random.NextDouble();
        if (x < 0.03)
        {
            return random.Between(55, Grid.StandardMinHouseholds - 1);
        }

        if (x < 0.06)
        {
            return random.Between(Grid.StandardMaxHouseholds + 1, 160);
        }

        // A normal around 94 redrawn until it falls in the band, so the band's edges do not pile up.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var households = (int)Math.Round(random.Normal(94, 10));
            if (households is >= Grid.StandardMinHouseholds and <= Grid.StandardMaxHouseholds)
            {
                return households;
            }
        }

        return 94;
    }

    private static int[] AllocateAreas(int total, int[] unitGrids)
    {
        var n = unitGrids.Length;
        var areas = new int[n];
        var byGrids = Enumerable.Range(0, n).OrderByDescending(i => unitGrids[i]).ThenBy(i => i).ToArray();
        foreach (var i in byGrids.Take(total))
        {
            areas[i] = 1;
        }

        for (var extra = total - n; extra > 0; extra--)
        {
            var best = -1;
            for (var i = 0; i < n; i++)
            {
                if (areas[i] > 0 && areas[i] < unitGrids[i]
                    && (best < 0 || unitGrids[i] * areas[best] > unitGrids[best] * areas[i]))
                {
                    best = i;
                }
            }

            if (best < 0)
            {
                throw new InvalidOperationException("More level-3 grids than unit grids can hold.");
            }

            areas[best]++;
        }

        return areas;
    }

    private static void PlanEnterprisesAndProjects(int seed, CountyPlan county)
    {
        var spec = county.Spec;
        var random = DemoRandom.For(seed, spec.Code, "enterprises");
        var townships = county.Townships;
        var industrial = new WeightedPool<TownshipPlan>(townships, t => t.Spec.IsStreet ? 0.6 : t.Spec.IsTown ? 1.5 : 0.6);
        var urban = new WeightedPool<TownshipPlan>(townships, t => t.Spec.IsStreet ? 3.0 : t == townships[0] ? 2.0 : 0.3);
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        // Serials ascend from a random start, so codes look issued over the years and never repeat in a county.
        var serial = random.Between(30_000_000, 800_000_000);

        Enterprise NewEnterprise(string name, EnterpriseKind kind, TownshipPlan township, int employees) => new()
        {
            Name = name,
            CreditCode = IdentityCodes.CreditCode(spec.Code, serial += random.Between(1, 40_000)),
            Kind = kind,
            Region = township.Region,
            Employees = employees,
        };

        string UniqueName(Func<string> next)
        {
            for (var attempt = 0; ; attempt++)
            {
                var name = next();
                if (usedNames.Add(name))
                {
                    return name;
                }

                if (attempt > 200)
                {
                    name = string.Create(CultureInfo.InvariantCulture, $"{name[..^4]}{usedNames.Count}有限公司");
                    usedNames.Add(name);
                    return name;
                }
            }
        }

        var stateOwned = StateOwnedNames.ToList();
        random.Shuffle(stateOwned);
        foreach (var name in stateOwned.Take(spec.StateOwnedEnterprises))
        {
            county.Enterprises.Add(NewEnterprise(spec.Name + name, EnterpriseKind.StateOwned, townships[0], random.Between(80, 1500)));
        }

        for (var i = 0; i < spec.NonPublicEnterprises; i++)
        {
            var name = UniqueName(() => spec.Name + ChineseNames.Trade(random) + random.Pick(Industries) + "有限公司");
            county.Enterprises.Add(NewEnterprise(name, EnterpriseKind.NonPublic, industrial.Draw(random), (int)Math.Clamp(random.LogNormal(90, 0.9), 12, 2500)));
        }

        for (var i = 0; i < spec.NewBusinessFormEnterprises; i++)
        {
            var name = UniqueName(() => spec.Name + ChineseNames.Trade(random) + random.Pick(NewBusinessTrades) + "有限公司");
            county.Enterprises.Add(NewEnterprise(name, EnterpriseKind.NewBusinessForm, urban.Draw(random), (int)Math.Clamp(random.LogNormal(45, 0.8), 8, 600)));
        }

        var projects = ProjectNames.ToList();
        random.Shuffle(projects);
        foreach (var name in projects.Take(spec.Projects))
        {
            var started = random.Date(new DateOnly(2018, 3, 1), new DateOnly(2023, 10, 31));
            var completed = started.AddDays(random.Between(300, 1500));
            county.Projects.Add(new Project
            {
                Name = spec.Name + name,
                Region = industrial.Draw(random).Region,
                Investment = Math.Round((decimal)Math.Clamp(random.LogNormal(3e8, 0.8), 3e7, 3e9) / 10_000m) * 10_000m,
                StartedOn = started,
                CompletedOn = random.Chance(0.6) && completed <= Sanming.LastDay ? completed : null,
            });
        }
    }

    private static void PlanOrganizations(int seed, CountyPlan county)
    {
        var spec = county.Spec;
        var random = DemoRandom.For(seed, spec.Code, "organizations");
        var organizations = county.Organizations;

        PartyOrganization Add(PartyOrganization organization)
        {
            organizations.Add(organization);
            return organization;
        }

        // Township committees, then each village's and community's own organization.
        foreach (var township in county.Townships)
        {
            var street = township.Spec.IsStreet;
            township.Committee = Add(new PartyOrganization
            {
                Name = street ? $"中共{township.Region.Name}工作委员会" : $"中共{township.Region.Name}委员会",
                Kind = OrganizationKind.Committee,
                Domain = street ? OrganizationDomain.Community : OrganizationDomain.Rural,
                Region = township.Region,
                EstablishedOn = random.Date(new DateOnly(1984, 1, 1), new DateOnly(2005, 12, 31)),
            });
        }

        foreach (var unit in county.Units)
        {
            var households = unit.Region.Households;
            var kind = unit.IsCommunity
                ? (households > 2500 ? OrganizationKind.Committee : OrganizationKind.GeneralBranch)
                : (households > 1500 ? OrganizationKind.Committee : households > 450 ? OrganizationKind.GeneralBranch : OrganizationKind.Branch);
            unit.Organization = Add(new PartyOrganization
            {
                Name = $"中共{unit.Township.Region.Name}{unit.Region.Name}{KindSuffix(kind)}",
                Kind = kind,
                Domain = unit.IsCommunity ? OrganizationDomain.Community : OrganizationDomain.Rural,
                Parent = unit.Township.Committee,
                Region = unit.Region,
                EstablishedOn = unit.IsCommunity
                    ? random.Date(new DateOnly(1985, 1, 1), new DateOnly(2015, 12, 31))
                    : random.Date(new DateOnly(1950, 1, 1), new DateOnly(1990, 12, 31)),
            });
        }

        // Grid party branches on level-3 areas (永安市: every one of its 195).
        var allAreas = county.Units.SelectMany(u => u.Areas.Select(a => (Unit: u, Area: a))).ToList();
        var branches = (int)Math.Round(allAreas.Count * spec.GridBranchShare);
        for (var i = 0; i < allAreas.Count; i++)
        {
            if (!DemoRandom.Stratified(i, allAreas.Count, branches))
            {
                continue;
            }

            var (unit, area) = allAreas[i];
            county.GridBranches.Add(Add(new PartyOrganization
            {
                Name = $"中共{unit.Township.Region.Name}{area.Grid.Name}网格党支部",
                Kind = OrganizationKind.Branch,
                Domain = OrganizationDomain.GridBranch,
                Parent = unit.Organization,
                Region = unit.Region,
                Grid = area.Grid,
                EstablishedOn = area.Grid.CreatedOn.AddDays(random.Between(0, 90)),
            }));
        }

        // Residential-area branches on unit grids of communities, one compound per grid.
        var compoundGrids = county.Communities.SelectMany(c => c.UnitGrids.Select(g => (Unit: c, Grid: g))).ToList();
        if (compoundGrids.Count < spec.ResidentialAreaBranches)
        {
            throw new InvalidOperationException($"{spec.Name}: too few community unit grids for {spec.ResidentialAreaBranches} residential-area branches.");
        }

        random.Shuffle(compoundGrids);
        var usedCompounds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (unit, grid) in compoundGrids.Take(spec.ResidentialAreaBranches))
        {
            var compound = ChineseNames.Residential(random, usedCompounds);
            var from = grid.CreatedOn > new DateOnly(2018, 1, 1) ? grid.CreatedOn : new DateOnly(2018, 1, 1);
            county.ResidentialBranches.Add(Add(new PartyOrganization
            {
                Name = compound.EndsWith("小区", StringComparison.Ordinal) ? $"中共{unit.Region.Name}{compound}党支部" : $"中共{unit.Region.Name}{compound}小区党支部",
                Kind = OrganizationKind.Branch,
                Domain = OrganizationDomain.ResidentialArea,
                Parent = unit.Organization,
                Region = unit.Region,
                Grid = grid,
                EstablishedOn = random.Date(from, spec.Until(from.AddDays(900) < new DateOnly(2024, 6, 30) ? from.AddDays(900) : new DateOnly(2024, 6, 30))),
            }));
        }

        PlanEnterpriseOrganizations(random, county, Add);
        PlanSpecialOrganizations(random, county, Add);
    }

    private static void PlanEnterpriseOrganizations(DemoRandom random, CountyPlan county, Func<PartyOrganization, PartyOrganization> add)
    {
        var spec = county.Spec;
        foreach (var enterprise in county.Enterprises.Where(e => e.Kind == EnterpriseKind.StateOwned))
        {
            var kind = enterprise.Employees > 500 ? OrganizationKind.Committee : OrganizationKind.GeneralBranch;
            enterprise.PartyOrganization = add(new PartyOrganization
            {
                Name = $"中共{enterprise.Name}{KindSuffix(kind)}",
                Kind = kind,
                Domain = OrganizationDomain.StateOwnedEnterprise,
                Region = enterprise.Region!,
                EstablishedOn = random.Date(new DateOnly(1990, 1, 1), new DateOnly(2015, 12, 31)),
            });
            county.EnterpriseOrganizations.Add(enterprise.PartyOrganization);
        }

        var nonPublic = county.Enterprises.Where(e => e.Kind == EnterpriseKind.NonPublic).ToList();
        var covered = (int)Math.Round(nonPublic.Count * spec.NonPublicCoverage);
        for (var i = 0; i < nonPublic.Count; i++)
        {
            if (!DemoRandom.Stratified(i, nonPublic.Count, covered))
            {
                continue;
            }

            var enterprise = nonPublic[i];
            var kind = enterprise.Employees > 300 ? OrganizationKind.GeneralBranch : OrganizationKind.Branch;
            enterprise.PartyOrganization = add(new PartyOrganization
            {
                Name = $"中共{enterprise.Name}{KindSuffix(kind)}",
                Kind = kind,
                Domain = OrganizationDomain.NonPublicEnterprise,
                Region = enterprise.Region!,
                EstablishedOn = random.Date(new DateOnly(2005, 1, 1), new DateOnly(2022, 12, 31)),
            });
            county.EnterpriseOrganizations.Add(enterprise.PartyOrganization);
        }

        // New-business-form organizations (新业态党组织): branches and a few general branches, each covering one or more
        // platform, delivery or logistics firms, so the coverage rate (三元区 97 %) is a share of enterprises.
        var newBusiness = county.Enterprises.Where(e => e.Kind == EnterpriseKind.NewBusinessForm).ToList();
        var organizations = new List<PartyOrganization>();
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        var total = spec.NewBusinessFormBranches + spec.NewBusinessFormGeneralBranches;
        for (var i = 0; i < total; i++)
        {
            var kind = i < spec.NewBusinessFormBranches ? OrganizationKind.Branch : OrganizationKind.GeneralBranch;
            var township = i < newBusiness.Count
                ? county.Townships.First(t => t.Region == newBusiness[i].Region)
                : random.Pick(county.Townships);
            var suffix = kind == OrganizationKind.Branch ? "党支部" : "党总支";
            var name = $"中共{township.Region.Name}{random.Pick(NewBusinessCommunities)}{suffix}";
            for (var attempt = 0; !usedNames.Add(name); attempt++)
            {
                if (attempt > 500)
                {
                    throw new InvalidOperationException("Ran out of new-business-form organization names.");
                }

                township = random.Pick(county.Townships);
                name = $"中共{township.Region.Name}{random.Pick(NewBusinessCommunities)}{suffix}";
            }

            var organization = add(new PartyOrganization
            {
                Name = name,
                Kind = kind,
                Domain = OrganizationDomain.NewBusinessForm,
                Parent = township.Committee,
                Region = township.Region,
                EstablishedOn = random.Date(new DateOnly(2018, 6, 1), spec.Until(new DateOnly(2024, 6, 30))),
            });
            organizations.Add(organization);
            county.EnterpriseOrganizations.Add(organization);
        }

        for (var i = 0; i < spec.NewBusinessFormEnterprisesCovered; i++)
        {
            newBusiness[i].PartyOrganization = organizations[i % organizations.Count];
        }
    }

    private static void PlanSpecialOrganizations(DemoRandom random, CountyPlan county, Func<PartyOrganization, PartyOrganization> add)
    {
        var spec = county.Spec;
        var usedNames = new HashSet<string>(StringComparer.Ordinal);

        string Unique(Func<string> next)
        {
            for (var attempt = 0; attempt < 500; attempt++)
            {
                var name = next();
                if (usedNames.Add(name))
                {
                    return name;
                }
            }

            throw new InvalidOperationException("Ran out of organization names.");
        }

        // Temporary branches (临时党支部): on projects, floods, epidemics; most dissolved when the task ended.
        for (var i = 0; i < spec.TemporaryBranches; i++)
        {
            var township = random.Pick(county.Townships);
            var unit = township.Units.Count > 0 ? random.Pick(township.Units) : null;
            var name = Unique(() => random.Next(6) switch
            {
                0 when county.Projects.Count > 0 => $"{random.Pick(county.Projects).Name}临时党支部",
                1 or 2 when unit is not null => $"{township.Region.Name}{unit.Region.Name}{random.Pick(TemporaryTasks)}临时党支部",
                _ => $"{township.Region.Name}{random.Pick(TemporaryTasks)}临时党支部",
            });
            var established = random.Date(new DateOnly(2020, 1, 15), spec.Until(new DateOnly(2024, 9, 30)));
            var dissolved = established.AddDays(random.Between(45, 500));
            county.OtherOrganizations.Add(add(new PartyOrganization
            {
                Name = "中共" + name,
                Kind = OrganizationKind.Branch,
                Domain = OrganizationDomain.Temporary,
                Parent = township.Committee,
                Region = unit?.Region ?? township.Region,
                EstablishedOn = established,
                DissolvedOn = random.Chance(0.65) && dissolved <= Sanming.LastDay ? dissolved : null,
            }));
        }

        // Vanguard teams (党员先锋队), drawn from village and township organizations.
        for (var i = 0; i < spec.VanguardTeams; i++)
        {
            var township = random.Pick(county.Townships);
            var unit = township.Units.Count > 0 && random.Chance(0.6) ? random.Pick(township.Units) : null;
            var name = Unique(() => unit is not null && random.Chance(0.5)
                ? $"{township.Region.Name}{unit.Region.Name}{random.Pick(VanguardThemes)}党员先锋队"
                : $"{township.Region.Name}{random.Pick(VanguardThemes)}党员先锋队");
            county.OtherOrganizations.Add(add(new PartyOrganization
            {
                Name = name,
                Kind = OrganizationKind.Branch,
                Domain = OrganizationDomain.VanguardTeam,
                Parent = unit?.Organization ?? township.Committee,
                Region = unit?.Region ?? township.Region,
                EstablishedOn = random.Date(new DateOnly(2019, 3, 1), spec.Until(new DateOnly(2023, 12, 31))),
            }));
        }

        // Cross-village organizations (联村党组织): each takes villages of one township, the township with the most
        // villages still free first, so no village is covered twice.
        var free = county.Townships.ToDictionary(t => t, t => t.Units.Where(u => !u.IsCommunity).ToList());
        foreach (var list in free.Values)
        {
            random.Shuffle(list);
        }

        foreach (var size in spec.CrossVillageGroups)
        {
            var township = county.Townships.OrderByDescending(t => free[t].Count).First();
            if (free[township].Count < size)
            {
                throw new InvalidOperationException($"{spec.Name}: no township has {size} villages left for a cross-village organization.");
            }

            var villages = free[township].Take(size).ToList();
            free[township].RemoveRange(0, size);
            var kind = size >= 3 ? OrganizationKind.Committee : OrganizationKind.GeneralBranch;
            var organization = add(new PartyOrganization
            {
                Name = $"中共{township.Region.Name}{ChineseNames.Stem(villages[0].Region.Name)}片区联村{(kind == OrganizationKind.Committee ? "党委" : "党总支")}",
                Kind = kind,
                Domain = OrganizationDomain.CrossVillage,
                Parent = township.Committee,
                Region = township.Region,
                EstablishedOn = random.Date(new DateOnly(2020, 3, 1), spec.Until(new DateOnly(2022, 6, 30))),
            });
            county.CrossVillage.Add((organization, villages));
        }

        var destinations = MobileDestinations.ToList();
        random.Shuffle(destinations);
        foreach (var destination in destinations.Take(spec.MobileMemberOrganizations))
        {
            county.MobileMemberOrganizations.Add(add(new PartyOrganization
            {
                Name = $"中共{spec.Name}驻{destination}流动党员支部委员会",
                Kind = OrganizationKind.Branch,
                Domain = OrganizationDomain.MobileMembers,
                Region = county.Region,
                EstablishedOn = random.Date(new DateOnly(2008, 1, 1), new DateOnly(2018, 12, 31)),
            }));
        }

        // Youth branches (乡镇青年党支部, 三元区 5): one in each rural township (乡/镇) in turn, under its committee.
        var youth = YouthGroups.ToList();
        random.Shuffle(youth);
        var rural = county.Townships.Where(t => !t.Spec.IsStreet).ToList();
        foreach (var (group, i) in youth.Take(spec.YouthBranches).Select((g, i) => (g, i)))
        {
            var township = rural.Count > 0 ? rural[i % rural.Count] : county.Townships[i % county.Townships.Count];
            county.OtherOrganizations.Add(add(new PartyOrganization
            {
                Name = $"中共{township.Region.Name}{group}青年党支部",
                Kind = OrganizationKind.Branch,
                Domain = OrganizationDomain.Youth,
                Parent = township.Committee,
                Region = township.Region,
                EstablishedOn = random.Date(new DateOnly(2016, 1, 1), spec.Until(new DateOnly(2023, 12, 31))),
            }));
        }

        var social = SocialGroups.ToList();
        random.Shuffle(social);
        foreach (var group in social.Take(spec.SocialOrganizations))
        {
            var kind = group == "律师行业" ? OrganizationKind.Committee : OrganizationKind.Branch;
            county.OtherOrganizations.Add(add(new PartyOrganization
            {
                Name = $"中共{spec.Name}{group}{(kind == OrganizationKind.Committee ? "委员会" : "党支部")}",
                Kind = kind,
                Domain = OrganizationDomain.SocialOrganization,
                Region = county.Region,
                EstablishedOn = random.Date(new DateOnly(2010, 1, 1), new DateOnly(2022, 12, 31)),
            }));
        }
    }

    private static void PlanAgencies(
        DemoRandom random, string placeName, Region region, CountyPlan? county, List<AgencyPlan> agencies, int count)
    {
        var departments = Sanming.Departments.ToList();
        random.Shuffle(departments);
        foreach (var (name, partyDepartment, kind) in departments.Take(count))
        {
            var agency = partyDepartment ? $"{placeName}委{name}" : placeName + name;
            var suffix = (name.EndsWith("机关", StringComparison.Ordinal) ? "" : "机关") + KindSuffix(kind);
            agencies.Add(new AgencyPlan
            {
                ShortName = agency,
                County = county,
                Organization = new PartyOrganization
                {
                    Name = $"中共{agency}{suffix}",
                    Kind = kind,
                    Domain = OrganizationDomain.Agency,
                    Region = region,
                    EstablishedOn = random.Date(new DateOnly(1980, 1, 1), new DateOnly(2012, 12, 31)),
                },
            });
        }

        county?.Organizations.AddRange(agencies.Select(a => a.Organization));
    }

    /// <summary>
    /// 四联四促: every agency links a village, a community, an enterprise and a project, mostly by the end of June 2019;
    /// a share of agencies miss one link, some village pairings rotate in 2022. Some agencies also keep a 三联共建 point.
    /// Cross-village organizations cover their villages.
    /// </summary>
    private static void PlanCountyPairings(int seed, CountyPlan county)
    {
        var random = DemoRandom.For(seed, county.Spec.Code, "pairings");
        var villages = new Queue<UnitPlan>(Shuffled(random, county.Villages));
        foreach (var agency in county.Agencies)
        {
            PlanAgencyPairings(random, agency, county.Spec.AgencyGapShare, () => Next(villages, county.Villages, random), county);
        }

        foreach (var (organization, covered) in county.CrossVillage)
        {
            foreach (var village in covered)
            {
                county.Pairings.Add(new PairingPlan
                {
                    Organization = organization,
                    TargetName = village.Region.Name,
                    Place = village.Region,
                    Pairing = new Pairing
                    {
                        Program = PairingProgram.CrossVillage,
                        TargetKind = PairingTargetKind.Village,
                        TargetRegion = village.Region,
                        From = organization.EstablishedOn,
                    },
                });
            }
        }
    }

    /// <summary>The city's agencies pair with villages of the weaker counties and with the county seats' communities.</summary>
    private static void PlanCityPairings(int seed, CityPlan plan)
    {
        var random = DemoRandom.For(seed, Sanming.CityCode, "pairings");
        var weak = plan.Counties.Where(c => c.Spec.Quality < 0.6).SelectMany(c => c.Villages).ToList();
        var villages = new Queue<UnitPlan>(Shuffled(random, weak));
        foreach (var agency in plan.CityAgencies)
        {
            var village = Next(villages, weak, random);
            var county = plan.Counties.First(c => c.Villages.Contains(village));
            var first = true;
            PlanAgencyPairings(random, agency, 0.05, () =>
            {
                var v = first ? village : random.Pick(county.Villages);
                first = false;
                return v;
            }, county);
        }
    }

    private static void PlanAgencyPairings(
        DemoRandom random, AgencyPlan agency, double gapShare, Func<UnitPlan> nextVillage, CountyPlan county)
    {
        var missing = random.Chance(gapShare)
            ? (random.Chance(0.1) ? PairingTargetKind.Village : (PairingTargetKind)random.Between(2, 4))
            : (PairingTargetKind?)null;
        var from = random.Chance(0.88)
            ? random.Date(new DateOnly(2019, 2, 15), new DateOnly(2019, 6, 30))
            : random.Date(new DateOnly(2019, 7, 1), new DateOnly(2019, 10, 31));

        void Add(PairingProgram program, PairingTargetKind kind, string targetName, Region place, DateOnly start, DateOnly? end,
            Region? region = null, Enterprise? enterprise = null, Project? project = null) =>
            county.Pairings.Add(new PairingPlan
            {
                Organization = agency.Organization,
                Agency = agency,
                TargetName = targetName,
                Place = place,
                Pairing = new Pairing
                {
                    Program = program,
                    TargetKind = kind,
                    TargetRegion = region,
                    TargetEnterprise = enterprise,
                    TargetProject = project,
                    From = start,
                    To = end,
                },
            });

        if (missing != PairingTargetKind.Village)
        {
            var village = nextVillage();
            if (random.Chance(0.12))
            {
                // The pairing rotated at the start of 2022: the old one ends, a new village is linked.
                Add(PairingProgram.FourLinks, PairingTargetKind.Village, village.Region.Name, village.Region, from, new DateOnly(2021, 12, 31), village.Region);
                village = nextVillage();
                Add(PairingProgram.FourLinks, PairingTargetKind.Village, village.Region.Name, village.Region,
                    random.Date(new DateOnly(2022, 1, 5), new DateOnly(2022, 5, 31)), null, village.Region);
            }
            else
            {
                Add(PairingProgram.FourLinks, PairingTargetKind.Village, village.Region.Name, village.Region, from, null, village.Region);
            }
        }

        if (missing != PairingTargetKind.Community && county.Communities.Count > 0)
        {
            var community = random.Pick(county.Communities);
            Add(PairingProgram.FourLinks, PairingTargetKind.Community, community.Region.Name, community.Region, from.AddDays(random.Between(0, 20)), null, community.Region);
        }

        var linkable = county.Enterprises.Where(e => e.Kind != EnterpriseKind.NewBusinessForm).ToList();
        if (missing != PairingTargetKind.Enterprise && linkable.Count > 0)
        {
            var enterprise = random.Pick(linkable);
            Add(PairingProgram.FourLinks, PairingTargetKind.Enterprise, enterprise.Name, enterprise.Region!, from.AddDays(random.Between(0, 30)), null, enterprise: enterprise);
        }

        if (missing != PairingTargetKind.Project && county.Projects.Count > 0)
        {
            // When a linked project is completed the agency links the next one, so the link lapses only on purpose.
            var start = from.AddDays(random.Between(0, 40));
            for (var links = 0; links < 4 && start < Sanming.LastDay; links++)
            {
                var open = county.Projects.Where(p => p.CompletedOn is null || p.CompletedOn > start.AddDays(60)).ToList();
                if (open.Count == 0)
                {
                    break;
                }

                var project = random.Pick(open);
                var linked = start < project.StartedOn ? project.StartedOn : start;
                var end = project.CompletedOn;
                Add(PairingProgram.FourLinks, PairingTargetKind.Project, project.Name, project.Region!, linked, end, project: project);
                if (end is null)
                {
                    break;
                }

                start = end.Value.AddDays(random.Between(1, 60));
            }
        }

        if (random.Chance(0.3))
        {
            var point = random.Pick(county.Villages);
            Add(PairingProgram.ThreeLinks, PairingTargetKind.Village, point.Region.Name, point.Region,
                random.Date(new DateOnly(2020, 2, 1), new DateOnly(2020, 12, 31)), null, point.Region);
        }
    }

    private static List<T> Shuffled<T>(DemoRandom random, IEnumerable<T> items)
    {
        var list = items.ToList();
        random.Shuffle(list);
        return list;
    }

    /// <summary>Next village in the shuffled queue, so agencies spread over distinct villages until all are taken.</summary>
    private static UnitPlan Next(Queue<UnitPlan> queue, IReadOnlyList<UnitPlan> all, DemoRandom random)
    {
        if (queue.Count == 0)
        {
            foreach (var unit in Shuffled(random, all))
            {
                queue.Enqueue(unit);
            }
        }

        return queue.Dequeue();
    }

    private static string KindSuffix(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Committee => "委员会",
        OrganizationKind.GeneralBranch => "总支部委员会",
        _ => "支部委员会",
    };

    private static readonly string[] StateOwnedNames =
    [
        "国有资产投资经营有限公司", "城市建设投资集团有限公司", "交通建设投资有限公司", "林业投资发展有限公司", "水务集团有限公司",
        "文化旅游发展有限公司", "农业发展集团有限公司", "工业园区开发有限公司", "粮食购销有限公司", "融资担保有限公司",
        "人才发展集团有限公司", "公共交通有限公司",
    ];

    private static readonly string[] Industries =
    [
        "竹木制品", "林产化工", "食品", "机械制造", "纺织", "新材料", "水泥建材", "茶业", "食用菌", "生物科技", "矿业", "电子",
        "小吃文化", "光伏科技", "汽车配件", "家具", "医药", "钢铁制品",
    ];

    private static readonly string[] NewBusinessTrades =
    [
        "快递服务", "物流配送", "网络科技", "电子商务", "直播传媒", "同城配送", "供应链管理", "信息技术", "网约车服务", "跨境电商",
    ];

    private static readonly string[] NewBusinessCommunities =
    [
        "快递物流行业", "网约配送员", "网络直播电商", "网约车司机", "货车司机", "电子商务产业园", "快递网点联合", "外卖骑手",
        "互联网企业联合", "物流园区", "数字经济产业园", "新媒体从业人员",
    ];

    private static readonly string[] ProjectNames =
    [
        "经济开发区标准厂房项目", "智能制造基地项目", "冷链物流中心项目", "高速互通连接线工程", "城区污水处理厂提标改造工程",
        "林产品精深加工项目", "分布式光伏发电项目", "文旅康养综合体项目", "职业教育实训基地项目", "综合客运枢纽项目",
        "新型建材产业园项目", "农产品加工园项目", "安置房建设项目", "医院门急诊综合楼项目", "5G通信基础设施项目",
    ];

    private static readonly string[] TemporaryTasks =
    [
        "防汛救灾", "疫情防控", "人居环境整治", "森林防火", "征迁安置", "乡村振兴", "项目攻坚", "老旧小区改造", "文明城市创建",
    ];

    private static readonly string[] VanguardThemes =
    [
        "护林防火", "防汛抢险", "乡村振兴", "文明创建", "志愿服务", "产业发展", "疫情防控", "平安建设", "助企服务", "河湖管护",
        "矛盾调解", "红色宣讲",
    ];

    private static readonly string[] MobileDestinations = ["厦门", "福州", "深圳", "上海", "泉州", "广州"];

    private static readonly string[] YouthGroups = ["创业", "电商", "志愿者", "返乡人才", "科技"];

    private static readonly string[] SocialGroups =
    [
        "律师行业", "社会工作者协会", "义工联合会", "个体劳动者协会", "物业管理行业", "民办教育行业", "行业协会商会联合", "会计师行业",
    ];
}
