namespace CityWarmth.Bot.Tests.Browser;

/// <summary>A browser test: skipped, with the reason, only when Debian's Chromium is not installed.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(ChromiumPath))
        {
            Skip = $"Chromium is not installed at {ChromiumPath} (apt-get install -y chromium); browser tests need it.";
        }
    }
}

/// <summary>A browser test with cases: skipped like <see cref="BrowserFactAttribute"/> without Chromium.</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (!File.Exists(BrowserFactAttribute.ChromiumPath))
        {
            Skip = $"Chromium is not installed at {BrowserFactAttribute.ChromiumPath} (apt-get install -y chromium); browser tests need it.";
        }
    }
}
