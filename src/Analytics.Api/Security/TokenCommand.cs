using Analytics.Data;

namespace Analytics.Api.Security;

/// <summary>
/// <c>dotnet run --project src/Analytics.Api -- token --role county-officer --county 永安市 [--name 王芳] [--hours 8]</c>:
/// prints a signed token and exits, without starting the server. A <c>--county</c> is checked against the operational
/// store's county-level units now, not when the token is first used.
/// </summary>
public static class TokenCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "token";

    public static async Task<int> RunAsync(
        string[] args, IConfiguration configuration, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                return Usage(error, $"Unexpected argument '{args[i]}'.");
            }

            values[args[i][2..]] = args[++i];
        }

        if (values.Keys.Except(["role", "county", "name", "hours"]).FirstOrDefault() is { } unknown)
        {
            return Usage(error, $"Unknown option --{unknown}.");
        }

        if (!values.TryGetValue("role", out var role))
        {
            return Usage(error, "--role is required.");
        }

        var options = configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        var hours = 8;
        if (values.TryGetValue("hours", out var text) && (!int.TryParse(text, out hours) || hours < 1 || hours > options.MaxTokenHours))
        {
            return Usage(error, $"--hours must be 1 to {options.MaxTokenHours}.");
        }

        if (values.TryGetValue("county", out var county) && await UnknownCountyAsync(county.Trim(), configuration, cancellationToken) is { } problem)
        {
            return Usage(error, problem);
        }

        try
        {
            var issuer = new TokenIssuer(options, TimeProvider.System);
            output.WriteLine(issuer.Issue(new TokenRequest(role, values.GetValueOrDefault("county"), values.GetValueOrDefault("name"), TimeSpan.FromHours(hours))));
            return 0;
        }
        catch (ArgumentException exception)
        {
            return Usage(error, exception.Message.Replace($" (Parameter '{exception.ParamName}')", "", StringComparison.Ordinal));
        }
        catch (InvalidOperationException exception)
        {
            return Usage(error, exception.Message);
        }
    }

    /// <summary>Why <paramref name="county"/> cannot be named in a token (listing the counties there are), or null.</summary>
    private static async Task<string?> UnknownCountyAsync(string county, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var provider = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        var connection = configuration.GetConnectionString(OperationalStoreExtensions.ConnectionStringName);
        try
        {
            var contexts = OperationalStoreExtensions.CreateFactory(provider, connection);
            if (await OperationalStore.NotReadyReasonAsync(contexts, provider, connection, cancellationToken) is { } reason)
            {
                return $"Cannot check --county {county}: {reason}; start the API once (it creates and seeds the store) or set ConnectionStrings:Operational.";
            }

            var counties = await new CountyDirectory(contexts).NamesAsync(cancellationToken);
            return counties.Contains(county, StringComparer.Ordinal)
                ? null
                : $"'{county}' is not a county-level unit; one of: {string.Join(", ", counties)}.";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return $"Cannot check --county {county}: the operational store cannot be read ({ex.Message.Split('\n')[0].Trim()}).";
        }
    }

    private static int Usage(TextWriter error, string message)
    {
        error.WriteLine(message);
        error.WriteLine($"usage: token --role <{string.Join("|", ApiRoles.All)}> [--county 永安市] [--name 王芳] [--hours 8]");
        return 2;
    }
}
