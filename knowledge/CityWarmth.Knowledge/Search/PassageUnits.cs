using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Readers;
using CityWarmth.Knowledge.Text;

namespace CityWarmth.Knowledge.Search;

/// <summary>How a unit of a passage is set: a sentence, a table row, a list item, or the line that opens a list.</summary>
public enum UnitShape
{
    Sentence,
    TableRow,
    ListItem,
    ListLead,
}

/// <summary>One quotable unit of a passage, with its matching form and the kinds of value it holds.</summary>
/// <param name="Line">The line of the passage it is on: sentences of one line belong together.</param>
public sealed record AnswerUnit(string Text, string Normalized, AnswerKind Held, UnitShape Shape, int Line);

/// <summary>
/// A passage cut into the units an answer can quote: table rows whole, list items with the line that leads into them,
/// other text sentence by sentence; the heading line is left out. Built once per passage and reused for every
/// question (<see cref="LucenePolicySearch"/> keeps them per published index).
/// </summary>
public sealed class PassageUnits
{
    private const int MaxListItemLength = 100;

    private PassageUnits(PolicyPassage passage, IReadOnlyList<AnswerUnit> units)
    {
        Passage = passage;
        Units = units;
        HeadingNormalized = TextNormalizer.ForMatching(passage.Heading);
        TitleNormalized = TextNormalizer.ForMatching(passage.Title);
        Held = units.Aggregate(AnswerKind.None, (all, u) => all | u.Held);
    }

    public PolicyPassage Passage { get; }

    public IReadOnlyList<AnswerUnit> Units { get; }

    public string HeadingNormalized { get; }

    /// <summary>The title of the text the passage is in, in matching form: what all its sections are about.</summary>
    public string TitleNormalized { get; }

    /// <summary>
    /// <paramref name="terms"/> with the document's topic words (those in its title) counting for less: every
    /// section of a rent subsidy guide is about the rent subsidy, so "租房补贴" does not tell its sections apart.
    /// </summary>
    public List<(string Term, double Weight)> WithinDocument(List<(string Term, double Weight)> terms) =>
        [.. terms.Select(t => TitleNormalized.Contains(t.Term, StringComparison.Ordinal) ? (t.Term, t.Weight * TopicShare) : t)];

    private const double TopicShare = 0.3;

    /// <summary>Every kind of value the passage holds somewhere.</summary>
    public AnswerKind Held { get; }

    public static PassageUnits Of(PolicyPassage passage)
    {
        var units = new List<AnswerUnit>();
        var lines = passage.Text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var inList = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (i == 0 && IsHeadingOnly(line, passage.Heading))
            {
                continue;
            }

            if (TableText.IsRow(line))
            {
                units.Add(Unit(line, UnitShape.TableRow, i));
                inList = false;
                continue;
            }

            var sentences = SentenceSplitter.Split(i == 0 ? StripHeading(line, passage.Heading) : line);
            if (inList && sentences.Count == 1 && line.Length <= MaxListItemLength)
            {
                units.Add(Unit(line, UnitShape.ListItem, i, listItem: true));
                continue;
            }

            inList = false;
            foreach (var sentence in sentences.Where(s => !IsHeadingOnly(s, passage.Heading)))
            {
                units.Add(Unit(sentence, UnitShape.Sentence, i));
            }

            // "请带上：" or "应当提交下列材料：" leads into a list on the lines below.
            if (units.Count > 0 && units[^1].Line == i && units[^1].Text.TrimEnd()[^1] is '：' or ':')
            {
                units[^1] = units[^1] with { Shape = UnitShape.ListLead };
                inList = true;
            }
        }

        // Lines in a row that are numbered ("1.打开…", "(二)解除合同的证明") or end like a list entry ("劳动合同；") are a
        // list even without a lead.
        for (var i = 0; i < units.Count; i++)
        {
            if (units[i].Shape == UnitShape.Sentence && LooksLikeItem(units[i])
                && ((i > 0 && LooksLikeItem(units[i - 1]) && units[i - 1].Line != units[i].Line)
                    || (i + 1 < units.Count && LooksLikeItem(units[i + 1]) && units[i + 1].Line != units[i].Line)))
            {
                units[i] = units[i] with { Shape = UnitShape.ListItem, Held = AnswerKinds.Held(units[i].Normalized, listItem: true) };
            }
        }

        return new PassageUnits(passage, units);
    }

    private static bool LooksLikeItem(AnswerUnit unit) =>
        unit.Shape is UnitShape.Sentence or UnitShape.ListItem
        && (PassageSplitter.TryParseNumbering(unit.Text, out _, out _, out _) && unit.Text.Length <= MaxListItemLength
            || unit.Text[^1] is '；' or ';' && unit.Text.Length <= MaxListItemLength / 2 && !unit.Text[..^1].Contains('，'));

    private static AnswerUnit Unit(string text, UnitShape shape, int line, bool listItem = false)
    {
        var normalized = TextNormalizer.ForMatching(text);
        var held = AnswerKinds.Held(normalized, listItem: listItem);
        if (shape == UnitShape.TableRow)
        {
            // A row's column headers say what its values are ("发车地点：汽车客运东站" is an address).
            foreach (var cell in TableText.Cells(text).Select(TextNormalizer.ForMatching))
            {
                var colon = cell.IndexOf(':', StringComparison.Ordinal);
                held |= colon > 0 ? AnswerKinds.NamedByHeader(cell[..colon]) : AnswerKind.None;
            }
        }

        return new AnswerUnit(text, normalized, held, shape, line);
    }

    private static bool IsHeadingOnly(string sentence, string heading) =>
        heading.Length > 0 && sentence.TrimEnd('。', '.', ':', '：').Equals(heading, StringComparison.Ordinal);

    private static string StripHeading(string line, string heading) =>
        heading.Length > 0 && line.StartsWith(heading, StringComparison.Ordinal) && line.Length > heading.Length + 1
            ? line[heading.Length..].TrimStart('。', '.', ':', '：')
            : line;
}
