using Analytics.Api.GraphQL;
using Analytics.Api.GraphQL.Querying;
using Analytics.Domain;
using GraphQL.Types;

namespace Analytics.Api.Auditing;

public sealed class AuditEntryGraphType : EntityGraphType<AuditEntry>
{
    public AuditEntryGraphType()
        : base("操作留痕: one row inserted, changed or deleted through the API or an import — who, when, which operation, values before and after.")
    {
        Field(x => x.At).Description("When the change was saved (UTC).");
        Field(x => x.Actor).Description("Who made it.");
        Field(x => x.ActorRole);
        Field(x => x.Operation).Description("The mutation or import that made it, e.g. classifyCase.");
        Field(x => x.EntityType).Description("The type of the object changed, e.g. Case.");
        Field<NonNullGraphType<IdGraphType>>("entityId")
            .Description("Global id of the object changed (node(id:) fetches it while it exists).")
            .Requires(nameof(AuditEntry.EntityType), nameof(AuditEntry.EntityId))
            .Resolve(context => GlobalId.Encode(context.Source.EntityType, context.Source.EntityId));
        Field(x => x.Change);
        Field(x => x.Before, nullable: true).Description("Changed values before, a JSON object; null for an insert. Personal data shows only as changed.");
        Field(x => x.After, nullable: true).Description("Changed values after, a JSON object; null for a delete.");
        UpdatedAtField();
    }
}
