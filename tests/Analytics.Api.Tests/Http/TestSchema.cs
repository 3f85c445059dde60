using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.Tests.Http;

/// <summary>The smallest schema that exercises every transport behaviour.</summary>
public sealed class TestSchema : Schema
{
    public const string SecretInExceptionMessage = "connection string Password=hunter2";

    public TestSchema(IServiceProvider services)
        : base(services)
    {
        Query = new TestQuery();
        Mutation = new TestMutation();
    }

    private sealed class TestQuery : ObjectGraphType
    {
        public TestQuery()
        {
            Name = "Query";
            Field<StringGraphType>("hello")
                .Argument<StringGraphType>("name", argument => argument.DefaultValue = "world")
                .Resolve(context => $"Hello, {context.GetArgument<string>("name")}!");
            Field<NonNullGraphType<IntGraphType>>("add")
                .Argument<NonNullGraphType<IntGraphType>>("a")
                .Argument<NonNullGraphType<IntGraphType>>("b")
                .Resolve(context => context.GetArgument<int>("a") + context.GetArgument<int>("b"));
            Field<StringGraphType>("boom")
                .Resolve(_ => throw new InvalidOperationException(SecretInExceptionMessage));
            Field<StringGraphType>("refused")
                .Resolve(_ => throw new ExecutionError("Cases of another grid are not visible.") { Code = "FORBIDDEN_GRID" });
            Field<StringGraphType>("userContext")
                .Argument<NonNullGraphType<StringGraphType>>("key")
                .Resolve(context => context.UserContext.TryGetValue(context.GetArgument<string>("key"), out var value) ? value?.ToString() : null);
        }
    }

    private sealed class TestMutation : ObjectGraphType
    {
        public TestMutation()
        {
            Name = "Mutation";
            Field<IntGraphType>("increment").Resolve(_ => 1);
        }
    }
}
