namespace CityWarmth.Benchmarks;

/// <summary>Latency percentiles (nearest rank) over recorded milliseconds.</summary>
public static class Percentiles
{
    public static double Of(IReadOnlyList<double> sortedMs, double percentile) =>
        sortedMs.Count == 0 ? 0 : sortedMs[Math.Clamp((int)Math.Ceiling(percentile / 100 * sortedMs.Count) - 1, 0, sortedMs.Count - 1)];

    public static string Summary(List<double> ms)
    {
        ms.Sort();
        return $"p50={Of(ms, 50):F2}ms p90={Of(ms, 90):F2}ms p99={Of(ms, 99):F2}ms max={(ms.Count == 0 ? 0 : ms[^1]):F2}ms";
    }
}
