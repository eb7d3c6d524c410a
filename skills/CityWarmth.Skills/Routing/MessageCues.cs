using System.Text.RegularExpressions;

namespace CityWarmth.Skills.Routing;

/// <summary>
/// What kind of message this is, read from cues that carry over to text nobody wrote an example for (Data/routing/
/// cues.txt): the question words and forms, what a question asks for (a phone number, materials, a place, a time,
/// a fee, a department, a procedure, a rule), reports of pay owed or a boss gone, requests and complaints, the kinds
/// of things named (trade, money, duration, boss, case number), job-seeking forms, a person asked for, and danger.
/// From those it names the speech act and the combinations a linear classifier cannot form by itself, above all
/// a question about wage arrears (answered from the knowledge base) against a report of one's own (the intake).
/// </summary>
public sealed partial class MessageCues
{
    // Speech acts and their combinations, named for the classifier and the router.
    public const string Question = "act.question";
    public const string Report = "act.report";
    public const string Request = "act.request";
    public const string Complaint = "act.complaint";
    public const string AsksFor = "act.asksFor";
    public const string WageQuestion = "act.wageQuestion";
    public const string WageReport = "act.wageReport";
    public const string WageRequest = "act.wageRequest";
    public const string JobSeeking = "job.seek";
    public const string TradeRequest = "act.tradeRequest";
    public const string TrainingQuestion = "act.trainingQuestion";

    /// <summary>A question of legality, a time limit or what the law makes an employer pay ("还能告吗", "要赔多少").</summary>
    public const string LegalQuestion = "act.legalQuestion";
    public const string Arrears = "topic.arrears";
    public const string Person = "person";

    /// <summary>Asking how one's own registration or complaint is going ("我的登记怎么样了").</summary>
    public const string CaseProgress = "case.progress";

    private readonly (string Name, string[] Words, Regex[] Patterns)[] _cues;

    public MessageCues(IEnumerable<string> lines)
    {
        var words = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var patterns = new Dictionary<string, List<Regex>>(StringComparer.Ordinal);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var equals = line.IndexOf(" = ", StringComparison.Ordinal);
            var tilde = line.IndexOf(" ~ ", StringComparison.Ordinal);
            if (tilde > 0 && (equals < 0 || tilde < equals))
            {
                var name = line[..tilde].Trim();
                Add(patterns, name, new Regex(line[(tilde + 3)..].Trim(), RegexOptions.CultureInvariant | RegexOptions.Compiled));
                words.TryAdd(name, []);
            }
            else if (equals > 0)
            {
                var name = line[..equals].Trim();
                foreach (var word in line[(equals + 3)..].Split([',', '，'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    Add(words, name, word);
                }
                patterns.TryAdd(name, []);
            }
            else
            {
                throw new FormatException($"Data/routing/cues.txt: expected 'name = words' or 'name ~ regex' in '{line}'.");
            }
        }
        _cues = [.. words.Keys.Select(name => (name, words[name].ToArray(), patterns[name].ToArray()))];
    }

    /// <summary>The cues shipped with the skills.</summary>
    public static MessageCues Default { get; } = new(ReadLines());

    /// <summary>The cues present in a message in the router's reading (<see cref="RoutingText.Read"/>).</summary>
    public IReadOnlySet<string> Find(string text)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        // A report is read without the "A不A" forms: "给不给补贴" asks, it does not say "不给".
        var withoutAnotA = AnotA().Replace(text, " ");
        foreach (var (name, words, patterns) in _cues)
        {
            var target = name.StartsWith("rep.", StringComparison.Ordinal) ? withoutAnotA : text;
            if (words.Any(w => target.Contains(w, StringComparison.Ordinal)) || patterns.Any(p => p.IsMatch(target)))
            {
                found.Add(name);
            }
        }
        // Only words for one trade count; broad words such as 工地 or 饭店 come up in other questions as often.
        if (Jobs.JobVocabulary.Default.FindTrades(text).Any(m => m.Trades.Count == 1))
        {
            found.Add("ent.trade");
        }
        AddSpeechActs(found);
        return found;
    }

    // What a question asks for that a document states as a value: a phone number, a place, a time, a fee, materials.
    private static readonly string[] FactAsks = ["ask.phone", "ask.place", "ask.time", "ask.fee", "ask.material"];

    /// <summary>True for a question that asks for a value a document would state (a number, a place, a time, a fee,
    /// materials), as against a question about the bot or the world at large.</summary>
    public static bool AsksForFact(IReadOnlySet<string> cues) =>
        cues.Contains(Question) && FactAsks.Any(cues.Contains);

    private static void AddSpeechActs(HashSet<string> cues)
    {
        bool Any(string prefix) => cues.Any(c => c.StartsWith(prefix, StringComparison.Ordinal));

        var question = Any("q.");
        // "怎么办" alone asks for help with one's own case, not for a fact.
        var asksFor = cues.Any(c => c.StartsWith("ask.", StringComparison.Ordinal) && c != "ask.howto");
        var report = cues.Contains("rep.owed") || cues.Contains("rep.gone");
        var request = cues.Contains("req.help") || cues.Contains("req.want");
        var complaint = cues.Contains("req.complain") || cues.Contains("req.register");
        var wage = cues.Contains("topic.wage");
        var trade = cues.Contains("ent.trade") || cues.Contains("ent.tradeLike");

        if (question) cues.Add(Question);
        if (report) cues.Add(Report);
        if (request) cues.Add(Request);
        if (complaint) cues.Add(Complaint);
        if (question && asksFor) cues.Add(AsksFor);
        // Legality, a time limit, what the law makes them pay: asked about one's own case too, it asks for the rule.
        var legal = question && cues.Contains("ask.legal");
        if (legal) cues.Add(LegalQuestion);

        // Asking about arrears in general (a number, materials, a fee, a place, a time limit) is a question for the
        // knowledge base; saying that one's own pay is owed, or asking to register or complain, starts the intake.
        if ((wage || cues.Contains("topic.law")) && question && asksFor && (!report || legal)) cues.Add(WageQuestion);
        if ((wage || cues.Contains("ent.boss")) && report && !legal) cues.Add(WageReport);
        if ((wage || report) && complaint && !(question && asksFor)) cues.Add(WageRequest);
        if (trade && (cues.Contains(JobSeeking) || question || request)) cues.Add(TradeRequest);
        if (cues.Contains("topic.training") && (question || request)) cues.Add(TrainingQuestion);

        // The kind of speech alone, for messages with none of the above.
        if (!question && !report && !request && !complaint) cues.Add("act.statement");
    }

    private static IEnumerable<string> ReadLines()
    {
        using var reader = new StreamReader(RoutingText.OpenResource("cues.txt"));
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }
        list.Add(value);
    }

    [GeneratedRegex(@"(\p{IsCJKUnifiedIdeographs})[不没]\1", RegexOptions.CultureInvariant)]
    private static partial Regex AnotA();
}
