using Analytics.Api.Tests.Infrastructure;
using GraphQL;
using GraphQL.Utilities;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Snapshooter.Xunit;

namespace Analytics.Api.Tests.Contract;

[Collection(ApiCollection.Name)]
public sealed class SchemaSnapshotTests(ApiFactory factory)
{
    /// <summary>The public contract: any change to it shows up in review as a change to the .snap file.</summary>
    [Fact]
    public void Printed_schema_matches_the_reviewed_snapshot()
    {
        var schema = factory.Services.GetRequiredService<ISchema>();

        var sdl = schema.Print(new PrintOptions { IncludeDescriptions = true });

        Snapshot.Match(sdl);
    }
}
