using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityWarmth.Skills.Jobs;

/// <summary>A word of the job vocabulary found in a message.</summary>
public sealed record VocabularyMatch(int Start, int Length, string Word, IReadOnlyList<string> Trades);

/// <summary>
/// Trade synonyms and known districts, loaded from the data files under Data/jobs.
/// Text given to it must already be in matching form (TextNormalizer.ForMatching).
/// </summary>
public sealed class JobVocabulary
{
    private readonly Dictionary<string, string[]> _tradesByWord;
    private readonly string[] _wordsLongestFirst;
    private readonly Dictionary<string, string[]> _wordsByTrade;

    public JobVocabulary(IEnumerable<string> synonymLines, IEnumerable<string> districts)
    {
        _tradesByWord = new Dictionary<string, string[]>(StringComparer.Ordinal);
        _wordsByTrade = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var raw in synonymLines)
        {
            var line = StripComment(raw);
            if (line.Length == 0)
            {
                continue;
            }

            var broader = line.IndexOf("=>", StringComparison.Ordinal);
            if (broader > 0)
            {
                var word = line[..broader].Trim();
                var trades = Split(line[(broader + 2)..]);
                _tradesByWord[word] = trades;
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                throw new FormatException($"Trade synonym line without ':' or '=>': {line}");
            }

            var canonical = line[..colon].Trim();
            var words = Split(line[(colon + 1)..]).Prepend(canonical).Distinct(StringComparer.Ordinal).ToArray();
            _wordsByTrade[canonical] = words;
            foreach (var word in words)
            {
                _tradesByWord[word] = [canonical];
            }
        }

        _wordsLongestFirst = [.. _tradesByWord.Keys.OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal)];
        Districts = [.. districts.Select(StripComment).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The districts offered when a worker asks for jobs nearby.</summary>
    public IReadOnlyList<string> Districts { get; }

    /// <summary>The canonical trade names.</summary>
    public IEnumerable<string> Trades => _wordsByTrade.Keys;

    /// <summary>The built-in vocabulary shipped with the skills.</summary>
    public static JobVocabulary Default { get; } = new(
        ReadLines(JobSampleData.ReadResource("trade-synonyms.txt")),
        ReadLines(JobSampleData.ReadResource("districts.txt")));

    /// <summary>The words that mean <paramref name="trade"/> (itself included), for widening a text query.</summary>
    public IReadOnlyList<string> WordsFor(string trade) =>
        _wordsByTrade.TryGetValue(trade, out var words) ? words : [trade];

    /// <summary>Non-overlapping trade words in <paramref name="text"/>, longest word first at each position.</summary>
    public IReadOnlyList<VocabularyMatch> FindTrades(string text)
    {
        var taken = new bool[text.Length];
        var matches = new List<VocabularyMatch>();
        foreach (var word in _wordsLongestFirst)
        {
            var from = 0;
            while (from < text.Length)
            {
                var at = text.IndexOf(word, from, StringComparison.Ordinal);
                if (at < 0)
                {
                    break;
                }

                if (!taken.AsSpan(at, word.Length).Contains(true))
                {
                    taken.AsSpan(at, word.Length).Fill(true);
                    matches.Add(new VocabularyMatch(at, word.Length, word, _tradesByWord[word]));
                }
                from = at + 1;
            }
        }
        matches.Sort((a, b) => a.Start.CompareTo(b.Start));
        return matches;
    }

    /// <summary>
    /// The canonical trade of a posting's trade field: the field itself when it is a known word for exactly one
    /// trade, else the first such word inside it, else the field unchanged.
    /// </summary>
    public string CanonicalTrade(string trade)
    {
        var text = trade.Trim();
        if (_tradesByWord.TryGetValue(text, out var exact) && exact.Length == 1)
        {
            return exact[0];
        }
        var inside = FindTrades(text).FirstOrDefault(m => m.Trades.Count == 1);
        return inside?.Trades[0] ?? text;
    }

    /// <summary>The district named in <paramref name="text"/> ("东湖区" or "东湖"), among <paramref name="known"/>.</summary>
    public static VocabularyMatch? FindDistrict(string text, IEnumerable<string> known)
    {
        VocabularyMatch? best = null;
        foreach (var district in known)
        {
            foreach (var form in DistrictForms(district))
            {
                var at = text.IndexOf(form, StringComparison.Ordinal);
                if (at >= 0 && (best is null || form.Length > best.Length))
                {
                    best = new VocabularyMatch(at, form.Length, district, []);
                }
            }
        }
        return best;
    }

    private static IEnumerable<string> DistrictForms(string district)
    {
        yield return district;
        // "东湖" for "东湖区"; a one-character stem would match too much.
        if (district.Length >= 3 && district[^1] is '区' or '县' or '市' or '镇')
        {
            yield return district[..^1];
        }
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf('#');
        return (hash >= 0 ? line[..hash] : line).Trim();
    }

    private static string[] Split(string list) =>
        [.. list.Split([',', '，', '、'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static IEnumerable<string> ReadLines(Stream stream)
    {
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}

/// <summary>The shipped data files (synonyms, districts, sample postings and fairs).</summary>
public static class JobSampleData
{
    private const string Prefix = "CityWarmth.Skills.Data.jobs.";

    /// <summary>JSON options for job data files and imports: web names, enums by name in any case.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>
    /// The sample postings and fairs, with dates moved so that the file's reference date falls on
    /// <paramref name="today"/>: the demo then always shows fresh postings, some expired ones and upcoming fairs.
    /// </summary>
    public static JobSampleSet LoadSamples(DateOnly today)
    {
        using var stream = ReadResource("sample-jobs.json");
        var file = JsonSerializer.Deserialize<SampleFile>(stream, Json) ?? throw new InvalidDataException("sample-jobs.json is empty.");
        var days = today.DayNumber - file.ReferenceDate.DayNumber;
        var postings = file.Postings.Select(p => p with
        {
            PostedOn = p.PostedOn.AddDays(days),
            ExpiresOn = p.ExpiresOn?.AddDays(days),
        });
        var fairs = file.Fairs.Select(f => f with
        {
            StartsAt = f.StartsAt.AddDays(days),
            EndsAt = f.EndsAt?.AddDays(days),
        });
        return new JobSampleSet([.. postings], [.. fairs]);
    }

    private sealed record SampleFile(DateOnly ReferenceDate, IReadOnlyList<JobPosting> Postings, IReadOnlyList<JobFair> Fairs);

    public static Stream ReadResource(string fileName) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream(Prefix + fileName)
        ?? throw new FileNotFoundException($"Embedded job data file {fileName} is missing.");
}

/// <summary>The shipped sample data, dated for today.</summary>
public sealed record JobSampleSet(IReadOnlyList<JobPosting> Postings, IReadOnlyList<JobFair> Fairs);
