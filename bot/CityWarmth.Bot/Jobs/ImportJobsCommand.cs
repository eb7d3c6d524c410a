using CityWarmth.Bot.Data;
using CityWarmth.Bot.Hosting;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.Jobs;

/// <summary>
/// <c>dotnet run --project bot/CityWarmth.Bot -- import-jobs &lt;file&gt;</c>: imports a CSV or JSON file of postings
/// into the configured database without starting the web server. Exit code 0 when imported, 1 when rejected, 2 on usage errors.
/// </summary>
public static class ImportJobsCommand
{
    public const string Verb = "import-jobs";


    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            await output.WriteLineAsync($"用法：{Verb} <文件.csv|文件.json> [--配置项=值 ...]");
            return 2;
        }
        var path = Path.GetFullPath(args[1]);
        if (!File.Exists(path))
        {
            await output.WriteLineAsync($"找不到文件：{path}");
            return 2;
        }

        // The same configuration and storage as the web host, built but never run.
        var builder = BotHost.CreateBuilder(args[2..]);
        builder.AddBotStorage();
        builder.Services.AddJobsStore();
        await using var app = builder.Build();

        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            await db.Database.MigrateSharedAsync();
        }

        var content = await File.ReadAllBytesAsync(path);
        if (JobFileReader.DetectFormat(path, null, content.AsSpan(0, Math.Min(content.Length, 64))) is not { } format)
        {
            await output.WriteLineAsync("文件是空的。");
            return 1;
        }

        JobImportReport report;
        try
        {
            report = await app.Services.GetRequiredService<JobImporter>().ImportAsync(content, format, CancellationToken.None);
        }
        catch (InvalidDataException ex)
        {
            await output.WriteLineAsync($"无法导入：{ex.Message}");
            return 1;
        }

        if (report.Succeeded)
        {
            await output.WriteLineAsync($"导入成功：共 {report.Rows} 行，新增 {report.Inserted}，更新 {report.Updated}。");
            return 0;
        }
        await output.WriteLineAsync($"导入失败，没有导入任何岗位：共 {report.Rows} 行，其中 {report.Rejected.Count} 行有问题。");
        foreach (var rejection in report.Rejected)
        {
            await output.WriteLineAsync($"  第 {rejection.Line} 行：{string.Join(" ", rejection.Errors)}");
        }
        return 1;
    }
}
