using System.Text;
using System.Text.RegularExpressions;
using CityWarmth.Knowledge.Readers;
using CityWarmth.Knowledge.Text;

namespace CityWarmth.Knowledge.Documents;

/// <summary>
/// Turns a document's blocks into passages that know their place: Chinese numbered headings
/// (<c>一、</c> <c>(一)</c> <c>1.</c> <c>(1)</c>) and marked-up headings (Markdown #, HTML h1-h6, Word styles)
/// open sections; each passage gets its section key (<c>二(四)</c>), its heading as written and its section path.
/// </summary>
public static partial class PassageSplitter
{
    /// <summary>Passages longer than this are split at paragraph or sentence boundaries.</summary>
    public const int MaxPassageLength = 500;

    private const int NumberedLevelBase = 10;

    // Below every heading and numbered level: a question of a Q&A, then a table's caption, open the innermost sections.
    private const int QuestionLevel = 50;
    private const int CaptionLevel = 100;

    /// <summary>Builds the document (metadata plus passages) from the blocks a reader produced.</summary>
    public static PolicyDocument Build(DocumentMetadata metadata, IReadOnlyList<SourceBlock> blocks, string sourceFile)
    {
        var cleaned = blocks
            .Select(b => b with { Text = ChineseScript.ToSimplified(SourceCleaner.Clean(b.Text)).Trim() })
            .Where(b => b.Text.Length > 0)
            .ToList();

        // The title the file records (Word's title, HTML <title>, PDF info) is not text; nor is a document's only
        // top-level heading when it opens the document: that is its title, not a section.
        var recorded = cleaned.FirstOrDefault(b => b.Kind == BlockKind.Title)?.Text;
        cleaned.RemoveAll(b => b.Kind == BlockKind.Title);
        string? leading = null;
        if (cleaned.Count > 0 && cleaned[0].HeadingLevel == 1 && cleaned.Count(b => b.HeadingLevel == 1) == 1)
        {
            leading = cleaned[0].Text;
            cleaned.RemoveAt(0);
        }

        metadata = metadata with { Title = TitleFor(metadata, sourceFile, recorded ?? leading) };
        // A page that also prints its title as the first line of its text ("<div class=title>") says it once.
        if (cleaned.Count > 0 && cleaned[0].Kind is BlockKind.Paragraph or BlockKind.Heading && cleaned[0].Text == metadata.Title)
        {
            cleaned.RemoveAt(0);
        }

        cleaned = MarkListItems(cleaned);
        cleaned = MarkQuestions(cleaned);

        var passages = new List<PolicyPassage>();
        var body = new List<SourceBlock>();
        var partRuns = new List<(DocumentPartMetadata Part, List<SourceBlock> Blocks)>();
        foreach (var block in cleaned)
        {
            var part = metadata.Parts.FirstOrDefault(p => block.Line > 0 && block.Line >= p.FirstLine && block.Line <= p.LastLine);
            if (part is null)
            {
                body.Add(block);
            }
            else if (partRuns.Count > 0 && ReferenceEquals(partRuns[^1].Part, part))
            {
                partRuns[^1].Blocks.Add(block);
            }
            else
            {
                partRuns.Add((part, [block]));
            }
        }

        foreach (var (part, partBlocks) in partRuns)
        {
            var title = part.Title ?? metadata.Title;
            var text = string.Join('\n', partBlocks.Select(b => b.Text));
            foreach (var chunk in Chunk(text))
            {
                passages.Add(NewPassage(metadata, passages.Count, part.Kind, PartKey(part.Kind), title, [title], chunk,
                    title, part.Issuer ?? metadata.Issuer, part.Date ?? metadata.Date));
            }
        }

        var signatureStart = FindSignature(body);
        SplitSections(metadata, body.Take(signatureStart).ToList(), passages);
        if (signatureStart < body.Count)
        {
            passages.Add(NewPassage(metadata, passages.Count, PassagePart.Signature, string.Empty, string.Empty, [],
                string.Join('\n', body.Skip(signatureStart).Select(b => b.Text)), metadata.Title, metadata.Issuer, metadata.Date));
        }

        return new PolicyDocument(metadata.Id, metadata.Title, metadata.Issuer, metadata.Date, metadata.Region,
            metadata.Kind, metadata.Sample, sourceFile, passages);
    }

