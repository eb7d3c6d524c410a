using System.Reflection;
using System.Text;

namespace CityWarmth.Knowledge.Text;

/// <summary>
/// One OpenCC conversion (a phrase table and a character table) applied by forward longest match:
/// at each position the longest phrase that matches wins, otherwise the single character is mapped.
/// </summary>
internal sealed class OpenCcTable
{
    private readonly Dictionary<string, string> _phrases;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _phraseLookup;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _characterLookup;
    private readonly int _maxPhraseLength;

    private OpenCcTable(Dictionary<string, string> phrases, Dictionary<string, string> characters)
    {
        _phrases = phrases;
        _phraseLookup = phrases.GetAlternateLookup<ReadOnlySpan<char>>();
        _characterLookup = characters.GetAlternateLookup<ReadOnlySpan<char>>();
        _maxPhraseLength = phrases.Count == 0 ? 0 : phrases.Keys.Max(k => k.Length);
    }

    /// <summary>The mapping of one character (one or two UTF-16 units), without allocating a key.</summary>
    public bool TryGetCharacter(ReadOnlySpan<char> character, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string mapped) =>
        _characterLookup.TryGetValue(character, out mapped);

    public static OpenCcTable Load(string phraseResource, string characterResource) =>
        new(ReadTable(phraseResource), ReadTable(characterResource));

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
            for (var len = Math.Min(_maxPhraseLength, span.Length - i); len >= 2; len--)
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
            if (_characterLookup.TryGetValue(span.Slice(i, width), out var mapped))
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

    internal static Assembly ResourceAssembly => typeof(OpenCcTable).Assembly;
}
