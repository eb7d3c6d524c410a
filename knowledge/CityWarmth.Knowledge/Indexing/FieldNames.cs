namespace CityWarmth.Knowledge.Indexing;

/// <summary>Lucene field names of a passage document.</summary>
public static class FieldNames
{
    public const string PassageId = "id";
    public const string Body = "body";
    public const string BodyBigrams = "body_bg";
    public const string Heading = "heading";
    public const string HeadingBigrams = "heading_bg";
    public const string Alternate = "alt";

    /// <summary>The title of the text a passage belongs to: what every section of a guide is about.</summary>
    public const string Title = "title";
    public const string TitleBigrams = "title_bg";
    public const string AlternateBigrams = "alt_bg";

    /// <summary>True for the fields holding CJK bigrams rather than words.</summary>
    public static bool IsBigramField(string field) => field is BodyBigrams or HeadingBigrams or AlternateBigrams or TitleBigrams;
}
