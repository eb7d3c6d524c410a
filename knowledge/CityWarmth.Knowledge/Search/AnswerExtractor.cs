using System.Text;
using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Readers;

namespace CityWarmth.Knowledge.Search;

/// <summary>
/// Picks what of a passage answers a question, about 120 characters, the fact first. When the question asks for a
/// kind of value (a phone number, an address, a time limit, an amount, materials...), the unit chosen is the one
/// that holds such a value and shares most of the question's words: the address, not the opening hours; the row of
/// the place asked about, and of that row the columns asked about. A list is quoted whole, a table row with its
/// headers; a value far into a sentence is also put in front ("电话：0000-3312351。…").
/// </summary>
public static partial class AnswerExtractor
{
    // What a sentence that refers to the table below keeps of its score.
    private const double PointerShare = 0.5;

    public const int TargetLength = 120;

    private const int MaxListLength = 160;

    // A value this far into the answer is said first as well.
    private const int LeadDistance = 24;

    // Words in nearly every sentence of a migrant-worker policy; they do not tell sentences apart.
    private static readonly HashSet<string> Ubiquitous = ["农民工", "农民", "民工", "工作", "服务", "开展", "加强"];

    // Kinds whose value is one clean token, worth saying ahead of the sentence that holds it, and how to name it.
    private static readonly (AnswerKind Kind, string Label)[] Leads =
        [(AnswerKind.Phone, "电话"), (AnswerKind.Money, "金额"), (AnswerKind.Duration, "期限")];

    public static string Extract(PolicyPassage passage, QuestionAnalysis question) => Extract(PassageUnits.Of(passage), question, Terms(question));

    /// <param name="terms">The question's terms with their weights (<see cref="Terms"/>, or weighed by rarity in the knowledge base).</param>
    public static string Extract(PassageUnits passage, QuestionAnalysis question, List<(string Term, double Weight)> terms)
    {
        var units = passage.Units;
        if (units.Count == 0)
        {
            return Shorten(passage.Passage.Text, TargetLength);
        }

        terms = passage.WithinDocument(terms);
        var wanted = question.Kinds & ~AnswerKind.YesNo;
        var best = Best(units, terms, question, wanted);
        var unit = units[best];
        var answer = unit.Shape switch
        {
            UnitShape.TableRow => RowAnswer(unit, terms, wanted),
            UnitShape.ListLead or UnitShape.ListItem => ListAnswer(units, best),
            _ when (wanted & AnswerKind.Materials) != 0 && (unit.Held & AnswerKind.Materials) != 0 => MaterialsAnswer(units, best),
            _ => SentenceAnswer(units, best, terms, question),
        };

        answer = Shorten(answer, unit.Shape is UnitShape.ListLead or UnitShape.ListItem || (wanted & AnswerKind.Materials) != 0 ? MaxListLength : TargetLength);
        // A row already puts the cells asked about first.
        return unit.Shape == UnitShape.TableRow ? answer : WithLead(answer, unit.Normalized, wanted);
    }

    /// <summary>The question's telling terms with their weights, for matching units.</summary>
    public static List<(string Term, double Weight)> Terms(QuestionAnalysis question) =>
        [.. question.SentenceTerms().Where(t => !Ubiquitous.Contains(t.Term) && !question.IsAskingOrKnown(t.Term))];

    /// <summary>How much of the question a unit (in matching form) says.</summary>
    public static double Overlap(string normalizedUnit, List<(string Term, double Weight)> terms, QuestionAnalysis question)
    {
        var score = 0.0;
        foreach (var (term, weight) in terms)
        {
            if (normalizedUnit.Contains(term, StringComparison.Ordinal))
            {
                score += weight;
            }
        }

        foreach (var bigram in question.Bigrams)
        {
            if (normalizedUnit.Contains(bigram, StringComparison.Ordinal) && !question.IsAskingOrKnown(bigram))
            {
                score += 0.3;
            }
        }

        return score;
    }

