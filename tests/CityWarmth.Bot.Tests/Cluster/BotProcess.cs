using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CityWarmth.Bot.Tests.Cluster;

/// <summary>
/// The built bot (bot/CityWarmth.Bot/bin/{configuration}) as a process of its own on a free loopback port, as a
/// deployment runs it; settings go in as environment variables. Its output is kept for failure messages.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BotProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the bot and waits until /health answers.</summary>
    public static async Task<BotProcess> StartAsync(IDictionary<string, string> settings, string? name = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [BotDll])
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Not ASPNETCORE_URLS: appsettings.json's Urls would win over it.
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = new Process { StartInfo = start };
        var bot = new BotProcess(process, port);
        process.OutputDataReceived += (_, e) => bot.Append(name, e.Data);
        process.ErrorDataReceived += (_, e) => bot.Append(name, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await bot.WaitHealthyAsync(TimeSpan.FromSeconds(150));
        return bot;
    }

    /// <summary>SIGKILL: no shutdown, no flush; the kernel closes its sockets.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            _process.WaitForExit(10_000);
        }
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    private async Task WaitHealthyAsync(TimeSpan limit)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The bot exited with {_process.ExitCode} while starting:\n{Output}");
            }
            try
            {
                using var response = await client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
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
                // Busy starting.
            }
            await Task.Delay(200);
        }
        Kill();
        throw new TimeoutException($"The bot did not answer /health within {limit.TotalSeconds} s:\n{Output}");
    }

    private void Append(string? name, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Append(name).Append("> ").AppendLine(line);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The folder holding CityWarmth.Bot.sln, above the test assembly.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The bot built in the configuration the tests were built in.</summary>
    public static string BotDll
    {
        get
        {
            var output = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);   // …/bin/{configuration}/{framework}
            var framework = Path.GetFileName(output);
            var configuration = Path.GetFileName(Path.GetDirectoryName(output))!;
            return Path.Combine(RepositoryRoot, "bot", "CityWarmth.Bot", "bin", configuration, framework, "CityWarmth.Bot.dll");
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CityWarmth.Bot.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("CityWarmth.Bot.sln not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // A polite stop (SIGTERM), then SIGKILL if it hangs.
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
            }
        }
        _process.Dispose();
    }
}