    /// <summary>
    /// The title to cite: the one given with the document, unless that is missing or only repeats the file's name
    /// (what an upload without a title gets); then the title found in the document; the file name as a last resort.
    /// </summary>
    public static string TitleFor(DocumentMetadata metadata, string sourceFile, string? foundInDocument)
    {
        var given = metadata.Title?.Trim() ?? string.Empty;
        var stem = Path.GetFileNameWithoutExtension(sourceFile);
        var placeholder = given.Length == 0
            || given.Equals(stem, StringComparison.OrdinalIgnoreCase)
            || given.Equals(Path.GetFileName(sourceFile), StringComparison.OrdinalIgnoreCase);
        if (!placeholder)
        {
            return given;
        }

        var found = foundInDocument?.Trim().TrimEnd('。', '.') ?? string.Empty;
        return found.Length > 0 ? found : given.Length > 0 ? given : stem;
    }

    // Numbered lines are headings unless they are the items of a list: an item ends like a clause ("1.身份证；"), or
    // a run of numbered lines follows one another with nothing in between, none of them a heading with text after it.
    private static List<SourceBlock> MarkListItems(List<SourceBlock> blocks)
    {
        var numbering = blocks.Select(b => b.Kind == BlockKind.Paragraph && TryParseNumbering(b.Text, out var level, out _, out var length)
            ? (Level: level, Length: length) : (Level: 0, Length: 0)).ToArray();
        var items = new bool[blocks.Count];
        for (var i = 0; i < blocks.Count; i++)
        {
            items[i] = numbering[i].Level > 0 && blocks[i].Text.TrimEnd()[^1] is '；' or ';' or '，' or ',' or '、';
        }

        for (var start = 0; start < blocks.Count;)
        {
            var level = numbering[start].Level;
            var end = start + 1;
            while (level > 0 && end < blocks.Count && numbering[end].Level == level)
            {
                end++;
            }

            if (level > 0 && end - start >= 2
                && Enumerable.Range(start, end - start).All(i => HeadingOf(blocks[i].Text, numbering[i].Length).Length >= blocks[i].Text.TrimEnd('。', '.').Length))
            {
                Array.Fill(items, true, start, end - start);
            }

            start = end;
        }

        return [.. blocks.Select((b, i) => items[i] ? b with { Kind = BlockKind.ListItem } : b)];
    }

    // A Q&A ("问：能不能入会？" then "答：…") is a section per question: the question is the heading of its answer.
    private static List<SourceBlock> MarkQuestions(List<SourceBlock> blocks)
    {
        var marked = new List<SourceBlock>(blocks.Count);
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            var next = i + 1 < blocks.Count ? blocks[i + 1] : null;
            var isQuestion = block.Kind == BlockKind.Paragraph && block.Text.Length <= MaxQuestionLength
                && next is { Kind: BlockKind.Paragraph or BlockKind.ListItem or BlockKind.TableRow }
                && (QuestionMark().IsMatch(block.Text) || (block.Text[^1] is '？' or '?' && AnswerMark().IsMatch(next.Text)));
            marked.Add(isQuestion ? block with { Kind = BlockKind.Heading, HeadingLevel = QuestionLevel, Text = QuestionMark().Replace(block.Text, string.Empty) } : block);
        }

