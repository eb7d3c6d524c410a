namespace CityWarmth.Bot.Privacy;

/// <summary>What one erasure changed, by kind (counts only; never the data itself).</summary>
public sealed record ErasureReport(int TranscriptEntries, int DirectLineActivities, int WageCases, int Handoffs, int Notes)
{
    public override string ToString() =>
        $"transcript={TranscriptEntries} directLine={DirectLineActivities} wageCases={WageCases} handoffs={Handoffs} notes={Notes}";
}
