namespace CityWarmth.Skills.Tests.WageDispute;

/// <summary>A settable clock; tests start on 2025-06-15 10:00 China time.</summary>
internal sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public static readonly DateOnly Today = new(2025, 6, 15);

    public TestClock()
        : this(new DateTimeOffset(2025, 6, 15, 10, 0, 0, TimeSpan.FromHours(8)))
    {
    }

    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();

    public void Advance(TimeSpan by) => Now += by;
}
