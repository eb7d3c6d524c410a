using System.Buffers.Binary;
using System.Diagnostics;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;

namespace CityWarmth.Bot.Tests.Messaging;

/// <summary>
/// With SQLite the write-ahead log is copied into the database file beside the conversation writer, and starts over at
/// Storage:WalRestartPages by holding the writer between two commits (see <see cref="SqliteWalCheckpointer"/>).
/// </summary>
public sealed class SqliteWalCheckpointerTests
{
    private const int LogHeader = 32;

    [SqliteFact]
    public async Task UnderSustainedTurnsTheCheckpointerStartsTheLogOverAndCopiesEveryFrame()
    {
        const int restartPages = 256;
        using var app = new BotApp(settings: new Dictionary<string, string?> { ["Storage:WalRestartPages"] = restartPages.ToString() });
        using var client = app.CreateHttpClient();
        await app.AskAsync(client, TestActivities.Message("你好", "conv-log-first"));
        var checkpointer = app.Services.GetServices<IHostedService>().OfType<SqliteWalCheckpointer>().Single();
        var restartsBefore = LogRestarts(app);

        // Eight workers at once, so commits keep coming: the log is never all copied between two of them by chance.
        // A turn puts one to two pages into the log (its conversation's row, its share of the transcript's end and of
        // the trees' upper pages): several times the limit is written.
        const int workers = 8, turnsEach = 80;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            for (var i = 0; i < turnsEach; i++)
            {
                await app.AskAsync(client, TestActivities.Message("外地来打工的能申请保障性租赁住房吗", $"conv-log-{w}"));
            }
        }));

        // The log started over several times, at least once with the checkpointer holding the writer (the commits' own
        // autocheckpoint, the backstop at twice the limit, would start it over too, but without any hold; and between
        // two turns of one worker the log may be all copied by chance, which also lets it start over). A hold needs a
        // copy that reached the log's end while commits come in; on a machine busy with other tests the eight workers'
        // reads can keep every copy short of it, so turns keep coming one at a time until a hold is over (one that
        // began during the last turns may still be making its copies) and the log has started over twice.
        var extraTurns = 0;
        for (var wait = 0; wait < 500 && (checkpointer.WriterHolds == 0 || LogRestarts(app) - restartsBefore < 2); wait++)
        {
            if (extraTurns < 400)
            {
                await app.AskAsync(client, TestActivities.Message("外地来打工的能申请保障性租赁住房吗", "conv-log-0"));
                extraTurns++;
            }
            else
            {
                await Task.Delay(20);
            }
        }
        Assert.True(checkpointer.WriterHolds >= 1, $"the writer was held {checkpointer.WriterHolds} times");
        var restarts = LogRestarts(app) - restartsBefore;
        Assert.True(restarts >= 2, $"the log started over {restarts} times");

        // Once the turns stop, every frame reaches the database file without any commit checkpointing: with only the
        // backstop the frames since its last run would wait in the log for the next 500 pages.
        var (frames, copied) = (0u, 0u);
        for (var wait = 0; wait < 100 && (frames == 0 || copied != frames); wait++)
        {
            await Task.Delay(20);
            (frames, copied) = LogProgress(app);
        }
        Assert.True(frames > 0 && copied == frames, $"{copied} of {frames} log frames copied");
        // No bound on the log file's size is asserted: on a loaded machine the checkpointer can fall behind, and the
        // backstop skips a round while the checkpointer holds its lock, so the largest size depends on the machine's
        // pace (one CI run reached 810 pages of a 256-page limit). The start-overs above are what keep it bounded.

        await using var connection = await app.OpenOutsideConnectionAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM transcript WHERE \"ConversationId\" LIKE 'conv-log-%' AND \"ConversationId\" <> 'conv-log-first'";
        Assert.Equal((workers * turnsEach + extraTurns) * 2L, Convert.ToInt64(await count.ExecuteScalarAsync()));
        count.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", await count.ExecuteScalarAsync());
        app.DeleteData();
    }

    private static async Task<long> StoredVersionAsync(BotApp app, string conversationId)
    {
        await using var connection = await app.OpenOutsideConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"Version\" FROM conversations WHERE \"Id\" = '{conversationId}'";
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    // The wal-index (the -shm file, SQLite's documented format): the log's last frame (mxFrame, bytes 16–19 of the
    // header) and how many frames are in the database file (nBackfill, bytes 96–99), in the machine's byte order.
    private static (uint Frames, uint Copied) LogProgress(BotApp app)
    {
        var index = ReadStart(app.SqliteFile + "-shm", 100);
        return (BitConverter.ToUInt32(index, 16), BitConverter.ToUInt32(index, 96));
    }

    // The log's header counts its start-overs: the checkpoint sequence number, big-endian at bytes 12–15.
    private static uint LogRestarts(BotApp app) =>
        BinaryPrimitives.ReadUInt32BigEndian(ReadStart(app.SqliteFile + "-wal", LogHeader).AsSpan(12));

    // Read beside the bot, which keeps both files open and writing.
    private static byte[] ReadStart(string path, int length)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new byte[length];
        file.ReadExactly(bytes);
        return bytes;
    }

    // The gate is the SQLite checkpointer's: PostgreSQL's writers commit without it, several at once.
    [SqliteFact]
    public async Task WhileTheGateIsHeldNoTurnIsCommittedAndNoneIsLost()
    {
        using var app = new BotApp();
        using var client = app.CreateHttpClient();
        await app.AskAsync(client, TestActivities.Message("你好", "conv-gate"));
        var gate = app.Services.GetRequiredService<ConversationWriterGate>();

        await gate.EnterAsync();
        var turn = app.AskAsync(client, TestActivities.Message("谢谢", "conv-gate"));
        // The writer reaches the gate with the turn's commit and waits there. (The checkpointer, the gate's other
        // user, holds it only once the log passes Storage:WalRestartPages, far beyond these two turns.)
        var waited = Stopwatch.StartNew();
        while (gate.Waiting == 0 && !turn.IsCompleted && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, gate.Waiting);
        Assert.False(turn.IsCompleted);
        Assert.Equal(1L, await StoredVersionAsync(app, "conv-gate"));
        gate.Exit();

        Assert.NotEmpty(await turn);
        Assert.Equal(2L, await StoredVersionAsync(app, "conv-gate"));
        var loaded = await app.Services.GetRequiredService<IConversationStore>().LoadAsync("conv-gate", default);
        Assert.Equal(2, loaded.Version);
        app.DeleteData();
    }
}