    // The unit holding a value of the kind asked for that shares most of the question; without such a unit, the one
    // sharing most (a rule, for a yes/no question, before other text).
    private static int Best(IReadOnlyList<AnswerUnit> units, List<(string Term, double Weight)> terms, QuestionAnalysis question, AnswerKind wanted)
    {
        var best = -1;
        var bestScore = double.MinValue;
        var typed = wanted != AnswerKind.None && units.Any(u => (u.Held & wanted) != 0);
        var durationUnit = (wanted & AnswerKind.Duration) != 0 ? AnswerKinds.DurationUnit(question.Normalized) : null;
        terms = Discriminating(units.Where(u => !typed || (u.Held & wanted) != 0).ToList(), terms);
        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            if (typed && (unit.Held & wanted) == 0)
            {
                continue;
            }

            var score = Overlap(unit.Normalized, terms, question);
            if ((question.Kinds & AnswerKind.YesNo) != 0 && (unit.Held & AnswerKind.YesNo) != 0)
            {
                score += 0.5;
            }

            // Of several kinds asked for, a unit holding more of them answers more.
            score += 0.5 * BitCount(unit.Held & wanted);

            // "多少天" is answered by a limit in days rather than one in years.
            if (durationUnit is { } asked && (unit.Held & AnswerKind.Duration) != 0 && AnswerKinds.HoldsDurationIn(unit.Normalized, asked))
            {
                score += 0.5;
            }

            // "…提交下表中的证明材料" points to the answer rather than giving it.
            if (unit.Shape != UnitShape.TableRow && PointsOnward().IsMatch(unit.Normalized) && units.Any(u => u.Shape == UnitShape.TableRow && (!typed || (u.Held & wanted) != 0)))
            {
                score *= PointerShare;
            }
            if (score > bestScore)
            {
                best = i;
                bestScore = score;
            }
        }

