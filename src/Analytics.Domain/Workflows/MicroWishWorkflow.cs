namespace Analytics.Domain.Workflows;

/// <summary>What happens to a micro-wish after it is posted.</summary>
public enum MicroWishAction
{
    Verify = 1,
    Publish = 2,
    Claim = 3,
    Fulfil = 4,
    Publicize = 5,
}

/// <summary>微心愿: Posted → Verified → Published → Claimed → Fulfilled → Publicized, one step at a time.</summary>
public static class MicroWishWorkflow
{
    public static readonly StateMachine<MicroWishStatus, MicroWishAction> Machine = new("MicroWish",
    [
        (MicroWishStatus.Posted, MicroWishAction.Verify, MicroWishStatus.Verified),
        (MicroWishStatus.Verified, MicroWishAction.Publish, MicroWishStatus.Published),
        (MicroWishStatus.Published, MicroWishAction.Claim, MicroWishStatus.Claimed),
        (MicroWishStatus.Claimed, MicroWishAction.Fulfil, MicroWishStatus.Fulfilled),
        (MicroWishStatus.Fulfilled, MicroWishAction.Publicize, MicroWishStatus.Publicized),
    ]);

    public static void Verify(MicroWish wish, DateOnly on)
    {
        wish.Status = Machine.Next(wish.Status, MicroWishAction.Verify);
        wish.VerifiedOn = on;
    }

    public static void Publish(MicroWish wish, DateOnly on)
    {
        wish.Status = Machine.Next(wish.Status, MicroWishAction.Publish);
        wish.PublishedOn = on;
    }

    /// <summary>Claimed by one member or by an organization as a group: exactly one of the two.</summary>
    public static void Claim(MicroWish wish, int? memberId, int? organizationId, DateOnly on)
    {
        var next = Machine.Next(wish.Status, MicroWishAction.Claim);
        if (memberId.HasValue == organizationId.HasValue)
        {
            throw new DomainRuleException("memberId", "A micro-wish is claimed by one member or by one organization: give exactly one of memberId, organizationId.");
        }

        wish.ClaimedByMemberId = memberId;
        wish.ClaimedByOrganizationId = organizationId;
        wish.ClaimedOn = on;
        wish.Status = next;
    }

    public static void Fulfil(MicroWish wish, DateOnly on)
    {
        wish.Status = Machine.Next(wish.Status, MicroWishAction.Fulfil);
        wish.FulfilledOn = on;
    }

    public static void Publicize(MicroWish wish, DateOnly on)
    {
        wish.Status = Machine.Next(wish.Status, MicroWishAction.Publicize);
        wish.PublicizedOn = on;
    }
}
