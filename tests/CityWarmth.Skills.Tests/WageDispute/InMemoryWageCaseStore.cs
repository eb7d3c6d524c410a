using CityWarmth.Skills.WageDispute;

namespace CityWarmth.Skills.Tests.WageDispute;

/// <summary>A test-only <see cref="IWageCaseStore"/>: numbers cases per China day under a lock.</summary>
internal sealed class InMemoryWageCaseStore(TimeProvider timeProvider) : IWageCaseStore
{
    private readonly Lock _gate = new();
    private readonly List<WageCase> _cases = [];
    private readonly Dictionary<DateOnly, int> _sequences = [];

    public IReadOnlyList<WageCase> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _cases];
            }
        }
    }

    public Task<WageCaseReceipt> SubmitAsync(WageCase draft, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var day = WageCaseNumber.ChinaDate(now);
        lock (_gate)
        {
            var next = _sequences.GetValueOrDefault(day) + 1;
            _sequences[day] = next;
            draft.CaseNumber = WageCaseNumber.Format(day, next);
            draft.Status = WageCaseStatus.Submitted;
            draft.SubmittedAt = now;
            draft.UpdatedAt = now;
            _cases.Add(draft);
        }
        return Task.FromResult(new WageCaseReceipt(draft.CaseNumber, now));
    }

    public Task<WageCase?> GetAsync(string caseNumber, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_cases.FirstOrDefault(c => c.CaseNumber == caseNumber));
        }
    }

    public Task<IReadOnlyList<WageCase>> ListAsync(WageCaseStatus? status, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<WageCase> list = [.. _cases.Where(c => status is null || c.Status == status).OrderByDescending(c => c.SubmittedAt)];
            return Task.FromResult(list);
        }
    }

    public Task<IReadOnlyList<WageCaseProgress>> ProgressOfConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<WageCaseProgress> list = [.. _cases.Where(c => c.ConversationId == conversationId)
                .OrderByDescending(c => c.SubmittedAt).Select(c => new WageCaseProgress(c, c.NoteForWorker))];
            return Task.FromResult(list);
        }
    }
}
