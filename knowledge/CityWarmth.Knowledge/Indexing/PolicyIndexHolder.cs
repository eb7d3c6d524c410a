namespace CityWarmth.Knowledge.Indexing;

/// <summary>
/// Holds the published <see cref="PolicyIndex"/> and swaps it atomically; searches lease the current index,
/// so a swap never closes an index under a running search.
/// </summary>
public sealed class PolicyIndexHolder(Func<PolicyIndex> initial) : IDisposable
{
    private readonly Lazy<PolicyIndex> _initial = new(initial, LazyThreadSafetyMode.ExecutionAndPublication);
    private PolicyIndex? _current;

    /// <summary>The current index (built on first use).</summary>
    public PolicyIndex Current => Volatile.Read(ref _current) ?? InitialOrSwapped();

    /// <summary>Publishes <paramref name="next"/> and retires the previous index.</summary>
    public void Swap(PolicyIndex next)
    {
        var previous = Interlocked.Exchange(ref _current, next);
        previous?.Dispose();
    }

    /// <summary>Runs <paramref name="use"/> on a leased current index.</summary>
    public T Use<T>(Func<PolicyIndex, T> use)
    {
        while (true)
        {
            var index = Current;
            if (!index.TryLease())
            {
                continue;   // swapped and closed between the read and the lease; read again
            }

            try
            {
                return use(index);
            }
            finally
            {
                index.ReleaseLease();
            }
        }
    }

    public void Dispose() => Interlocked.Exchange(ref _current, null)?.Dispose();

    private PolicyIndex InitialOrSwapped()
    {
        var built = _initial.Value;
        return Interlocked.CompareExchange(ref _current, built, null) ?? built;
    }
}
