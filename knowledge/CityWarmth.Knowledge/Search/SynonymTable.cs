using System.Reflection;
using CityWarmth.Knowledge.Text;

namespace CityWarmth.Knowledge.Search;

/// <summary>
/// Query-time expansions from how workers talk to how policy is written (<c>工钱 => 工资, 劳动报酬</c>).
/// Forms match anywhere in the normalised question, so they work whatever the word segmentation.
/// </summary>
public sealed class SynonymTable
{
    private readonly List<(string Form, string[] Terms)> _rules;

    public SynonymTable(IEnumerable<string> lines) : this(lines, 1)
    {
    }

    /// <param name="share">What a match of this table weighs against the worker's own words, relative to the policy
    /// synonyms (1): the everyday lexicon (<see cref="Colloquial"/>) is general vocabulary and weighs less.</param>
    private SynonymTable(IEnumerable<string> lines, double share)
    {
        Share = share;
        _rules = [];
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or '[')
            {
                continue;
            }

            var arrow = line.IndexOf("=>", StringComparison.Ordinal);
            if (arrow <= 0)
            {
                throw new FormatException($"Synonym line without '=>': {line}");
            }

            var terms = Split(line[(arrow + 2)..]).Select(TextNormalizer.ForMatching).ToArray();
            foreach (var form in Split(line[..arrow]))
            {
                _rules.Add((TextNormalizer.ForMatching(form), terms));
            }
        }

        // Longer forms first, so "孩子上学" claims its characters before "孩子".
        _rules.Sort((a, b) => b.Form.Length.CompareTo(a.Form.Length));
    }

    /// <summary>
    /// Everyday words and the written words guides use for them, whatever the topic ("拿得到" for "领取", "户口" for
    /// "户籍", "头一回" for "首次"): applied after the policy synonyms, to what they leave, at a lower weight.
    /// </summary>
    public static SynonymTable Colloquial => ColloquialTable.Value;

    /// <summary>How much a match weighs, relative to a policy synonym's (1).</summary>
    public double Share { get; }

    // General vocabulary is right more often than not, but less often than the hand-kept policy synonyms.
    private const double ColloquialShare = 0.6;

    private static readonly Lazy<SynonymTable> ColloquialTable = new(() => new SynonymTable(ReadLines("colloquial.txt"), ColloquialShare));

    /// <summary>The built-in table shipped with the library.</summary>
    public static SynonymTable Default => DefaultTable.Value;

    /// <summary>The lines of the built-in table, so a knowledge version can extend it.</summary>
    public static IReadOnlyList<string> DefaultLines => DefaultLinesCache.Value;

    private static readonly Lazy<IReadOnlyList<string>> DefaultLinesCache = new(ReadDefaultLines);
    private static readonly Lazy<SynonymTable> DefaultTable = new(() => new SynonymTable(DefaultLines));

    /// <summary>The built-in table plus <paramref name="extraLines"/> (same line format).</summary>
    public static SynonymTable WithExtra(IEnumerable<string> extraLines) => new(DefaultLines.Concat(extraLines));

    /// <summary>One rule line: <c>forms =&gt; terms</c>.</summary>
    public static string FormatRule(IEnumerable<string> forms, IEnumerable<string> terms) =>
        $"{string.Join(", ", forms)} => {string.Join(", ", terms)}";

    /// <summary>Splits a comma list as rule lines do (<c>,</c> <c>，</c> <c>、</c>).</summary>
    public static IReadOnlyList<string> SplitList(string list) => [.. Split(list)];

    public int Count => _rules.Count;

    /// <summary>
    /// The expansions for a question in matching form: each matched form with the policy terms it stands for.
    /// A form inside a longer matched form is skipped.
    /// </summary>
    public IReadOnlyList<SynonymMatch> Expand(string normalizedQuestion) => Expand(normalizedQuestion, new bool[normalizedQuestion.Length]);

    /// <summary>The expansions outside the characters already <paramref name="covered"/> by other matches, which
    /// this call marks covered in turn.</summary>
    public IReadOnlyList<SynonymMatch> Expand(string normalizedQuestion, bool[] covered)
    {
        var matches = new List<SynonymMatch>();
        foreach (var (form, terms) in _rules)
        {
            var at = normalizedQuestion.IndexOf(form, StringComparison.Ordinal);
            if (at < 0 || covered.AsSpan(at, form.Length).IndexOf(false) < 0)
            {
                continue;
            }

            covered.AsSpan(at, form.Length).Fill(true);
            matches.Add(new SynonymMatch(form, terms, Share));
        }

        return matches;
    }

    private static IEnumerable<string> Split(string s) =>
        s.Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IReadOnlyList<string> ReadDefaultLines() => ReadLines("synonyms.txt");

    private static IReadOnlyList<string> ReadLines(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CityWarmth.Knowledge.Search.Data." + file)
            ?? throw new InvalidOperationException($"Embedded table {file} is missing.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}

/// <summary>A colloquial form found in a question and the policy terms it stands for, with what it weighs relative
/// to a policy synonym (<see cref="SynonymTable.Share"/>).</summary>
public sealed record SynonymMatch(string Form, IReadOnlyList<string> Terms, double Share = 1);
