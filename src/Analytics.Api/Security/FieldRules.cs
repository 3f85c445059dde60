using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Analytics.Api.Security;

/// <summary>
/// Which roles may select a field, declared as field metadata and checked for the whole document before execution
/// (<see cref="RoleValidationRule"/>), so a refused request runs nothing:
/// <list type="bullet">
/// <item><c>admin</c>: everything.</item>
/// <item><c>county-officer</c>: every query and mutation field except <see cref="AdminOnly{T}"/> ones (rows limited to its county by <see cref="AccessScope"/>).</item>
/// <item><c>analyst</c>: every query field except <see cref="AdminOnly{T}"/> and <see cref="Personal{T}"/> ones; no mutations.</item>
/// <item><c>publicity</c>: only root query fields marked <see cref="AllowPublicity{T}"/> (and, below them, anything not personal or admin-only).</item>
/// </list>
/// To open a new root field to publicity officers: <c>Field&lt;…&gt;("caseStudy")…AllowPublicity()</c>, or
/// <c>fieldType.Metadata[FieldRules.PublicityKey] = true</c>.
/// </summary>
public static class FieldRules
{
    public const string AdminOnlyKey = "analytics:adminOnly";
    public const string PersonalKey = "analytics:personal";
    public const string PublicityKey = "analytics:publicity";
    public const string MaskedKey = "analytics:masked";

    /// <summary>Only administrators may select it (audit trails, bulk imports).</summary>
    public static FieldBuilder<TSource, TReturn> AdminOnly<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field.WithMetadata(AdminOnlyKey, true);

    /// <summary>Personal data about a person (name, ID number, phone): administrators and county officers only.</summary>
    public static FieldBuilder<TSource, TReturn> Personal<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field.WithMetadata(PersonalKey, true);

    /// <summary>
    /// Personal data shown masked to all but administrators (ID numbers, phones): only administrators may filter or
    /// sort on it, or the filter would reveal what the mask hides.
    /// </summary>
    public static FieldBuilder<TSource, TReturn> Masked<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field.WithMetadata(PersonalKey, true).WithMetadata(MaskedKey, true);

    /// <summary>A root query field publicity officers may use (case studies, analytics).</summary>
    public static FieldBuilder<TSource, TReturn> AllowPublicity<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field.WithMetadata(PublicityKey, true);

    public static T AdminOnly<T>(this T field)
        where T : FieldType
    {
        field.Metadata[AdminOnlyKey] = true;
        return field;
    }

    public static T Personal<T>(this T field)
        where T : FieldType
    {
        field.Metadata[PersonalKey] = true;
        return field;
    }

    public static T AllowPublicity<T>(this T field)
        where T : FieldType
    {
        field.Metadata[PublicityKey] = true;
        return field;
    }

    /// <summary>Why <paramref name="caller"/> may not select <paramref name="field"/>, or null when it may.</summary>
    public static string? Refusal(Caller caller, FieldType field, bool isQueryRoot, bool isMutationRoot)
    {
        if (caller.Role == ApiRoles.Admin)
        {
            return null;
        }

        if (!caller.IsKnownRole)
        {
            return "no role";
        }

        if (field.GetMetadata(AdminOnlyKey, false))
        {
            return "administrators only";
        }

        if (field.GetMetadata(PersonalKey, false) && !caller.MayUsePersonalFields)
        {
            return "personal data";
        }

        if (isMutationRoot && caller.Role != ApiRoles.CountyOfficer)
        {
            return "read-only role";
        }

        if (isQueryRoot && caller.Role == ApiRoles.Publicity && !field.GetMetadata(PublicityKey, false))
        {
            return "not published";
        }

        return null;
    }
}

/// <summary>Refuses, before execution, every field the caller's role may not select (<c>FORBIDDEN</c>, HTTP 403).</summary>
public sealed class RoleValidationRule : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        // Without a caller (no request services) nothing is allowed: fail closed.
        var caller = context.RequestServices?.GetService<Caller>();
        if (caller?.Role == ApiRoles.Admin)
        {
            return default;
        }

        return new ValueTask<INodeVisitor?>(new MatchingNodeVisitor<GraphQLField>((node, validation) =>
        {
            if (node.Name.StringValue.StartsWith("__", StringComparison.Ordinal) || validation.TypeInfo.GetFieldDef() is not { } field)
            {
                return;
            }

            var parent = validation.TypeInfo.GetParentType()?.GetNamedType();
            var refusal = caller is null
                ? "no caller"
                : FieldRules.Refusal(caller, field, parent == validation.Schema.Query, parent is not null && parent == validation.Schema.Mutation);
            if (refusal is not null)
            {
                validation.ReportError(new ForbiddenFieldError(validation.Document.Source, node, $"{parent?.Name}.{field.Name}", caller?.Role ?? "", refusal));
            }
        }));
    }
}

public sealed class ForbiddenFieldError : ValidationError
{
    public ForbiddenFieldError(GraphQLParser.ROM source, ASTNode node, string field, string role, string reason)
        : base(source, null, $"The role '{role}' may not use {field} ({reason}).", node)
    {
        Code = AuthenticationInterceptor.ForbiddenCode;
    }
}
