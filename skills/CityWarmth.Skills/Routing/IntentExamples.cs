using System.Reflection;

namespace CityWarmth.Skills.Routing;

/// <summary>Reads labelled example utterances: one <c>intent&lt;TAB&gt;utterance</c> a line, # for comments.</summary>
public static class IntentExamples
{
    private const string ResourceName = "CityWarmth.Skills.Data.routing.intents.tsv";

    /// <summary>The examples shipped with the skills.</summary>
    public static IReadOnlyList<IntentExample> LoadDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Missing embedded resource {ResourceName}.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    public static IReadOnlyList<IntentExample> Parse(TextReader reader)
    {
        var examples = new List<IntentExample>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                continue;
            }
            var tab = line.IndexOf('\t');
            if (tab <= 0 || tab == line.Length - 1)
            {
                throw new FormatException($"Line {lineNumber}: expected intent<TAB>utterance.");
            }
            examples.Add(new IntentExample(line[..tab].Trim(), line[(tab + 1)..].Trim()));
        }
        return examples;
    }
}
