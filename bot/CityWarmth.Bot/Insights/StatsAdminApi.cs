using CityWarmth.Bot.AdminApi;

namespace CityWarmth.Bot.Insights;

public static class StatsAdminApi
{
    /// <summary>Statistics for the last <c>days</c> days (1 to 90, default 30); <c>format=csv</c> gives the CSV.</summary>
    public static IEndpointRouteBuilder MapStatsAdminApi(this IEndpointRouteBuilder app)
    {
        app.MapAdminApiGroup("/api/admin/stats").WithTags("Admin").MapGet("/", async (int? days, string? format, ServiceStats stats, CancellationToken ct) =>
        {
            if (days is < 1 or > ServiceStats.MaxDays)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"days must be from 1 to {ServiceStats.MaxDays}.");
            }
            if (format is not (null or "json" or "csv"))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "format must be json or csv.");
            }
            var report = await stats.ComputeAsync(days ?? 30, ct);
            return format == "csv"
                ? Results.File(ServiceStatsCsv.Write(report), ServiceStatsCsv.ContentType, ServiceStatsCsv.FileName(report))
                : Results.Ok(report);
        });
        return app;
    }

    public static IServiceCollection AddServiceStats(this IServiceCollection services) => services.AddSingleton<ServiceStats>();
}
