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

    /// <summary>Builds the document (metadata plus passages) from the blocks a reader produced.</summary>
    public static PolicyDocument Build(DocumentMetadata metadata, IReadOnlyList<SourceBlock> blocks, string sourceFile)
    {
        var cleaned = blocks
            .Select(b => b with { Text = ChineseScript.ToSimplified(SourceCleaner.Clean(b.Text)).Trim() })
            .Where(b => b.Text.Length > 0)
            .ToList();

        // A leading top-level heading is the document's title, not a section.
        if (cleaned.Count > 0 && cleaned[0].HeadingLevel == 1)
        {
            cleaned.RemoveAt(0);
        }

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

        foreach (var block in blocks)
        {
            int level;
            string keyPart;
            bool isText;
            string heading;
            if (TryParseNumbering(block.Text, out var numbered, out keyPart, out var numberLength))
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
