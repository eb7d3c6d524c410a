namespace CityWarmth.Skills.WageDispute;

/// <summary>What the worker is told after submitting: the case number and when it was filed.</summary>
public sealed record WageCaseReceipt(string CaseNumber, DateTimeOffset SubmittedAt);

/// <summary>
/// Durable storage of confirmed wage cases (the caseworkers' queue). The host implements it with EF Core;
/// <see cref="SubmitAsync"/> must assign the day's next case number atomically.
/// </summary>
public interface IWageCaseStore
{
    /// <summary>Stores the draft with status Submitted and a new <c>QX-YYYYMMDD-NNNN</c> number.</summary>
    Task<WageCaseReceipt> SubmitAsync(WageCase draft, CancellationToken cancellationToken);

    Task<WageCase?> GetAsync(string caseNumber, CancellationToken cancellationToken);

    /// <summary>Cases with the given status (all when null), newest first.</summary>
    Task<IReadOnlyList<WageCase>> ListAsync(WageCaseStatus? status, CancellationToken cancellationToken);

    /// <summary>
    /// The cases filed from one conversation, newest first, each with the caseworker's latest note for the worker: what
    /// the worker may be told about their own cases, and nothing of anyone else's.
    /// </summary>
    Task<IReadOnlyList<WageCaseProgress>> ProgressOfConversationAsync(string conversationId, CancellationToken cancellationToken);
}
