using System.Text.Json.Serialization;

namespace CityWarmth.Skills.WageDispute;

/// <summary>
/// The questions of the intake, in the order they are asked; each is also the field it fills. Stored by name in the
/// conversation state and in the case history, so a step keeps its name once shipped.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<WageIntakeStep>))]
public enum WageIntakeStep
{
    Employer,
    EmployerName,
    Workplace,
    District,
    Trade,
    Construction,
    GeneralContractor,
    Amount,
    Period,
    JobEnded,
    JobEndDate,
    WorkerCount,
    Evidence,
    WorkerName,
    Phone,
    Consent,
    Summary,
}

/// <summary>One change of an answer after it was first given (kept with the case).</summary>
public sealed record WageFieldChange(DateTimeOffset At, WageIntakeStep Field, string? OldValue, string? NewValue);

/// <summary>
/// One wage-arrears intake in progress: the facts given so far and where the conversation is. Lives in
/// <c>ConversationState.WageIntake</c>, which the host saves after every turn, so a restart loses nothing.
/// Plain settable properties keep it round-trippable with System.Text.Json web defaults.
/// </summary>
public sealed record WageIntakeState : WageFacts
{
    public WageIntakeStep Step { get; set; } = WageIntakeStep.Employer;

    /// <summary>The worker said "取消" and we asked to confirm.</summary>
    public bool AwaitingCancelConfirm { get; set; }

    /// <summary>Answers to the pending question that could not be used, for a gentler re-ask.</summary>
    public int FailedAttempts { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The worker said they have named all the evidence they hold.</summary>
    public bool EvidenceDone { get; set; }

    /// <summary>Optional questions the worker skipped ("跳过").</summary>
    public List<WageIntakeStep> Skipped { get; set; } = [];

    /// <summary>
    /// Reads the consent of an intake saved while the state named it "consent" (before the facts were shared with the
    /// case, which names it "consentGiven"); never written.
    /// </summary>
    [JsonInclude]
    [JsonPropertyName("consent")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private bool? SavedConsent
    {
        get => null;
        set => ConsentGiven ??= value;
    }
}