        return best;
    }

    // Of several units that could answer, the question's words that only some of them say choose among them ("石湾区"
    // picks its row of a table of districts, "首次" its time limit); a word all of them say ("驿站") tells nothing.
    private static List<(string Term, double Weight)> Discriminating(List<AnswerUnit> candidates, List<(string Term, double Weight)> terms)
    {
        if (candidates.Count < 2)
        {
            return terms;
        }

        var scale = Math.Log(1 + candidates.Count);
        return [.. terms.Select(t =>
        {
            var saying = candidates.Count(u => u.Normalized.Contains(t.Term, StringComparison.Ordinal));
            return saying == 0 ? t : (t.Term, t.Weight * Math.Log(1 + (double)candidates.Count / saying) / scale);
        })];
    }

    // The row's name, then the cells asked about (by column or by kind of value), then the others that add
    // something else: a place's address after its phone number, but not the other columns' amounts.
    private static string RowAnswer(AnswerUnit row, List<(string Term, double Weight)> terms, AnswerKind wanted)
    {
        var cells = TableText.Cells(row.Text);
        if (cells.Length <= 2)
        {
            return row.Text;
        }

        var rest = cells.Skip(1).Select(c => (Text: c, Normalized: Text.TextNormalizer.ForMatching(c))).ToList();
        // The columns whose headers say most of the question ("其他区县" rather than "中心城区" for "在其他区县").
        var named = rest.Select(c => terms.Where(t => Header(c.Normalized).Contains(t.Term, StringComparison.Ordinal)).Sum(t => t.Weight)).ToList();
        var byColumn = named.Max() > 0 ? rest.Where((_, i) => named[i] == named.Max()).ToList() : [];
        var byKind = wanted == AnswerKind.None ? [] : rest.Where(c => (CellKinds(c.Normalized) & wanted) != 0).ToList();
        // The column the question names, of the kind it asks for ("中心城区" of two amounts), with the column whose
        // header names that kind ("受理点在哪条路" names the 受理点 column and asks for the 地址 one); else the kind;
        // else the column.
        var asked = byColumn.Intersect(byKind).ToList() is { Count: > 0 } both
            ? [.. both.Union(byKind.Where(c => (AnswerKinds.NamedByHeader(Header(c.Normalized)) & wanted) != 0))]
            : byKind.Count > 0 ? byKind : byColumn;
        if (asked.Count == 0)
        {
            return row.Text;
        }

        var askedKinds = asked.Aggregate(AnswerKind.None, (k, c) => k | AnswerKinds.Held(c.Normalized));
        var others = rest.Except(asked).Where(c => (AnswerKinds.Held(c.Normalized) & askedKinds) == 0);
        return string.Join(TableText.Separator, asked.Concat(others).Select(c => c.Text).Prepend(cells[0]));
    }

    // What a cell holds, by its value or by its column's header ("每月应缴(元):576.00" is an amount).
    private static AnswerKind CellKinds(string normalizedCell) =>
        AnswerKinds.Held(normalizedCell) | (normalizedCell.Contains(':', StringComparison.Ordinal) ? AnswerKinds.NamedByHeader(Header(normalizedCell)) : AnswerKind.None);

    private static string Header(string normalizedCell)
    {
        var colon = normalizedCell.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? normalizedCell[..colon] : normalizedCell;
    }

    // The line that leads into the list and every item of it.
    private static string ListAnswer(IReadOnlyList<AnswerUnit> units, int index)
    {
        var start = index;
        while (start > 0 && units[start].Shape == UnitShape.ListItem && units[start - 1].Shape is UnitShape.ListItem or UnitShape.ListLead)
        {
            start--;
        }

        var sb = new StringBuilder();
        for (var i = start; i < units.Count && (i == start || units[i].Shape == UnitShape.ListItem); i++)
        {
            var text = units[i].Text;
            sb.Append(text);
            if (i > start && char.IsLetterOrDigit(text[^1]))
            {
                sb.Append('；');
            }
        }

        return sb.ToString();
    }

    // Materials listed in one line, clause by clause ("身份证原件；银行卡；外地转入的另需…"): the clauses of the
    // line from the first that names some, so the list is not cut to the one clause that shares most words.
    private static string MaterialsAnswer(IReadOnlyList<AnswerUnit> units, int best)
    {
        var start = best;
        while (start > 0 && units[start - 1].Line == units[best].Line && (units[start - 1].Held & AnswerKind.Materials) != 0)
        {
            start--;
        }

        var answer = new StringBuilder(units[start].Text);
        for (var next = start + 1; next < units.Count && units[next].Line == units[best].Line
            && answer.Length + units[next].Text.Length <= MaxListLength; next++)
        {
            answer.Append(units[next].Text);
        }

        return answer.ToString();
    }

    // The sentence, and the next on the same line when it fits and says about as much about the question.
    private static string SentenceAnswer(IReadOnlyList<AnswerUnit> units, int best, List<(string Term, double Weight)> terms, QuestionAnalysis question)
    {
        var answer = new StringBuilder(units[best].Text);
        var said = Overlap(units[best].Normalized, terms, question);
        for (var next = best + 1; next < units.Count && next <= best + 2; next++)
        {
            var unit = units[next];
            if (unit.Shape != UnitShape.Sentence || unit.Line != units[best].Line || answer.Length + unit.Text.Length > TargetLength
                || Overlap(unit.Normalized, terms, question) < Math.Max(said / 2, double.Epsilon))
            {
                break;
            }

            answer.Append(unit.Text);
        }

        return answer.ToString();
    }

    // "电话：0000-3312351。" ahead of a sentence that gives the number late, when it gives just one.
    private static string WithLead(string answer, string normalized, AnswerKind wanted)
    {
        if (wanted == AnswerKind.None)
        {
            return answer;
        }

        foreach (var (kind, label) in Leads)
        {
            if ((wanted & kind) == 0)
            {
                continue;
            }

            var values = AnswerKinds.Values(normalized, kind);
            if (values.Count == 1 && normalized.IndexOf(values[0], StringComparison.Ordinal) > LeadDistance)
            {
                return $"{label}：{values[0]}。{answer}";
            }

            break;
        }

        return answer;
    }

    private static int BitCount(AnswerKind kinds) => System.Numerics.BitOperations.PopCount((uint)kinds);

    private static string Shorten(string text, int target)
    {
        text = text.Replace('\n', ' ').Trim();
        if (text.Length <= target + 20)
        {
            return text;
        }

        var cut = text.LastIndexOfAny([',', '，', '、', ';', '；'], target);
        return (cut > target / 2 ? text[..cut] : text[..target]) + "…";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"下表|如下表|见表|表中|表所列")]
    private static partial System.Text.RegularExpressions.Regex PointsOnward();
}
