using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityWarmth.Bot.Insights.ConsolePages;

/// <summary>The statistics page: the admin API's figures as charts drawn on the server, and their CSV.</summary>
public sealed class StatsModel(ServiceStats stats) : PageModel
{
    public static readonly int[] Windows = [7, 30, 90];

    public ServiceStatsReport Report { get; private set; } = null!;

    public async Task OnGetAsync(int? days, CancellationToken cancellationToken)
    {
        Report = await stats.ComputeAsync(days ?? 30, cancellationToken);
        ViewData["Page"] = "stats";
    }

    public async Task<IActionResult> OnGetCsvAsync(int? days, CancellationToken cancellationToken)
    {
        var report = await stats.ComputeAsync(days ?? 30, cancellationToken);
        return File(ServiceStatsCsv.Write(report), ServiceStatsCsv.ContentType, ServiceStatsCsv.FileName(report));
    }

    /// <summary>A skill as admins read it.</summary>
    public static string SkillLabel(string skill) => skill switch
    {
        "policy" => "政策问答",
        "wageDispute" => "欠薪登记",
        "jobSearch" => "找工作",
        "handoff" => "转人工",
        "help" => "帮助",
        "fallback" => "没听懂",
        "none" => "无回复",
        _ => skill,
    };

    public static string CaseStatusLabel(string status) =>
        Enum.TryParse<Skills.WageDispute.WageCaseStatus>(status, out var s) ? Skills.WageDispute.WageCaseLifecycle.StatusLabel(s) : status;
}
