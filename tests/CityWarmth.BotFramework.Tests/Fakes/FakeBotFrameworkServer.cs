using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CityWarmth.BotFramework.Tests.Fakes;

/// <summary>
/// A real Kestrel server on loopback standing in for the Bot Connector metadata, Entra ID metadata and the Entra ID
/// token endpoint. Keys can be rotated while it runs; every request is counted.
/// </summary>
internal sealed class FakeBotFrameworkServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly List<TestSigningKey> _channelKeys = [];
    private readonly List<TestSigningKey> _entraKeys = [];
    private int _channelMetadataRequests;
    private int _entraMetadataRequests;

    private FakeBotFrameworkServer(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    public string ChannelMetadataUrl => new Uri(BaseUri, "channel/.well-known/openidconfiguration").ToString();

    public string EntraMetadataUrl => new Uri(BaseUri, "entra/v2.0/.well-known/openid-configuration").ToString();

    public int ChannelMetadataRequests => Volatile.Read(ref _channelMetadataRequests);

    public int EntraMetadataRequests => Volatile.Read(ref _entraMetadataRequests);

    public ConcurrentQueue<TokenRequest> TokenRequests { get; } = new();

    public ConcurrentQueue<ManagedIdentityRequest> ManagedIdentityRequests { get; } = new();

    public string ManagedIdentityEndpoint => new Uri(BaseUri, "msi/token").ToString();

    /// <summary>When true, metadata endpoints answer 500.</summary>
    public bool MetadataFails { get; set; }

    public static async Task<FakeBotFrameworkServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeBotFrameworkServer(app);
        server.Map();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public void AddChannelKey(TestSigningKey key)
    {
        lock (_gate) _channelKeys.Add(key);
    }

    public void AddEntraKey(TestSigningKey key)
    {
        lock (_gate) _entraKeys.Add(key);
    }

    private void Map()
    {
        _app.MapGet("/channel/.well-known/openidconfiguration", () =>
        {
            Interlocked.Increment(ref _channelMetadataRequests);
            return Metadata("https://api.botframework.com", "channel/keys");
        });
        _app.MapGet("/channel/keys", () => Keys(_channelKeys));
        _app.MapGet("/entra/v2.0/.well-known/openid-configuration", () =>
        {
            Interlocked.Increment(ref _entraMetadataRequests);
            return Metadata("https://login.microsoftonline.com/{tenantid}/v2.0", "entra/keys");
        });
        _app.MapGet("/entra/keys", () => Keys(_entraKeys));
        MapManagedIdentity();
        _app.MapPost("/{tenant}/oauth2/v2.0/token", async (string tenant, HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            TokenRequests.Enqueue(new TokenRequest(
                tenant,
                request.Headers["X-Original-Host"].ToString(),
                form.ToDictionary(f => f.Key, f => f.Value.ToString())));
            return Results.Json(new
            {
                token_type = "Bearer",
                expires_in = 3600,
                ext_expires_in = 3600,
                access_token = $"access-token-{TokenRequests.Count}",
            });
        });
    }

    private void MapManagedIdentity()
    {
        // The App Service managed identity endpoint (api-version 2019-08-01).
        _app.MapGet("/msi/token", (HttpRequest request) =>
        {
            ManagedIdentityRequests.Enqueue(new ManagedIdentityRequest(
                request.Query["resource"].ToString(),
                request.Query["client_id"].ToString(),
                request.Headers["X-IDENTITY-HEADER"].ToString()));
            return Results.Json(new
            {
                access_token = $"msi-token-{ManagedIdentityRequests.Count}",
                expires_on = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                resource = request.Query["resource"].ToString(),
                token_type = "Bearer",
                client_id = request.Query["client_id"].ToString(),
            });
        });
    }

    private IResult Metadata(string issuer, string keysPath) => MetadataFails
        ? Results.StatusCode(StatusCodes.Status500InternalServerError)
        : Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer,
            ["jwks_uri"] = new Uri(BaseUri, keysPath).ToString(),
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        });

    private IResult Keys(List<TestSigningKey> keys)
    {
        if (MetadataFails)
        {
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        }

        lock (_gate)
        {
            return Results.Json(new { keys = keys.Select(k => k.ToJwk()).ToArray() });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A client-credentials request as the token endpoint received it.</summary>
    internal sealed record TokenRequest(string Tenant, string OriginalHost, IReadOnlyDictionary<string, string> Form);

    /// <summary>A managed identity token request as the endpoint received it.</summary>
    internal sealed record ManagedIdentityRequest(string Resource, string ClientId, string IdentityHeader);
}
