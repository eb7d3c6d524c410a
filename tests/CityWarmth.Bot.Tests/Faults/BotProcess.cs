using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CityWarmth.Bot.Tests.Faults;

/// <summary>
/// The already-built bot (the CityWarmth.Bot.dll beside the tests) as a separate OS process on a free loopback port,
/// with its own data folder, so a test can kill it for real.
/// </summary>
public sealed class BotProcess : IDisposable
{
    // Generous: a cold start (migrations, index, classifier) on a busy 2-core machine; the tests are about durability.
    private const int StartupSeconds = 180;

    private readonly Process _process;

    private BotProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<BotProcess> StartAsync(string dataPath, IDictionary<string, string>? settings = null)
    {
        var botDll = typeof(Program).Assembly.Location;
        var port = FreePort();
        var start = new ProcessStartInfo(DotnetHost())
        {
            // A working folder without appsettings.json: the copy beside the binaries is used, as when deployed.
            WorkingDirectory = dataPath,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(botDll);
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Storage__DataPath"] = dataPath;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        if (Infrastructure.TestDatabase.PostgresServer is { } server)
        {
            start.Environment["Storage__Provider"] = "Postgres";
            start.Environment["ConnectionStrings__CityWarmth"] = Infrastructure.TestDatabase.EnsureDatabase(server, "cw_" + Path.GetFileName(dataPath));
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The bot process did not start.");
        // Drain the pipes so a chatty process never blocks on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var bot = new BotProcess(process, new Uri($"http://127.0.0.1:{port}"));
        await bot.WaitUntilHealthyAsync();
        return bot;
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>SIGKILL: no shutdown hooks, no flushing, exactly like a crash.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(StartupSeconds);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The bot process exited with code {_process.ExitCode} before it was healthy.");
            }
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting.
            }
            await Task.Delay(200);
        }
        Kill();
        throw new TimeoutException($"The bot process did not become healthy within {StartupSeconds} seconds.");
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
