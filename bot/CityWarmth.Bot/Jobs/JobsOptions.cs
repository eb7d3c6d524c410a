namespace CityWarmth.Bot.Jobs;

public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Load the shipped sample postings and fairs when the jobs table is empty.</summary>
    public bool LoadSamples { get; set; } = true;

    public JobsFeedOptions Feed { get; set; } = new();
}

/// <summary>An optional external feed of postings (JSON), polled and upserted by source id. Off while Url is empty.</summary>
public sealed class JobsFeedOptions
{
    public string? Url { get; set; }

    /// <summary>Time between polls.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The source name stored on the feed's postings.</summary>
    public string SourceName { get; set; } = "feed";
}