        return marked;
    }

    private const int MaxQuestionLength = 80;

    /// <summary>Recognises a numbered heading at the start of a line, returning its level (1-4) and key part.</summary>
    public static bool TryParseNumbering(string line, out int level, out string keyPart, out int length)
    {
        foreach (var (regex, lvl) in NumberingPatterns)
        {
            var m = regex.Match(line);
            if (m.Success)
            {
                level = lvl;
                keyPart = lvl switch
                {
                    2 => $"({m.Groups["n"].Value})",
                    3 => m.Groups["n"].Value,
                    4 => $"({m.Groups["n"].Value})",
                    _ => m.Groups["n"].Value,
                };
                length = m.Length;
                return true;
            }
        }

        level = 0;
        keyPart = string.Empty;
        length = 0;
        return false;
    }

    private static readonly (Regex Regex, int Level)[] NumberingPatterns =
    [
        (Level1(), 1), (Level2(), 2), (Level3(), 3), (Level4(), 4),
    ];

    private static void SplitSections(DocumentMetadata metadata, List<SourceBlock> blocks, List<PolicyPassage> passages)
    {
        var stack = new List<(int Level, string KeyPart, bool IsText, string Heading)>();
        var currentHeading = string.Empty;
        var text = new StringBuilder();

        void Flush()
        {
            if (text.Length == 0)
            {
                return;
            }

            // A heading line with nothing under it ("二、活动内容") is not a passage of its own.
            if (text.ToString().TrimEnd('\n') == currentHeading && stack.Count > 0)
            {
                text.Clear();
                return;
            }

            var key = ComposeKey(stack);
            var path = stack.Select(s => s.Heading).ToList();
            foreach (var chunk in Chunk(text.ToString().TrimEnd('\n')))
            {
                passages.Add(NewPassage(metadata, passages.Count, PassagePart.Body, key, currentHeading, path, chunk,
                    metadata.Title, metadata.Issuer, metadata.Date));
            }

            text.Clear();
        }

        // A table with a caption is a section of its own under the heading above it, for as long as its rows run.
        string? openCaption = null;
        void CloseCaption()
        {
            if (openCaption is null)
            {
                return;
            }

            Flush();
            stack.RemoveAt(stack.Count - 1);
            currentHeading = stack.Count > 0 ? stack[^1].Heading : string.Empty;
            openCaption = null;
        }

        foreach (var block in blocks)
        {
            if (block.Kind == BlockKind.TableRow)
            {
                if (block.Caption is { } caption && caption != openCaption)
                {
                    CloseCaption();
                    Flush();
                    stack.Add((CaptionLevel, caption, true, caption));
                    currentHeading = caption;
                    openCaption = caption;
                    text.Append(caption).Append('\n');
                }

                text.Append(block.Text).Append('\n');
                continue;
            }

            CloseCaption();
            int level;
            string keyPart;
            bool isText;
            string heading;
            if (block.Kind is BlockKind.Paragraph or BlockKind.Heading && TryParseNumbering(block.Text, out var numbered, out keyPart, out var numberLength))
            {
                // A marked-up heading keeps its mark-up level; its number still gives the key.
                level = block.IsHeading ? block.HeadingLevel : NumberedLevelBase + numbered;
                isText = false;
                heading = HeadingOf(block.Text, numberLength);
            }
            else if (block.IsHeading)
            {
                level = block.HeadingLevel;
                keyPart = block.Text;
                isText = true;
                heading = block.Text;
            }
            else
            {
                text.Append(block.Text).Append('\n');
                continue;
            }

            Flush();
            while (stack.Count > 0 && stack[^1].Level >= level)
            {
                stack.RemoveAt(stack.Count - 1);
            }

            stack.Add((level, keyPart, isText, heading));
            currentHeading = heading;
            text.Append(block.Text).Append('\n');
        }

        CloseCaption();
        Flush();
    }

    // "(四)改善农民工居住条件。加大…" has its heading inline, ended by the first full stop.
    private static string HeadingOf(string line, int numberLength)
    {
        var stop = line.IndexOfAny(['。', '.', '!', '?', '！', '？'], numberLength);
        if (stop > 0 && stop <= numberLength + 40)
        {
            return line[..stop];
        }

        if (line.Length <= numberLength + 40)
        {
            return line.TrimEnd(':', '：');
        }

        var comma = line.IndexOfAny([',', '，', ';', '；', ':', '：'], numberLength);
        return comma > 0 && comma <= numberLength + 40 ? line[..comma] : line[..(numberLength + 40)] + "…";
    }

    private static string ComposeKey(List<(int Level, string KeyPart, bool IsText, string Heading)> stack)
    {
        var sb = new StringBuilder();
        var previousWasText = false;
        foreach (var (_, keyPart, isText, _) in stack)
        {
            if (sb.Length > 0 && (isText || previousWasText))
            {
                sb.Append('/');
            }

            sb.Append(keyPart);
            previousWasText = isText;
        }

        return sb.ToString();
    }

    // Signatures close official notices: a run of short lines (offices, then a date) with no sentence punctuation.
    private static int FindSignature(List<SourceBlock> body)
    {
        var start = body.Count;
        while (start > 0)
        {
            var b = body[start - 1];
            if (b.IsHeading || b.Text.Length > 24 || b.Text.IndexOfAny(['。', ',', '，', ';', '；', ':', '：']) >= 0
                || TryParseNumbering(b.Text, out _, out _, out _))
            {
                break;
            }

            start--;
        }

        var hasDate = body.Skip(start).Any(b => DateLine().IsMatch(b.Text));
        return hasDate && start > 0 ? start : body.Count;
    }

    private static IEnumerable<string> Chunk(string text)
    {
        if (text.Length <= MaxPassageLength)
        {
            yield return text;
            yield break;
        }

        var current = new StringBuilder();
        foreach (var piece in Pieces(text))
        {
            if (current.Length > 0 && current.Length + piece.Length > MaxPassageLength)
            {
                yield return current.ToString().Trim();
                current.Clear();
            }

            current.Append(piece);
        }

        if (current.Length > 0)
        {
            yield return current.ToString().Trim();
        }
    }

    private static IEnumerable<string> Pieces(string text)
    {
        foreach (var paragraph in text.Split('\n'))
        {
            if (paragraph.Length <= MaxPassageLength)
            {
                yield return paragraph + "\n";
                continue;
            }

            foreach (var sentence in SentenceSplitter.Split(paragraph))
            {
                yield return sentence;
            }

            yield return "\n";
        }
    }

    private static string PartKey(PassagePart part) => part switch
    {
        PassagePart.Summary => "摘要",
        _ => part.ToString(),
    };

    private static PolicyPassage NewPassage(DocumentMetadata metadata, int ordinal, PassagePart part, string key,
        string heading, IReadOnlyList<string> path, string text, string title, string issuer, DateOnly? date) =>
        new($"{metadata.Id}-p{ordinal + 1:00}", metadata.Id, ordinal, part, key, heading, path, text, title, issuer, date);

    [GeneratedRegex(@"^\s*(问|问题|Q)\s*[:：]\s*", RegexOptions.IgnoreCase)]
    private static partial Regex QuestionMark();

    [GeneratedRegex(@"^\s*(答|回答|A)\s*[:：]", RegexOptions.IgnoreCase)]
    private static partial Regex AnswerMark();

    [GeneratedRegex(@"^(?<n>[一二三四五六七八九十]{1,3})[、,，.．]")]
    private static partial Regex Level1();

    [GeneratedRegex(@"^[(（](?<n>[一二三四五六七八九十]{1,3})[)）]")]
    private static partial Regex Level2();

    [GeneratedRegex(@"^(?<n>\d{1,2})(?:[、．]|\.(?!\d))")]
    private static partial Regex Level3();

    [GeneratedRegex(@"^[(（](?<n>\d{1,2})[)）]")]
    private static partial Regex Level4();

    [GeneratedRegex(@"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$|^\d{4}[-./]\d{1,2}[-./]\d{1,2}$")]
    private static partial Regex DateLine();
}
