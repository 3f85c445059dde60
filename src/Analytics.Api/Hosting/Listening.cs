using Microsoft.AspNetCore.Connections;

namespace Analytics.Api.Hosting;

/// <summary>Runs the API; an address another process holds is one line naming it and how to choose another.</summary>
public static class Listening
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <summary>
    /// Keeps the host's own "Hosting failed to start" entry (a 30-line stack) out of the log while the API starts:
    /// <see cref="RunOrExplainAsync"/> explains a taken address in one line, and any other start-up failure is rethrown
    /// with its stack by the runtime. Once started, the host's errors (a failed background service) are logged as ever.
    /// </summary>
    public static IHostApplicationBuilder AddStartupFailureExplanation(this IHostApplicationBuilder builder)
    {
        var state = new StartState();
        builder.Services.AddSingleton(state);
        builder.Logging.AddFilter(HostCategory, level => level >= LogLevel.Information && (state.Started || level < LogLevel.Error));
        return builder;
    }

    /// <summary>0 after a normal shutdown; 1, with one <c>error:</c> line and no stack trace, when the address is taken.</summary>
    public static async Task<int> RunOrExplainAsync(this WebApplication app)
    {
        var urls = app.Urls.Count > 0 ? string.Join(";", app.Urls) : app.Configuration["urls"] ?? "http://localhost:5080";
        if (app.Services.GetService<StartState>() is { } state)
        {
            app.Lifetime.ApplicationStarted.Register(() => state.Started = true);
        }

        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (ex is AddressInUseException || ex.InnerException is AddressInUseException)
        {
            await Console.Error.WriteLineAsync(
                $"error: cannot listen on {urls}: the port is already in use (is the API already running?). Stop that "
                + "process, or choose another address, e.g. --urls http://localhost:5081 (or Urls=… in the environment).");
            return 1;
        }
    }

    private sealed class StartState
    {
        public volatile bool Started;
    }
}
