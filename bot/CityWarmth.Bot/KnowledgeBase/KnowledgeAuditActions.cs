namespace CityWarmth.Bot.KnowledgeBase;

/// <summary>Audit actions of knowledge administration (at most 32 characters).</summary>
public static class KnowledgeAuditActions
{
    public const string DraftCreated = "kb.draft.create";
    public const string DraftDiscarded = "kb.draft.discard";
    public const string DocumentAdded = "kb.document.add";
    public const string DocumentReplaced = "kb.document.replace";
    public const string DocumentRetired = "kb.document.retire";
    public const string SynonymAdded = "kb.synonym.add";
    public const string SynonymDeleted = "kb.synonym.delete";
    public const string AlternateAdded = "kb.alternate.add";
    public const string AlternateDeleted = "kb.alternate.delete";
    public const string RegressionReplaced = "kb.regression.replace";
    public const string RegressionAdded = "kb.regression.add";
    public const string RegressionDeleted = "kb.regression.delete";
    public const string UnansweredDismissed = "kb.unanswered.dismiss";
    public const string PassageAdded = "kb.passage.add";
    public const string Published = "kb.publish";
    public const string RolledBack = "kb.rollback";
}
