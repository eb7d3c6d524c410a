using CityWarmth.Bot.Data;
using CityWarmth.Bot.Tests.Infrastructure;

namespace CityWarmth.Bot.Tests.Messaging;

/// <summary>
/// With SQLite the write-ahead log is copied into the database file beside the conversation writer, and starts over at
/// Storage:WalRestartPages by holding the writer between two commits (see <see cref="SqliteWalCheckpointer"/>).
/// </summary>
public sealed class SqliteWalCheckpointerTests
{
    private const int PageSize = 4096;
    private const int FrameHeader = 24;
    private const int LogHeader = 32;

    [SqliteFact]
    public async Task UnderSustainedTurnsTheLogStartsOverAtItsLimit()
    {
        const int restartPages = 256;
        using var app = new BotApp(settings: new Dictionary<string, string?> { ["Storage:WalRestartPages"] = restartPages.ToString() });
        using var client = app.CreateHttpClient();

        // Eight workers at once, so commits keep coming: the log is never all copied between two of them by chance.
        const int workers = 8, turnsEach = 60;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            for (var i = 0; i < turnsEach; i++)
            {
                await app.AskAsync(client, TestActivities.Message("外地来打工的能申请保障性租赁住房吗", $"conv-log-{w}"));
            }
        }));

        // Far more was written than the limit (about three pages a turn), and the commits' own autocheckpoint, the
        // backstop, would only start at twice the limit. The file keeps the largest size the log ever had.
        var logBytes = new FileInfo(app.SqliteFile + "-wal").Length;
        Assert.InRange(logBytes, LogHeader, LogHeader + (long)(restartPages * 3 / 2) * (PageSize + FrameHeader));

        await using var connection = await app.OpenOutsideConnectionAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM transcript WHERE \"ConversationId\" LIKE 'conv-log-%'";
        Assert.Equal(workers * turnsEach * 2L, Convert.ToInt64(await count.ExecuteScalarAsync()));
        count.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", await count.ExecuteScalarAsync());
        app.DeleteData();
    }

    [Fact]
    public async Task WhileTheGateIsHeldNoTurnIsCommittedAndNoneIsLost()
    {
        using var app = new BotApp();
        using var client = app.CreateHttpClient();
        await app.AskAsync(client, TestActivities.Message("你好", "conv-gate"));
        var gate = app.Services.GetRequiredService<ConversationWriterGate>();

        await gate.EnterAsync();
        var turn = app.AskAsync(client, TestActivities.Message("谢谢", "conv-gate"));
        var first = await Task.WhenAny(turn, Task.Delay(TimeSpan.FromMilliseconds(500)));
        gate.Exit();

        Assert.NotSame(turn, first);
        Assert.NotEmpty(await turn);
        var loaded = await app.Services.GetRequiredService<IConversationStore>().LoadAsync("conv-gate", default);
        Assert.Equal(2, loaded.Version);
        app.DeleteData();
    }
}
