using System.Text;

namespace CityWarmth.Knowledge.Text;

/// <summary>
/// One OpenCC conversion (a phrase table and a character table) applied by forward longest match:
/// at each position the longest phrase that matches wins, otherwise the single character is mapped.
/// </summary>
internal sealed class OpenCcTable
{
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _phraseLookup;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _characterLookup;

    // Per UTF-16 unit: the longest phrase that starts with it (0: none) and, for a character of one unit, its mapping.
    // Most characters start no phrase, so a position costs one array read instead of a hash of every length tried, and
    // a character's mapping is found without hashing a span. Both run on every message (normalising, script detection).
    private readonly byte[] _longestPhraseFrom = new byte[char.MaxValue + 1];
    private readonly Dictionary<char, string> _singleUnitCharacters = [];

    private OpenCcTable(Dictionary<string, string> phrases, Dictionary<string, string> characters)
    {
        _phraseLookup = phrases.GetAlternateLookup<ReadOnlySpan<char>>();
        _characterLookup = characters.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var phrase in phrases.Keys)
        {
            ref var longest = ref _longestPhraseFrom[phrase[0]];
            longest = (byte)Math.Max(longest, Math.Min(phrase.Length, byte.MaxValue));
        }
        foreach (var (source, target) in characters)
        {
            if (source.Length == 1)
            {
                _singleUnitCharacters[source[0]] = target;
            }
        }
    }

    /// <summary>The mapping of one character (one or two UTF-16 units), without allocating a key.</summary>
    public bool TryGetCharacter(ReadOnlySpan<char> character, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string mapped) =>
        character.Length == 1
            ? _singleUnitCharacters.TryGetValue(character[0], out mapped)
            : _characterLookup.TryGetValue(character, out mapped);

    /// <summary>The characters this table maps, each with its mapping.</summary>
    public IEnumerable<KeyValuePair<string, string>> Characters => _characterLookup.Dictionary;

    public static OpenCcTable Load(string phraseResource, string characterResource) =>
        new(ReadTable(phraseResource), ReadTable(characterResource));

    /// <summary>Loads a table keeping only the entries <paramref name="keep"/> accepts (source, target).</summary>
    public static OpenCcTable Load(string phraseResource, string characterResource, Func<string, string, bool> keep) =>
        new(Filter(ReadTable(phraseResource), keep), Filter(ReadTable(characterResource), keep));

    private static Dictionary<string, string> Filter(Dictionary<string, string> table, Func<string, string, bool> keep) =>
        table.Where(entry => keep(entry.Key, entry.Value)).ToDictionary(StringComparer.Ordinal);

    public string Convert(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return text;
        }

        var span = text.AsSpan();
        StringBuilder? sb = null;
        var i = 0;
        while (i < span.Length)
        {
            var matched = false;
            for (var len = Math.Min(_longestPhraseFrom[span[i]], span.Length - i); len >= 2; len--)
            {
                if (_phraseLookup.TryGetValue(span.Slice(i, len), out var phrase))
                {
                    sb ??= new StringBuilder(text, 0, i, text.Length);
                    sb.Append(phrase);
                    i += len;
                    matched = true;
                    break;
                }
            }

            if (matched)
            {
                continue;
            }

            var width = char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]) ? 2 : 1;
            if (TryGetCharacter(span.Slice(i, width), out var mapped))
            {
                sb ??= new StringBuilder(text, 0, i, text.Length);
                sb.Append(mapped);
            }
            else
            {
                sb?.Append(span.Slice(i, width));
            }

            i += width;
        }

        return sb?.ToString() ?? text;
    }

    private static Dictionary<string, string> ReadTable(string resourceName)
    {
        var assembly = typeof(OpenCcTable).Assembly;
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded conversion table '{resourceName}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t');
            if (tab <= 0)
            {
                continue;
            }

            // Identity entries exist in OpenCC to stop a shorter phrase from matching; keep them.
            table[line[..tab]] = line[(tab + 1)..];
        }

        return table;
    }

    internal static string ResourceName(string file) => $"CityWarmth.Knowledge.Text.Data.OpenCC.{file}";
}
