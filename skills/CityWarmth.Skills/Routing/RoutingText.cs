using System.Reflection;
using System.Text;
using CityWarmth.Knowledge.Text;

namespace CityWarmth.Skills.Routing;

/// <summary>
/// The form of a message the router reads (from its matching form): pinyin typed for want of a Chinese keyboard
/// read as characters, then dialect words folded to their Mandarin sense (the table shared with the knowledge base,
/// <see cref="DialectWords"/>). The pinyin table is a data file under Data/routing. Cheap (a scan over a short
/// string); the classifier caches its reading per message anyway.
/// </summary>
public static class RoutingText
{
    private static readonly Lazy<PinyinTable> Pinyin = new(() => new PinyinTable(ReadResource("pinyin.txt")));

    /// <summary>The text the router reads: pinyin as characters, dialect folded.</summary>
    public static string Read(string matchingText) => DialectWords.ToMandarin(Pinyin.Value.ToCharacters(matchingText));

    /// <summary>
    /// The message with pinyin runs written in characters, for the skills to act on ("gongzu fang zenme shenqing"
    /// searches the knowledge base as 公租房怎么申请). The text itself when it holds no pinyin.
    /// </summary>
    public static string WithPinyinAsCharacters(string text) => Pinyin.Value.ToCharacters(text);

    internal static Stream OpenResource(string fileName) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream("CityWarmth.Skills.Data.routing." + fileName)
        ?? throw new InvalidOperationException($"Missing embedded resource Data/routing/{fileName}.");

    private static IEnumerable<string> ReadResource(string fileName)
    {
        using var reader = new StreamReader(OpenResource(fileName));
        while (reader.ReadLine() is { } line)
        {
            var text = line.Trim();
            if (text.Length > 0 && !text.StartsWith('#'))
            {
                yield return text;
            }
        }
    }

    /// <summary>
    /// Reads runs of Latin letters (spaces between them allowed) as pinyin when the whole run splits into known
    /// words; the split with the fewest words wins. Runs that do not split ("hello", "ok") stay as written.
    /// </summary>
    private sealed class PinyinTable
    {
        private readonly Dictionary<string, string> _words = new(StringComparer.Ordinal);
        private readonly int _longest;

        public PinyinTable(IEnumerable<string> lines)
        {
            foreach (var line in lines)
            {
                var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (parts.Length != 2)
                {
                    throw new FormatException($"Data/routing/pinyin.txt: expected 'pinyin characters' in '{line}'.");
                }
                _words[parts[0]] = parts[1];
            }
            _longest = _words.Keys.Max(k => k.Length);
        }

        public string ToCharacters(string text)
        {
            if (!text.Any(char.IsAsciiLetter))
            {
                return text;
            }
            var result = new StringBuilder(text.Length);
            var i = 0;
            while (i < text.Length)
            {
                if (!char.IsAsciiLetter(text[i]))
                {
                    result.Append(text[i++]);
                    continue;
                }
                // A run: letters and the single spaces between them.
                var end = i;
                while (end < text.Length && (char.IsAsciiLetter(text[end]) || (text[end] == ' ' && end + 1 < text.Length && char.IsAsciiLetter(text[end + 1]))))
                {
                    end++;
                }
                var run = text[i..end];
                result.Append(Split(run.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()) ?? run);
                i = end;
            }
            return result.ToString();
        }

        private string? Split(string letters)
        {
            // best[k]: the fewest words that spell letters[..k], and the last word's start.
            var best = new (int Words, int From)[letters.Length + 1];
            Array.Fill(best, (int.MaxValue, -1));
            best[0] = (0, 0);
            for (var end = 1; end <= letters.Length; end++)
            {
                for (var start = Math.Max(0, end - _longest); start < end; start++)
                {
                    if (best[start].Words != int.MaxValue && best[start].Words + 1 < best[end].Words
                        && _words.ContainsKey(letters[start..end]))
                    {
                        best[end] = (best[start].Words + 1, start);
                    }
                }
            }
            if (best[letters.Length].Words == int.MaxValue)
            {
                return null;
            }
            var words = new List<string>();
            for (var at = letters.Length; at > 0; at = best[at].From)
            {
                words.Add(_words[letters[best[at].From..at]]);
            }
            // One short word alone is as likely English ("you", "bang") as pinyin.
            if (words.Count == 1 && letters.Length < 4)
            {
                return null;
            }
            words.Reverse();
            return string.Concat(words);
        }
    }
}
