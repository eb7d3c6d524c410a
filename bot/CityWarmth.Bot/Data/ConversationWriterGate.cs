namespace CityWarmth.Bot.Data;

/// <summary>
/// The conversation writer holds this around each commit, so whoever else holds it keeps the writer waiting between two
/// commits. <see cref="SqliteWalCheckpointer"/> uses it to let the SQLite log start over; PostgreSQL's writers do not take it.
/// </summary>
public sealed class ConversationWriterGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _waiting;

    /// <summary>How many are waiting to enter while someone else holds the gate.</summary>
    internal int Waiting => Volatile.Read(ref _waiting);

    public Task EnterAsync(CancellationToken cancellationToken = default) =>
        _gate.Wait(0, CancellationToken.None) ? Task.CompletedTask : WaitAsync(cancellationToken);

    public void Exit() => _gate.Release();

    private async Task WaitAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await _gate.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }
}
