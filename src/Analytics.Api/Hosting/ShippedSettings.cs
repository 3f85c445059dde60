using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Analytics.Api.Hosting;

public static class ShippedSettings
{
    /// <summary>
    /// Makes the <c>appsettings*.json</c> shipped beside the binaries the lowest-priority configuration.
    /// </summary>
    /// <remarks>
    /// <c>dotnet run</c> works from the repository root (so the API and the ETL share <c>data/</c>), which makes the
    /// repository root the content root, where no appsettings.json lives. The build copies them next to the binaries;
    /// reading them from there first keeps the documented defaults, and a deployment's own appsettings.json in its
    /// content root, environment variables and the command line still override them.
    /// </remarks>
    public static IHostApplicationBuilder AddShippedSettings(this IHostApplicationBuilder builder)
    {
        var shipped = new PhysicalFileProvider(AppContext.BaseDirectory);
        var files = new[] { "appsettings.json", $"appsettings.{builder.Environment.EnvironmentName}.json" };
        var sources = ((IConfigurationBuilder)builder.Configuration).Sources;
        for (var i = files.Length - 1; i >= 0; i--)
        {
            sources.Insert(0, new JsonConfigurationSource { FileProvider = shipped, Path = files[i], Optional = true, ReloadOnChange = false });
        }

        return builder;
    }
}
