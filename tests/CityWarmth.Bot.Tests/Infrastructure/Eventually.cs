namespace CityWarmth.Bot.Tests.Infrastructure;

/// <summary>Waits for something that happens in the background (a lease let go, a feed read) to come true.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, int timeoutSeconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"the condition did not come true within {timeoutSeconds} s");
            await Task.Delay(100);
        }
    }

    public static Task TrueAsync(Func<bool> condition, int timeoutSeconds = 10) =>
        TrueAsync(() => Task.FromResult(condition()), timeoutSeconds);
}
