using CityWarmth.Skills.Routing;

namespace CityWarmth.Skills.Tests.Routing;

/// <summary>The shipped classifier, trained once for all tests (loading the SmartCn dictionary takes a moment).</summary>
internal static class TestClassifier
{
    private static readonly Lazy<IntentClassifier> Instance = new(() =>
        new IntentClassifier(new IntentFeatures(), IntentExamples.LoadDefault()));

    public static IntentClassifier Shared => Instance.Value;

    public static IReadOnlyList<IntentExample> HeldOut()
    {
        using var reader = File.OpenText(Path.Combine(AppContext.BaseDirectory, "Routing", "Data", "heldout.tsv"));
        return IntentExamples.Parse(reader);
    }
}
