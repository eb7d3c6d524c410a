using System.Security.Cryptography;
using System.Text;
using CityWarmth.Bot.Data;
using CityWarmth.Knowledge.Indexing;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CityWarmth.Bot.Operations;

/// <summary>Settings of the operations endpoints, section <c>Operations</c>.</summary>
public sealed class OperationsOptions
{
    public const string SectionName = "Operations";

    /// <summary>Serve the Prometheus scrape endpoint at <c>/metrics</c>.</summary>
    public bool PrometheusEnabled { get; set; } = true;

    /// <summary>
    /// When set, <c>/metrics</c> answers only a scrape that carries <c>Authorization: Bearer</c> with this value
    /// (Prometheus' <c>authorization: { credentials: … }</c>); when empty it answers anyone who reaches it.
    /// </summary>
    public string? MetricsToken { get; set; }

    /// <summary>
    /// Where traces go over OTLP (e.g. <c>http://collector:4317</c>); no traces are made while empty. The standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable works as well.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (the collector's port 4317) or <c>http/protobuf</c> (port 4318, <c>/v1/traces</c>).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>The OTLP settings, checked: an absolute http(s) URL and a known protocol.</summary>
    public (Uri Endpoint, OtlpExportProtocol Protocol)? Otlp(string? fallbackEndpoint)
    {
        var endpoint = string.IsNullOrWhiteSpace(OtlpEndpoint) ? fallbackEndpoint : OtlpEndpoint;
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }
        if (!Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"{SectionName}:OtlpEndpoint must be an absolute http or https URL, not '{endpoint}'.");
        }
        var protocol = OtlpProtocol.Trim().ToLowerInvariant() switch
        {
            "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            _ => throw new InvalidOperationException($"{SectionName}:OtlpProtocol must be grpc or http/protobuf, not '{OtlpProtocol}'."),
        };
        // Set in code, the HTTP exporter posts to the endpoint as given: it needs the signal's path.
        if (protocol == OtlpExportProtocol.HttpProtobuf && !uri.AbsolutePath.EndsWith("/v1/traces", StringComparison.Ordinal))
        {
            uri = new Uri(uri, uri.AbsolutePath.TrimEnd('/') + "/v1/traces");
        }
        return (uri, protocol);
    }
}

/// <summary>
/// Health checks and OpenTelemetry in the ASP.NET Core way (as eShop's ServiceDefaults do): <c>/healthz</c> says the
/// process answers, <c>/readyz</c> that the database answers and the knowledge index is loaded; metrics (ASP.NET Core's
/// and the bot's own) on <c>/metrics</c> in Prometheus format; traces through OTLP when an endpoint is set.
/// </summary>
public static class OperationsServiceCollectionExtensions
{
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(OperationsOptions.SectionName).Get<OperationsOptions>() ?? new OperationsOptions();
        builder.Services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.SectionName);
        builder.Services.AddSingleton<BotMetrics>();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<KnowledgeIndexHealthCheck>("knowledge-index", tags: [ReadyTag]);

        var otlp = options.Otlp(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("citywarmth-bot"))
            .WithMetrics(m =>
            {
                // ASP.NET Core's own meters (request duration, active requests, Kestrel) are always on in .NET; this
                // only listens to them, so /api/messages pays one histogram record per request.
                m.AddAspNetCoreInstrumentation().AddMeter(BotMetrics.MeterName);
                if (options.PrometheusEnabled)
                {
                    m.AddPrometheusExporter();
                }
            });
        if (otlp is { } exporter)
        {
            telemetry.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsOperationsPath(context.Request.Path))
                .AddOtlpExporter(o =>
                {
                    o.Endpoint = exporter.Endpoint;
                    o.Protocol = exporter.Protocol;
                }));
        }
        return builder;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        // The plain liveness answer that scripts and older probes use.
        app.MapGet("/health", () => Results.Ok(new { status = "ok" })).ExcludeFromDescription();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).ShortCircuit().ExcludeFromDescription();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).ShortCircuit().ExcludeFromDescription();
        var options = app.Configuration.GetSection(OperationsOptions.SectionName).Get<OperationsOptions>() ?? new OperationsOptions();
        if (options.PrometheusEnabled)
        {
            var token = string.IsNullOrWhiteSpace(options.MetricsToken) ? null : Encoding.UTF8.GetBytes(options.MetricsToken.Trim());
            if (token is null && !app.Environment.IsDevelopment())
            {
                app.Logger.LogWarning("/metrics is served to anyone who reaches it: set Operations:MetricsToken, or keep it inside the network.");
            }
            app.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null, configureBranchedPipeline: token is null ? null : scrape =>
                scrape.Use((context, next) => HasBearer(context.Request, token) ? next(context) : Unauthorized(context)), optionsName: null)
                .ShortCircuit();
        }
        return app;
    }

    private static bool HasBearer(HttpRequest request, byte[] token)
    {
        var header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()), token);
    }

    private static Task Unauthorized(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "A scrape token is required",
            detail: "Send Authorization: Bearer with the value of Operations:MetricsToken.").ExecuteAsync(context);
    }

    private static bool IsOperationsPath(PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/metrics");
}

/// <summary>The bot's database answers a query.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<BotDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database cannot be reached.");
            }
            // The schema is there, not only the server.
            await db.Conversations.AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database failed a query.", ex);
        }
    }
}

/// <summary>The published knowledge is loaded into a searchable index with passages in it.</summary>
public sealed class KnowledgeIndexHealthCheck(PolicyIndexHolder holder) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var documents = holder.Use(index => index.Corpus.Documents.Count);
            return Task.FromResult(documents > 0
                ? HealthCheckResult.Healthy($"{documents} documents")
                : HealthCheckResult.Unhealthy("The knowledge index is empty."));
        }
        catch (Exception ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The knowledge index is not loaded.", ex));
        }
    }
}
