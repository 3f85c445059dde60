using Analytics.Domain.Workflows;

namespace Analytics.Domain.Tests;

public sealed class MicroWishWorkflowTests
{
    private static readonly DateOnly _today = new(2024, 5, 4);

    private static readonly Dictionary<(MicroWishStatus, MicroWishAction), MicroWishStatus> _legal = new()
    {
        [(MicroWishStatus.Posted, MicroWishAction.Verify)] = MicroWishStatus.Verified,
        [(MicroWishStatus.Verified, MicroWishAction.Publish)] = MicroWishStatus.Published,
        [(MicroWishStatus.Published, MicroWishAction.Claim)] = MicroWishStatus.Claimed,
        [(MicroWishStatus.Claimed, MicroWishAction.Fulfil)] = MicroWishStatus.Fulfilled,
        [(MicroWishStatus.Fulfilled, MicroWishAction.Publicize)] = MicroWishStatus.Publicized,
    };

    public static TheoryData<MicroWishStatus, MicroWishAction> EveryPair()
    {
        var data = new TheoryData<MicroWishStatus, MicroWishAction>();
        foreach (var status in Enum.GetValues<MicroWishStatus>())
        {
            foreach (var action in Enum.GetValues<MicroWishAction>())
            {
                data.Add(status, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Every_state_and_action_pair_is_legal_exactly_when_the_workflow_says_so(MicroWishStatus from, MicroWishAction action)
    {
        var wish = new MicroWish { Title = "一个书包", Status = from };

        if (_legal.TryGetValue((from, action), out var expected))
        {
            Apply(wish, action);
            Assert.Equal(expected, wish.Status);
        }
        else
        {
            var error = Assert.Throws<InvalidTransitionException>(() => Apply(wish, action));
            Assert.Equal("MicroWish", error.Workflow);
            Assert.Equal(from, wish.Status);
            Assert.Null(wish.VerifiedOn ?? wish.PublishedOn ?? wish.ClaimedOn ?? wish.FulfilledOn ?? wish.PublicizedOn);
            Assert.Null(wish.ClaimedByMemberId);
        }
    }

    [Fact]
    public void The_machine_holds_no_transition_the_specification_lacks() =>
        Assert.Equal(_legal.Count, MicroWishWorkflow.Machine.Transitions.Count());

    [Theory]
    [InlineData(null, null)]
    [InlineData(3, 4)]
    public void A_claim_names_exactly_one_member_or_one_organization(int? memberId, int? organizationId)
    {
        var wish = new MicroWish { Title = "一个书包", Status = MicroWishStatus.Published };

        Assert.Throws<DomainRuleException>(() => MicroWishWorkflow.Claim(wish, memberId, organizationId, _today));
        Assert.Equal(MicroWishStatus.Published, wish.Status);
    }

    [Fact]
    public void A_group_claim_records_the_organization()
    {
        var wish = new MicroWish { Title = "一个书包", Status = MicroWishStatus.Published };

        MicroWishWorkflow.Claim(wish, null, 12, _today);

        Assert.Equal((MicroWishStatus.Claimed, (int?)null, (int?)12, (DateOnly?)_today),
            (wish.Status, wish.ClaimedByMemberId, wish.ClaimedByOrganizationId, wish.ClaimedOn));
    }

    private static void Apply(MicroWish wish, MicroWishAction action)
    {
        switch (action)
        {
            case MicroWishAction.Verify: MicroWishWorkflow.Verify(wish, _today); break;
            case MicroWishAction.Publish: MicroWishWorkflow.Publish(wish, _today); break;
            case MicroWishAction.Claim: MicroWishWorkflow.Claim(wish, 5, null, _today); break;
            case MicroWishAction.Fulfil: MicroWishWorkflow.Fulfil(wish, _today); break;
            case MicroWishAction.Publicize: MicroWishWorkflow.Publicize(wish, _today); break;
            default: throw new ArgumentOutOfRangeException(nameof(action));
        }
    }
}
