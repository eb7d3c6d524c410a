using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;

namespace CityWarmth.Knowledge.Search;

/// <summary>
/// How much a word says about what a question is about, from general-language inverse document frequencies
/// (jieba's table, MIT): "职业病" says much more than "容易" or "有人". Used to weigh a question's concepts when
/// judging how much of it a passage covers, so colloquial filler does not sink the confidence of a good match.
/// </summary>
public sealed class WordWeights
{
    private static readonly Lazy<WordWeights> DefaultWeights = new(Load);

    private readonly FrozenDictionary<string, float> _idf;

    private WordWeights(FrozenDictionary<string, float> idf, float unknown)
    {
        _idf = idf;
        Unknown = unknown;
    }

    /// <summary>The shipped table, loaded on first use.</summary>
    public static WordWeights Default => DefaultWeights.Value;

    /// <summary>The weight of a word missing from the table: the median, as a word of unknown rarity.</summary>
    public float Unknown { get; }

    public int Count => _idf.Count;

    public float Of(string word) => _idf.TryGetValue(word, out var idf) ? idf : Unknown;

    /// <summary>The weight of a word the table knows.</summary>
    public bool TryGet(string word, out float weight) => _idf.TryGetValue(word, out weight);

    /// <summary>Reads lines of <c>word idf</c>; malformed lines are skipped.</summary>
    public static WordWeights Parse(TextReader reader)
    {
        var idf = new Dictionary<string, float>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var space = line.LastIndexOf(' ');
            if (space > 0 && float.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0)
            {
                idf[line[..space]] = value;
            }
        }

        var values = idf.Values.Order().ToArray();
        var median = values.Length == 0 ? 1f : values[values.Length / 2];
        return new WordWeights(idf.ToFrozenDictionary(StringComparer.Ordinal), median);
    }

    private static WordWeights Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CityWarmth.Knowledge.Search.Data.jieba-idf.txt")
            ?? throw new InvalidOperationException("Embedded word weight table is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }
}
