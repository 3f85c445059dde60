using Analytics.Api.Cases;
using Analytics.Api.Ledgers;
using Analytics.Api.MicroWishes;
using Analytics.Api.Pairings;
using Analytics.Api.Ratings;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Mutations;

/// <summary>The root mutation: each feature folder adds its own fields.</summary>
public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        Description = "Writes. Each is validated, all-or-nothing and audited (auditEntries). A refused write answers its payload's "
            + "errors (typed, each an Error with a code); several in one document run in order, each reporting its own outcome.";
        CaseMutations.AddTo(this);
        PairingMutations.AddTo(this);
        MicroWishMutations.AddTo(this);
        RatingMutations.AddTo(this);
        LedgerMutations.AddTo(this);
    }
}
