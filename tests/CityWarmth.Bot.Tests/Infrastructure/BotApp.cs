using System.Net.Http.Json;
using System.Data.Common;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CityWarmth.Bot.Tests.Infrastructure;

/// <summary>
/// The real bot on Kestrel at a free loopback port, with its own SQLite file in a temporary folder.
/// Settings go through host configuration so that eager reads in Program.cs see them.
/// Dispose stops the app; the data folder survives until <see cref="DeleteData"/> so a test can restart on it.
/// </summary>
public sealed class BotApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly System.Net.IPAddress _listenOn;

    /// <param name="dataPath">Reuse another app's data folder (a restart); a fresh folder when null.</param>
    /// <param name="settings">Configuration overrides, as if written in appsettings.json.</param>
    /// <param name="services">Replaces services after the app registered its own (e.g. a fake clock).</param>
    /// <param name="listenOn">The address to listen on; loopback unless a test needs a caller from another machine.</param>
    public BotApp(string? dataPath = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, System.Net.IPAddress? listenOn = null)
    {
        _services = services;
        _listenOn = listenOn ?? System.Net.IPAddress.Loopback;
        DataPath = dataPath ?? Path.Combine(Path.GetTempPath(), "citywarmth-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataPath);
        _settings = new Dictionary<string, string?>
        {
            ["Storage:DataPath"] = DataPath,
            ["Urls"] = null,
        };
        if (TestDatabase.PostgresServer is { } server)
        {
            // The whole suite also runs against PostgreSQL: one database per data folder, so a restart finds its data.
            _settings["Storage:Provider"] = "Postgres";
            _settings["ConnectionStrings:CityWarmth"] = TestDatabase.EnsureDatabase(server, "cw_" + Path.GetFileName(DataPath));
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
        if (listenOn is null)
        {
            UseKestrel(0);
        }
        else
        {
            UseKestrel(o => o.Listen(listenOn, 0));
        }
    }

    public string DataPath { get; }

    /// <summary>What starting the bot with these settings throws (the test fails when it starts).</summary>
    public static Exception StartFailure(IDictionary<string, string?> settings)
    {
        Exception Attempt()
        {
            using var app = new BotApp(settings: settings);
            try
            {
                return Assert.ThrowsAny<Exception>(() => app.CreateHttpClient());
            }
            finally
            {
                app.DeleteData();
            }
        }

        var error = Attempt();
        // Under load the test host can trip over the host its failed start-up has just disposed; validation itself is
        // deterministic, so a second start shows it.
        return error.GetBaseException() is ObjectDisposedException ? Attempt() : error;
    }

    /// <summary>The PostgreSQL database of this app, or null when it runs on its SQLite file.</summary>
    public string? PostgresConnectionString => _settings.GetValueOrDefault("ConnectionStrings:CityWarmth");

    /// <summary>The SQLite file the app uses when no PostgreSQL server is configured.</summary>
    public string SqliteFile => Path.Combine(DataPath, "citywarmth.db");

    /// <summary>
    /// A connection to this app's database from outside the bot (not through its EF Core contexts), as another process
    /// or an operator's tool would open one. Pooling is off so disposing really closes it.
    /// </summary>
    public async Task<DbConnection> OpenOutsideConnectionAsync()
    {
        DbConnection connection = PostgresConnectionString is { } postgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Pooling = false }.ConnectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = SqliteFile, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>
    /// An EF Core context on this app's database from outside the bot, for a database shaped by hand (an older release's
    /// schema, rows the bot never wrote). Pooling is off so disposing really closes it.
    /// </summary>
    public BotDbContext OpenOutsideContext() => PostgresConnectionString is { } postgres
        ? new PostgresBotDbContext(new DbContextOptionsBuilder<PostgresBotDbContext>().UseNpgsql(new NpgsqlConnectionStringBuilder(postgres) { Pooling = false }.ConnectionString).Options)
        : new SqliteBotDbContext(new DbContextOptionsBuilder<SqliteBotDbContext>().UseSqlite($"Data Source={SqliteFile};Pooling=False").Options);

    /// <summary>The storage settings as command-line arguments, for running the bot's commands on this app's data.</summary>
    public IReadOnlyList<string> StorageArguments =>
        [.. _settings.Where(s => s.Key.StartsWith("Storage:", StringComparison.Ordinal) || s.Key.StartsWith("ConnectionStrings:", StringComparison.Ordinal))
            .Where(s => s.Value is not null)
            .Select(s => $"--{s.Key}={s.Value}")];

    /// <summary>The base address of the running server, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(_settings));
        return base.CreateHost(builder);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseKestrel(o => o.Listen(_listenOn, 0));
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    /// <summary>The server's address on <paramref name="address"/> (see the listenOn parameter).</summary>
    public Uri AddressOn(System.Net.IPAddress address)
    {
        StartServer();
        var listening = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        var port = listening.Select(a => new Uri(a.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://[::]", "://0.0.0.0", StringComparison.Ordinal)))
            .First(u => u.Host == _listenOn.ToString() || _listenOn.Equals(System.Net.IPAddress.Any)).Port;
        return new Uri($"http://{address}:{port}/");
    }

    public HttpClient CreateHttpClient()
    {
        StartServer();
        return new HttpClient { BaseAddress = ClientOptions.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Posts an activity with deliveryMode expectReplies and returns the replies.</summary>
    public async Task<IReadOnlyList<Activity>> AskAsync(HttpClient client, Activity activity)
    {
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        var response = await client.PostAsJsonAsync("/api/messages", activity, ProtocolJson.Options);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<ExpectedReplies>(ProtocolJson.Options);
        return body!.Activities;
    }

    public void DeleteData()
    {
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing on a slow disk; the OS temp cleaner takes it later.
        }
    }
}

/// <summary>
/// This machine's first non-loopback IPv4 address: a test server bound there sees a caller that is not on loopback
/// (the same machine, but not a local caller as far as the bot can tell). Null when the machine has none.
/// </summary>
public static class NetworkAddresses
{
    public static System.Net.IPAddress? NonLoopback { get; } = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
        .Where(n => n.OperationalStatus == System.Net.NetworkInformation.OperationalStatus.Up && n.NetworkInterfaceType != System.Net.NetworkInformation.NetworkInterfaceType.Loopback)
        .SelectMany(n => n.GetIPProperties().UnicastAddresses)
        .Select(a => a.Address)
        .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(a));
}

/// <summary>A fact that needs a non-loopback address on this machine; skipped (and says why) without one.</summary>
public sealed class NonLoopbackFactAttribute : FactAttribute
{
    public NonLoopbackFactAttribute()
    {
        if (NetworkAddresses.NonLoopback is null)
        {
            Skip = "This machine has no non-loopback IPv4 address to receive a caller from another machine.";
        }
    }
}

/// <summary>Builders for the activities channels send.</summary>
public static class TestActivities
{
    public static Activity Message(string text, string conversationId = "conv-1", string userId = "worker-1", string channelId = "emulator") => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N")[..12],
        ChannelId = channelId,
        ServiceUrl = "http://127.0.0.1:9/",
        From = new ChannelAccount { Id = userId, Name = "工友" },
        Recipient = new ChannelAccount { Id = "bot", Name = "城暖助手" },
        Conversation = new ConversationAccount { Id = conversationId },
        Locale = "zh-CN",
        Text = text,
        Timestamp = DateTimeOffset.UtcNow,
    };

    public static Activity WorkerJoined(string conversationId = "conv-1", string userId = "worker-1") => new()
    {
        Type = ActivityTypes.ConversationUpdate,
        Id = Guid.NewGuid().ToString("N")[..12],
        ChannelId = "emulator",
        ServiceUrl = "http://127.0.0.1:9/",
        From = new ChannelAccount { Id = userId },
        Recipient = new ChannelAccount { Id = "bot", Name = "城暖助手" },
        Conversation = new ConversationAccount { Id = conversationId },
        MembersAdded = [new ChannelAccount { Id = userId }, new ChannelAccount { Id = "bot" }],
    };
}
