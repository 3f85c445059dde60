using Analytics.Api.Auditing;
using Analytics.Api.GraphQL.Mutations;
using Analytics.Api.Security;
using Analytics.Data.Ledgers;
using Analytics.Domain;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace Analytics.Api.Ledgers;

/// <summary>
/// <c>importLedger</c>: a register (台账) of members, pairings or cases, sent as base64, imported all-or-nothing by the
/// same <see cref="LedgerImporter"/> as <c>etl import</c>. Following the mutation conventions, the payload's
/// <c>errors</c> lists every bad row (and a bad fileName or contentBase64) as a <c>LedgerError</c>, an <c>Error</c>;
/// when there is one, nothing is written.
/// </summary>
public static class LedgerMutations
{
    public static void AddTo(ObjectGraphType mutation)
    {
        var kind = new EnumerationGraphType<LedgerKind> { Name = "LedgerKind", Description = "Which register a ledger is." };
        var input = new InputObjectGraphType { Name = "ImportLedgerInput", Description = "Input of importLedger." };
        input.Field<NonNullGraphType<StringGraphType>>("fileName")
            .Description("The file's name; only its extension counts (.csv, .txt or .xlsx).");
        input.Field<NonNullGraphType<StringGraphType>>("contentBase64")
            .Description("The file's bytes, base64-encoded. The request body limit (GraphQL:Http:MaxRequestBodySize, 1 MiB by default) bounds it; import larger ledgers with `etl import`.");
        input.AddField(new FieldType { Name = "kind", ResolvedType = kind, Description = "The kind of ledger; inferred from the header row when omitted." });

        var error = new ObjectGraphType<LedgerError> { Name = "LedgerError", Description = "One problem of a ledger.", IsTypeOf = value => value is LedgerError };
        error.Interface<ErrorInterfaceType>();
        error.Field(e => e.Row, nullable: true).Description("Row as Excel shows it (the header is row 1); null for the whole file.");
        error.Field(e => e.Column, nullable: true).Description("The column's header.");
        error.Field(e => e.Code).Description("Stable code, e.g. MISSING_COLUMN, DUPLICATE_KEY, FILE_TOO_LARGE.");
        error.Field(e => e.Message).Description("What is wrong and what to do (ID numbers and phones masked).");

        var payload = new ObjectGraphType<LedgerImportResult> { Name = "ImportLedgerPayload", Description = "Result of importLedger." };
        payload.Field(r => r.Succeeded).Description("Every row was valid and the ledger is imported; false: nothing was written.");
        payload.AddField(new FieldType
        {
            Name = "kind", ResolvedType = kind, Description = "The kind of ledger read.",
            Resolver = new FuncFieldResolver<LedgerImportResult, LedgerKind?>(context => context.Source.Kind),
        });
        payload.Field(r => r.Format, nullable: true).Description("CSV or XLSX.");
        payload.Field(r => r.Encoding, nullable: true).Description("A CSV's text encoding as detected (UTF-8, GB18030 …).");
        payload.Field(r => r.RowsRead).Description("Data rows in the file.");
        payload.Field(r => r.Inserted).Description("Rows whose key was new.");
        payload.Field(r => r.Updated).Description("Rows that changed a stored row of the same key.");
        payload.Field(r => r.Unchanged).Description("Rows equal to what is stored (importing a file twice changes nothing).");
        payload.AddField(MutationPayloads.ErrorsField<LedgerImportResult>(
            "ImportLedger", "importLedger", r => r.Succeeded ? null : r.Errors, union => union.AddPossibleType(error)));
        payload.Fields.Find("errors")!.Description = "Every problem, bad rows in file order; null when the import succeeded.";

        // Admin only: an import writes rows of any county at once, beside the per-row county scope.
        mutation.AddField(new FieldType
        {
            Name = "importLedger",
            Description = "Imports a ledger (台账) of members (党员花名册), pairings (结对共建台账) or cases (民情诉求台账): every row is "
                + "validated first, nothing is written if one is bad, rows are matched by natural key so a second import changes nothing. Audited.",
            ResolvedType = payload,
            Arguments = new QueryArguments(new QueryArgument(new NonNullGraphType(input)) { Name = "input" }),
            Resolver = new FuncFieldResolver<LedgerImportResult>(ImportAsync),
        }.AdminOnly());
    }

    private static async ValueTask<LedgerImportResult?> ImportAsync(IResolveFieldContext context)
    {
        var input = context.GetArgument<Dictionary<string, object?>>("input");
        var fileName = (string)input["fileName"]!;
        if (PlainText.FirstForbidden(fileName) is { } forbidden)
        {
            return Rejected($"fileName holds the control character {PlainText.Describe(forbidden)}; control and text-direction characters are not allowed.");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String((string)input["contentBase64"]!);
        }
        catch (FormatException)
        {
            return Rejected("contentBase64 is not valid base64.");
        }

        var services = context.RequestServices!;
        var actor = services.GetRequiredService<ICurrentActor>().ToAuditActor();
        using var content = new MemoryStream(bytes, writable: false);
        return await services.GetRequiredService<LedgerImporter>().ImportAsync(
            content, fileName, input.TryGetValue("kind", out var kind) ? (LedgerKind?)kind : null, actor, context.CancellationToken);
    }

    /// <summary>A request whose file cannot be read at all: one whole-file error, <c>INVALID_INPUT</c>, nothing read.</summary>
    private static LedgerImportResult Rejected(string message) =>
        new(null, null, null, 0, 0, 0, 0, [new LedgerError(null, null, MutationErrors.InvalidInputCode, message)]);
}
