using System.Text;

namespace CityWarmth.Knowledge.Text;

/// <summary>
/// Dialect and colloquial words folded to their Mandarin sense ("咋个" as "怎么", "边度" as "哪里", "老细" as "老板"),
/// from one table (Text/Data/dialect.txt) that the router and the knowledge base's reading of a question share.
/// Works on matching form (<see cref="TextNormalizer.ForMatching"/>); the longest word at a position wins. Cheap: a
/// lookup per character of a short message, and nothing at all when no character starts a dialect word.
/// </summary>
public static class DialectWords
{
    private const string ResourceName = "CityWarmth.Knowledge.Text.Data.dialect.txt";

    private static readonly Lazy<Table> Loaded = new(Load);

    /// <summary>The text with dialect words in their Mandarin form, as the router reads a message.</summary>
    public static string ToMandarin(string matchingText) => Loaded.Value.Replace(matchingText, asking: false);

    /// <summary>
    /// The question with dialect words in their Mandarin form, question words of a question included ("要等好久"
    /// as "要等多久"): how the knowledge base reads what a question asks.
    /// </summary>
    public static string QuestionToMandarin(string matchingText) => Loaded.Value.Replace(matchingText, asking: true);

    private static Table Load()
    {
        using var stream = typeof(DialectWords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Missing embedded resource {ResourceName}.");
        using var reader = new StreamReader(stream);
        var entries = new List<(string From, string To, bool AskingOnly)>();
        while (reader.ReadLine() is { } line)
        {
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var askingOnly = text.Contains("=>?", StringComparison.Ordinal);
            var parts = text.Split(askingOnly ? "=>?" : "=>", 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new FormatException($"Text/Data/dialect.txt: expected 'word => word' or 'word =>? word' in '{line}'.");
            }

            entries.Add((parts[0], parts[1], askingOnly));
        }

        return new Table(entries);
    }

    private sealed class Table
    {
        // Per first character, the entries starting with it, longest first.
        private readonly Dictionary<char, (string From, string To, bool AskingOnly)[]> _byFirst;

        public Table(IEnumerable<(string From, string To, bool AskingOnly)> entries) =>
            _byFirst = entries.GroupBy(e => e.From[0])
                .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.From.Length).ToArray());

        public string Replace(string text, bool asking)
        {
            StringBuilder? result = null;
            var copied = 0;
            var i = 0;
            while (i < text.Length)
            {
                var match = _byFirst.TryGetValue(text[i], out var candidates)
                    ? candidates.FirstOrDefault(e => (asking || !e.AskingOnly) && string.CompareOrdinal(text, i, e.From, 0, e.From.Length) == 0)
                    : default;
                if (match.From is null)
                {
                    i++;
                    continue;
                }

                result ??= new StringBuilder(text.Length + 8);
                result.Append(text, copied, i - copied).Append(match.To);
                i += match.From.Length;
                copied = i;
            }

            return result is null ? text : result.Append(text, copied, text.Length - copied).ToString();
        }
    }
}
