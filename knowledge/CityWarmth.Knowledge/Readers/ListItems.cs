using System.Text.RegularExpressions;

namespace CityWarmth.Knowledge.Readers;

/// <summary>Items of lists as readers give them: numbered as the document shows them ("1.打开…"), bullets without a mark.</summary>
public static partial class ListItems
{
    /// <summary>A list item; <paramref name="number"/> for an item of a numbered list, unless its text already starts with one.</summary>
    public static SourceBlock Item(string text, int? number) =>
        new(0, number is { } n && !Numbered().IsMatch(text) ? $"{n}.{text}" : text) { Kind = BlockKind.ListItem };

    [GeneratedRegex(@"^\s*([(（]?\d{1,2}[)）.、．]|[①-⑳])")]
    private static partial Regex Numbered();
}
