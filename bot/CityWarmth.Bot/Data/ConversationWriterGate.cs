namespace CityWarmth.Bot.Data;

/// <summary>
/// The conversation writer holds this around each commit, so whoever else holds it keeps the writer waiting between two
/// commits. <see cref="SqliteWalCheckpointer"/> uses it to let the SQLite log start over; with PostgreSQL nobody else does.
/// </summary>
public sealed class ConversationWriterGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public Task EnterAsync(CancellationToken cancellationToken = default) => _gate.WaitAsync(cancellationToken);

    public void Exit() => _gate.Release();
}
