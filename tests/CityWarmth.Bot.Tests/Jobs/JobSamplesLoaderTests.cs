using CityWarmth.Bot.Data;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.Skills.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityWarmth.Bot.Tests.Jobs;

public sealed class JobSamplesLoaderTests
{
    [Fact]
    public async Task SamplesLoadOnFirstRunOnlyAndAreSearchable()
    {
        var app = new BotApp();
        try
        {
            _ = app.BaseAddress;
            var firstCount = await CountAsync(app);
            var security = await app.Services.GetRequiredService<JobSearchEngine>().SearchAsync(new JobQuery { Trades = ["保安"] }, 0, 5, default);
            app.Dispose();

            using var restarted = new BotApp(app.DataPath);
            _ = restarted.BaseAddress;

            Assert.Equal(JobSampleData.LoadSamples(new DateOnly(2026, 1, 1)).Postings.Count, firstCount);
            Assert.Equal(firstCount, await CountAsync(restarted));
            Assert.NotEmpty(security.Items);
            Assert.All(security.Items, p => Assert.True(p.IsSample && p.Source == "示例"));
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }

    private static async Task<int> CountAsync(BotApp app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>().CreateDbContextAsync();
        return await db.JobPostings.CountAsync();
    }
}
