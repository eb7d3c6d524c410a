using System.Text;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Privacy;
using CityWarmth.Bot.Tests.Handoff;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.BotFramework.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityWarmth.Bot.Tests.Security;

/// <summary>Erasure leaves nothing behind: not in the rows of the confirming turn, and not as bytes in the SQLite file.</summary>
public sealed class ErasureBytesTests
{
    private const string DisplayName = "赵铁柱";
    private const string WorkerName = "钱二宝";
    private const string Phone = "13912345678";

    private static readonly string[] Intake =
    [
        "老板欠我工资", "包工头", "张三", "东湖区光谷大道某某小区工地", "钢筋工", "跳过", "一万二", "今年3月到5月", "已经不干了",
        "上个月", "就我一个", "欠条/结算单", "完成", WorkerName, Phone, "同意", "确认提交",
    ];

    [SqliteFact]
    public async Task AfterErasureNeitherNameNorPhoneCanBeFoundInTheDatabaseFiles()
    {
        using var app = new BotApp(settings: HandoffTestKit.AlwaysOpen());
        try
        {
            using var client = app.CreateHttpClient();
            foreach (var text in Intake)
            {
                await app.AskAsync(client, FromWorker(text));
            }
            // Some turns after the intake, so the state row (with name and phone) is rewritten a few times over.
            await app.AskAsync(client, FromWorker("转人工"));
            await app.AskAsync(client, FromWorker("谢谢"));
            Assert.True(Contains(ReadDatabaseFiles(app), Phone), "the phone is not in the file before erasure; the test proves nothing");

            await app.AskAsync(client, FromWorker("删除我的信息"));
            var done = await app.AskAsync(client, FromWorker(PrivacyText.Confirm));
            Assert.StartsWith("已删除您的信息", Assert.Single(done).Text);

            // The confirming turn's own rows: its transcript and the conversation's reference.
            await using (var db = await app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>().CreateDbContextAsync())
            {
                var reference = await db.Conversations.Where(c => c.Id == "conv-bytes").Select(c => c.ReferenceJson).SingleAsync();
                Assert.DoesNotContain(DisplayName, reference);
                var transcript = string.Join("\n", await db.Transcript.Where(t => t.ConversationId == "conv-bytes").Select(t => t.ActivityJson).ToListAsync());
                Assert.DoesNotContain(DisplayName, transcript);
            }

            // The files themselves: the data pages and the write-ahead log, as anyone with the file could read them.
            string[] secrets = [DisplayName, WorkerName, Phone];
            var left = secrets.ToList();
            for (var i = 0; i < 100 && left.Count > 0; i++)
            {
                await Task.Delay(100);
                var bytes = ReadDatabaseFiles(app);
                left = [.. secrets.Where(s => Contains(bytes, s))];
            }
            Assert.Empty(left);
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }

    private static Activity FromWorker(string text)
    {
        var activity = TestActivities.Message(text, "conv-bytes");
        activity.From!.Name = DisplayName;
        return activity;
    }

    private static byte[] ReadDatabaseFiles(BotApp app)
    {
        using var all = new MemoryStream();
        foreach (var path in new[] { app.SqliteFile, app.SqliteFile + "-wal" })
        {
            if (File.Exists(path))
            {
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                file.CopyTo(all);
            }
        }
        return all.ToArray();
    }

    /// <summary>The text as UTF-8, or as JSON writes it escaped (\u8d75 in either case).</summary>
    private static bool Contains(byte[] haystack, string text)
    {
        var escaped = string.Concat(text.Select(c => c < 128 ? c.ToString() : $"\\u{(int)c:x4}"));
        return new[] { text, escaped, escaped.ToUpperInvariant().Replace("\\U", "\\u", StringComparison.Ordinal) }
            .Any(form => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(form)) >= 0);
    }
}
