using System.Text;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Jobs;
using CityWarmth.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityWarmth.Bot.Tests.Jobs;

public sealed class JobImportTests : IDisposable
{
    private readonly BotApp _app = new(settings: new Dictionary<string, string?> { ["Jobs:LoadSamples"] = "false" });

    public void Dispose()
    {
        _app.Dispose();
        _app.DeleteData();
    }

    [Fact]
    public async Task GoodCsvIsImportedWhole()
    {
        var report = await ImportAsync(JobFiles.Csv(JobFiles.Row("A1"), JobFiles.Row("A2", title: "门卫"), JobFiles.Row("A3", phone: "0571-88886666")));

        Assert.True(report.Succeeded);
        Assert.Equal((3, 3, 0), (report.Rows, report.Inserted, report.Updated));
        var rows = await PostingsAsync();
        Assert.Equal(3, rows.Count);
        Assert.Contains(rows, r => r.Description == "夜班，\"有补贴\"" && r.HousingProvided && !r.MealsProvided && r.AgeMax == 60);
    }

    [Fact]
    public async Task BadRowsAreReportedWithTheirLinesAndReasons()
    {
        var csv = JobFiles.Csv(
            JobFiles.Row("B1", phone: "12345"),
            JobFiles.Row("B2", payMin: "6000", payMax: "5000"),
            JobFiles.Row("B3", title: "", posted: "2026-13-01"),
            JobFiles.Row("B4", posted: "2026-11-20", expires: "2026-11-01"));

        var report = await ImportAsync(csv);

        Assert.False(report.Succeeded);
        Assert.Equal([2, 3, 4, 5], report.Rejected.Select(r => r.Line));
        Assert.Contains("联系电话", Assert.Single(report.Rejected[0].Errors));
        Assert.Contains("最低工资 6000 高于最高工资 5000", report.Rejected[1].Errors[0]);
        Assert.Equal(2, report.Rejected[2].Errors.Count);
        Assert.Contains(report.Rejected[2].Errors, e => e.Contains("缺少岗位名称"));
        Assert.Contains(report.Rejected[2].Errors, e => e.Contains("不是日期"));
        Assert.Contains("早于发布日期", report.Rejected[3].Errors[0]);
        Assert.Empty(await PostingsAsync());
    }

    [Fact]
    public async Task OneBadRowStopsTheWholeFile()
    {
        var csv = JobFiles.Csv(JobFiles.Row("C1"), JobFiles.Row("C2"), JobFiles.Row("C3", payMin: "abc"), JobFiles.Row("C4"));

        var report = await ImportAsync(csv);

        Assert.False(report.Succeeded);
        Assert.Equal((4, 0), (report.Rows, report.Inserted));
        Assert.Equal(4, Assert.Single(report.Rejected).Line);
        Assert.Empty(await PostingsAsync());
    }

    [Fact]
    public async Task LinesCountFromTheFileEvenWithLineBreaksInsideQuotes()
    {
        var csv = JobFiles.Header + "\n" + JobFiles.Row("D1").Replace("夜班，", "夜班\n两班倒，") + "\n" + JobFiles.Row("D2", trade: "") + "\n";

        var report = await ImportAsync(csv);

        Assert.Equal(4, Assert.Single(report.Rejected).Line);
    }

    [Fact]
    public async Task DuplicateSourceIdsInOneFileAreRejected()
    {
        var report = await ImportAsync(JobFiles.Csv(JobFiles.Row("E1"), JobFiles.Row("E1")));

        Assert.Contains("与第 2 行重复", Assert.Single(report.Rejected).Errors[0]);
    }

    [Fact]
    public async Task ReimportingUpdatesBySourceId()
    {
        await ImportAsync(JobFiles.Csv(JobFiles.Row("F1"), JobFiles.Row("F2")));

        var report = await ImportAsync(JobFiles.Csv(JobFiles.Row("F1", title: "小区保安（涨薪）", payMin: "4500"), JobFiles.Row("F3")));

        Assert.Equal((1, 1), (report.Inserted, report.Updated));
        var rows = await PostingsAsync();
        Assert.Equal(3, rows.Count);
        Assert.Equal("小区保安（涨薪）", rows.Single(r => r.SourceId == "F1").Title);
    }

    [Fact]
    public async Task JsonWithChineseFieldNamesIsImportedAndBadEntriesGetTheirLine()
    {
        var json = """
            {
              "postings": [
                { "岗位名称": "仓管员", "工种": "仓管", "用人单位": "测试物流有限公司", "区": "北港区",
                  "最低工资": 5000, "联系电话": "13900002222", "发布日期": "2026-11-21", "来源编号": "G1" },
                { "title": "叉车司机", "trade": "叉车司机", "employer": "测试物流有限公司", "district": "北港区",
                  "payMin": 6000, "payUnit": "week", "contactPhone": "13900002222", "postedOn": "2026-11-21" }
              ]
            }
            """;

        var bad = await ImportAsync(json, JobFileFormat.Json);
        var good = await ImportAsync(json.Replace("\"week\"", "\"月\""), JobFileFormat.Json);

        var rejection = Assert.Single(bad.Rejected);
        Assert.Equal(5, rejection.Line);
        Assert.Contains("计薪方式", rejection.Errors[0]);
        Assert.True(good.Succeeded);
        Assert.Equal(2, good.Inserted);
    }

    [Fact]
    public async Task UnreadableJsonIsAnError()
    {
        await Assert.ThrowsAsync<InvalidDataException>(() => ImportAsync("[{\"title\": ", JobFileFormat.Json));
    }

    private async Task<JobImportReport> ImportAsync(string content, JobFileFormat format = JobFileFormat.Csv)
    {
        _ = _app.BaseAddress;
        return await _app.Services.GetRequiredService<JobImporter>().ImportAsync(Encoding.UTF8.GetBytes(content), format, default);
    }

    private async Task<List<JobPostingRecord>> PostingsAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>().CreateDbContextAsync();
        return await db.JobPostings.AsNoTracking().ToListAsync();
    }
}
