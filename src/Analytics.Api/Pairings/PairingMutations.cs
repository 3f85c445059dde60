using Analytics.Api.GraphQL;
using Analytics.Api.GraphQL.Mutations;
using Analytics.Domain;
using GraphQL.Types;

namespace Analytics.Api.Pairings;

/// <summary>结对共建 (四联四促, 三联共建…): create and end pairings, record the visits and joint activities held under them.</summary>
public static class PairingMutations
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Mutation("createPairing", "Links an organization to a village, community, enterprise or project under a program.", input =>
        {
            input.Field<NonNullGraphType<EnumerationGraphType<PairingProgram>>>("program");
            input.Field<NonNullGraphType<IdGraphType>>("organizationId").Description("The organization doing the linking (a PartyOrganization id).");
            input.Field<NonNullGraphType<EnumerationGraphType<PairingTargetKind>>>("targetKind");
            input.Field<NonNullGraphType<IdGraphType>>("targetId")
                .Description("A Region id of level VILLAGE or COMMUNITY for those kinds, an Enterprise id for ENTERPRISE, a Project id for PROJECT.");
            input.Field<NonNullGraphType<DateScalar>>("from").Description("First day; not in the future.");
        }, async m =>
        {
            var pairing = new Pairing
            {
                Program = m.Enum<PairingProgram>("program"),
                OrganizationId = m.Id<PartyOrganization>("organizationId"),
                TargetKind = m.Enum<PairingTargetKind>("targetKind"),
                From = m.PastDate("from"),
            };
            await m.ExistingAsync<PartyOrganization>("organizationId", pairing.OrganizationId);
            switch (pairing.TargetKind)
            {
                case PairingTargetKind.Village or PairingTargetKind.Community:
                    pairing.TargetRegionId = m.Id<Region>("targetId");
                    var region = await m.ExistingAsync<Region>("targetId", pairing.TargetRegionId.Value);
                    var level = pairing.TargetKind == PairingTargetKind.Village ? RegionLevel.Village : RegionLevel.Community;
                    if (region.Level != level)
                    {
                        throw MutationContext.Invalid("targetId", $"{region.Name} is a {region.Level}, not a {level}.");
                    }

                    break;
                case PairingTargetKind.Enterprise:
                    pairing.TargetEnterpriseId = m.Id<Enterprise>("targetId");
                    await m.ExistingAsync<Enterprise>("targetId", pairing.TargetEnterpriseId.Value);
                    break;
                default:
                    pairing.TargetProjectId = m.Id<Project>("targetId");
                    await m.ExistingAsync<Project>("targetId", pairing.TargetProjectId.Value);
                    break;
            }

            await m.RequireUniqueAsync<Pairing>(p => p.OrganizationId == pairing.OrganizationId && p.Program == pairing.Program
                    && p.TargetKind == pairing.TargetKind && p.TargetRegionId == pairing.TargetRegionId
                    && p.TargetEnterpriseId == pairing.TargetEnterpriseId && p.TargetProjectId == pairing.TargetProjectId && p.To == null,
                "targetId", "The organization is already paired with this target under this program.");
            m.Db.Pairings.Add(pairing);
            return pairing;
        });

        mutation.Mutation("endPairing", "Ends a pairing on its last day.", input =>
        {
            input.IdAndVersion("Pairing");
            input.Field<NonNullGraphType<DateScalar>>("to").Description("Last day of the pairing; not before it began.");
        }, async m =>
        {
            var to = m.Date("to");
            var pairing = await m.FindForUpdateAsync<Pairing>();
            if (pairing.To is not null)
            {
                throw MutationContext.Invalid("id", $"The pairing ended on {pairing.To:yyyy-MM-dd} already.");
            }

            if (to < pairing.From)
            {
                throw MutationContext.Invalid("to", $"to {to:yyyy-MM-dd} is before the pairing began ({pairing.From:yyyy-MM-dd}).");
            }

            pairing.To = to;
            return pairing;
        });

        mutation.Mutation("recordActivity", "Records a visit or joint activity (调研, 蹲点, 联合党课, 主题党日, 实践活动…), under a pairing when given.", input =>
        {
            input.Field<NonNullGraphType<EnumerationGraphType<ActivityKind>>>("kind");
            input.Field<NonNullGraphType<StringGraphType>>("title").Description("At most 200 characters.");
            input.Field<NonNullGraphType<DateScalar>>("date").Description("Not in the future.");
            input.Field<NonNullGraphType<IdGraphType>>("organizationId").Description("The organization holding it (a PartyOrganization id).");
            input.Field<NonNullGraphType<IdGraphType>>("regionId").Description("Where it took place (a Region id).");
            input.Field<IdGraphType>("gridId").Description("The grid, for grid activities (a Grid id).");
            input.Field<IdGraphType>("pairingId").Description("The pairing it was held under (a Pairing id of the same organization).");
            input.Field<NonNullGraphType<IntGraphType>>("participants").Description("0–100000.");
            input.Field<NonNullGraphType<IntGraphType>>("cadreCount").Description("Party cadres attending, 0 to participants.");
        }, async m =>
        {
            var activity = new Activity
            {
                Kind = m.Enum<ActivityKind>("kind"),
                Title = m.Text("title", 200),
                Date = m.PastDate("date"),
                OrganizationId = m.Id<PartyOrganization>("organizationId"),
                RegionId = m.Id<Region>("regionId"),
                GridId = m.OptionalId<Grid>("gridId"),
                PairingId = m.OptionalId<Pairing>("pairingId"),
                Participants = m.Int("participants", 0, 100_000),
            };
            activity.CadreCount = m.Int("cadreCount", 0, activity.Participants);
            await m.ExistingAsync<PartyOrganization>("organizationId", activity.OrganizationId);
            await m.ExistingAsync<Region>("regionId", activity.RegionId);
            if (activity.GridId is { } gridId)
            {
                await m.ExistingAsync<Grid>("gridId", gridId);
            }

            if (activity.PairingId is { } pairingId)
            {
                var pairing = await m.ExistingAsync<Pairing>("pairingId", pairingId);
                if (pairing.OrganizationId != activity.OrganizationId)
                {
                    throw MutationContext.Invalid("pairingId", "The pairing belongs to another organization.");
                }
            }

            m.Db.Activities.Add(activity);
            return activity;
        });
    }
}
