namespace CityWarmth.Skills.WageDispute;

/// <summary>Masks personal data for places that do not need the full value (confirmations, lists).</summary>
public static class PiiMask
{
    /// <summary>"张三" → "张*", "欧阳娜娜" → "欧***"; only the first character stays.</summary>
    public static string Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(name.Trim());
        elements.MoveNext();
        var first = (string)elements.Current;
        var rest = 0;
        while (elements.MoveNext())
        {
            rest++;
        }
        return first + new string('*', Math.Max(rest, 1));
    }

    /// <summary>"13812345678" → "138****5678"; anything else keeps at most its last two characters.</summary>
    public static string Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return string.Empty;
        }
        var p = phone.Trim();
        return p.Length == 11
            ? string.Concat(p.AsSpan(0, 3), "****", p.AsSpan(7))
            : new string('*', Math.Max(p.Length - 2, 0)) + p[Math.Max(p.Length - 2, 0)..];
    }
}
