using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CityWarmth.Skills.Routing;

/// <summary>A message and the skills its first reply may come from (usually one).</summary>
public sealed record LabelledMessage(string Text, IReadOnlyList<string> Skills)
{
    public string Expected => Skills[0];
}

/// <summary>
/// Scores routing as a worker sees it: the skill of the bot's first reply to a message in a fresh conversation
/// (<c>channelData.skill</c>), against the skills the message is labelled with. Reports accuracy per expected skill
/// and a confusion matrix. The caller decides how a message reaches the bot (in process or through /api/messages).
/// </summary>
public static class RoutingEvaluation
{
    /// <summary>The skill a first reply comes from when the classifier's label names no skill of its own.</summary>
    private static readonly Dictionary<string, string> SkillOfLabel = new(StringComparer.Ordinal)
    {
        [Intents.SmallTalk] = Conversation.SkillNames.Fallback,
        // Outside an intake, "取消" and "继续" get the menu.
        [Intents.Cancel] = Conversation.SkillNames.Help,
        [Intents.Continue] = Conversation.SkillNames.Help,
    };

    /// <summary>
    /// Reads a labelled file: <c>.jsonl</c> with <c>{"q": "...", "skill": ["policy"]}</c> a line, or the classifier's
    /// <c>intent&lt;TAB&gt;text</c> format (intents mapped to the skill that answers them first).
    /// </summary>
    public static IReadOnlyList<LabelledMessage> ReadFile(string path)
    {
        if (path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            var messages = new List<LabelledMessage>();
            foreach (var line in File.ReadLines(path).Where(l => l.Trim().Length > 0))
            {
                using var json = JsonDocument.Parse(line);
                var skills = json.RootElement.GetProperty("skill");
                IReadOnlyList<string> labels = skills.ValueKind == JsonValueKind.Array
                    ? [.. skills.EnumerateArray().Select(s => s.GetString()!)]
                    : [skills.GetString()!];
                messages.Add(new LabelledMessage(json.RootElement.GetProperty("q").GetString()!, labels));
            }
            return messages;
        }
        using var reader = File.OpenText(path);
        return [.. IntentExamples.Parse(reader).Select(e => new LabelledMessage(e.Text, [SkillOfLabel.GetValueOrDefault(e.Intent, e.Intent)]))];
    }

    /// <param name="firstSkill">The skill of the first reply to a message sent in a fresh conversation.</param>
    public static async Task<RoutingReport> RunAsync(IReadOnlyList<LabelledMessage> messages,
        Func<string, CancellationToken, Task<string?>> firstSkill, CancellationToken cancellationToken = default)
    {
        var results = new List<RoutingResult>(messages.Count);
        foreach (var message in messages)
        {
            var skill = await firstSkill(message.Text, cancellationToken) ?? "none";
            results.Add(new RoutingResult(message, skill));
        }
        return new RoutingReport(results);
    }
}

public sealed record RoutingResult(LabelledMessage Message, string Skill)
{
    public bool Correct => Message.Skills.Contains(Skill);
}

public sealed class RoutingReport(IReadOnlyList<RoutingResult> results)
{
    public IReadOnlyList<RoutingResult> Results { get; } = results;

    public int Count => Results.Count;

    public double Accuracy => Count == 0 ? 0 : (double)Results.Count(r => r.Correct) / Count;

    /// <summary>Accuracy among the messages expected to reach each skill.</summary>
    public IReadOnlyList<(string Skill, int Count, int Correct)> PerSkill =>
        [.. Results.GroupBy(r => r.Message.Expected).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count(), g.Count(r => r.Correct)))];

    /// <summary>The misses, the per-skill table and the confusion matrix (rows expected, columns answered), as text.</summary>
    public string Format(bool withMisses = true)
    {
        var text = new StringBuilder();
        if (withMisses)
        {
            foreach (var miss in Results.Where(r => !r.Correct))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"miss: {miss.Message.Text} -> want {string.Join('/', miss.Message.Skills)} got {miss.Skill}");
            }
        }
        foreach (var (skill, count, correct) in PerSkill)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{skill,-12} {correct,4}/{count,-4} {(double)correct / count:F3}");
        }

        var rows = PerSkill.Select(p => p.Skill).ToList();
        var columns = rows.Concat(Results.Select(r => r.Skill)).Distinct(StringComparer.Ordinal).ToList();
        text.AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"{"expected\\got",-14}");
        foreach (var column in columns)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Abbreviate(column),8}");
        }
        text.AppendLine();
        foreach (var row in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{row,-14}");
            foreach (var column in columns)
            {
                text.Append(CultureInfo.InvariantCulture, $"{Results.Count(r => r.Message.Expected == row && r.Skill == column),8}");
            }
            text.AppendLine();
        }
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"n={Count} accuracy={Accuracy:F3}");
        return text.ToString();
    }

    private static string Abbreviate(string skill) => skill.Length <= 7 ? skill : skill[..7];
}
