using CityWarmth.Knowledge.Text;
using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Handoff;
using CityWarmth.Skills.Help;
using CityWarmth.Skills.Llm;
using Microsoft.Extensions.Logging;

namespace CityWarmth.Skills.Routing;

/// <summary>
/// Decides which skill owns each message and lets it answer. In order: crisis words go to a person at once;
/// an open intake keeps the message unless it is clearly something else (then the other skill answers and the
/// intake asks its question again); a short follow-up is read with the previous turn; otherwise the model chooses
/// (when one is configured and answers well) or the offline classifier does. Unclear messages get a question with
/// buttons, and two misunderstandings in a row offer a person. Replies follow the worker's script.
/// </summary>
public sealed class SkillRouter : IConversationEngine
{
    private readonly IntentClassifier _classifier;
    private readonly Dictionary<string, ISkillHandler> _skills;
    private readonly HelpSkill _help;
    private readonly HandoffSkill _handoff;
    private readonly LlmRouter? _llm;
    private readonly ILogger<SkillRouter> _logger;
    private readonly Policy.IUnansweredQuestionSink? _unanswered;
    private readonly WageDispute.WageCaseProgressSkill? _caseProgress;

    /// <param name="unanswered">Receives messages the router could not place, for admins to review.</param>
    /// <param name="skills">The skills by name; of several with one name, the last registered wins.</param>
    /// <param name="caseProgress">Answers questions about a filed wage case before any skill is chosen.</param>
    public SkillRouter(IntentClassifier classifier, IEnumerable<ISkillHandler> skills, HelpSkill help, HandoffSkill handoff,
        ILogger<SkillRouter> logger, LlmRouter? llm = null, Policy.IUnansweredQuestionSink? unanswered = null,
        WageDispute.WageCaseProgressSkill? caseProgress = null)
    {
        _unanswered = unanswered;
        _caseProgress = caseProgress;
        _classifier = classifier;
        _skills = [];
        foreach (var skill in skills.Append(help).Append(handoff))
        {
            _skills[skill.Name] = skill;
        }
        _help = help;
        _handoff = handoff;
        _llm = llm;
        _logger = logger;
    }

    public Task<IReadOnlyList<BotReply>> OnWorkerJoinedAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken) =>
        Task.FromResult(Localise([_help.Welcome()], state));

    public async Task<IReadOnlyList<BotReply>> OnMessageAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken)
    {
        var text = turn.Text.Trim();
        NoteScript(text, state);
        var matching = TextNormalizer.ForMatching(text);
        // A question noted by this turn replaces the previous one; a request for a person keeps it (it led there).
        var previousQuestion = state.LastQuestionId;
        state.LastQuestionId = null;

        IReadOnlyList<BotReply> replies;
        if (matching.Length == 0)
        {
            replies = [_help.Menu()];
        }
        else if (CrisisDetector.IsCrisis(matching) || CrisisDetector.IsCrisis(RoutingText.Read(matching)))
        {
            Log.Crisis(_logger);
            state.Misunderstandings = 0;
            replies = _handoff.Crisis(state);
        }
        else if (_classifier.ClassifyMatching(matching) is var prediction && DangerDetector.Detect(prediction) is { } danger)
        {
            Log.Danger(_logger, danger);
            state.Misunderstandings = 0;
            replies = _handoff.Danger(state, danger);
        }
        else
        {
            // Skills act on pinyin read as characters ("gongzu fang zenme shenqing" searches 公租房怎么申请).
            var read = RoutingText.WithPinyinAsCharacters(text);
            replies = await RouteAsync(turn with { Text = read }, read == text ? matching : TextNormalizer.ForMatching(read), prediction, state, cancellationToken);
        }

        if (state.LastQuestionId is null && replies.Any(r => r.Skill == SkillNames.Handoff))
        {
            state.LastQuestionId = previousQuestion;
        }

        state.ActiveSkill = _skills.Values.OfType<IConversationalSkill>().FirstOrDefault(s => s.IsActive(state))?.Name;
        state.LastSkill = replies.FirstOrDefault()?.Skill ?? state.LastSkill;
        state.LastUserText = matching;
        return Localise(replies, state);
    }

    private async Task<IReadOnlyList<BotReply>> RouteAsync(UserTurn turn, string matching, IntentPrediction prediction, ConversationState state, CancellationToken ct)
    {
        if (_caseProgress is not null && (WageDispute.WageCaseProgressSkill.IsAbout(matching, prediction.Cues)
            || (prediction.Intent == Intents.CaseStatus && RoutingThresholds.IsClear(prediction))))
        {
            // A question about a filed case (a case number, "我的登记怎么样了") is never an intake answer nor a new intake.
            Log.Routed(_logger, SkillNames.WageDispute, "caseProgress", prediction.Intent, prediction.Confidence, prediction.Margin);
            state.Misunderstandings = 0;
            var progress = await _caseProgress.AnswerAsync(turn, matching, ct);
            return ActiveIntake(state) is { } open ? [.. progress, .. await open.ResumeAsync(state, ct)] : progress;
        }

        if (ActiveIntake(state) is { } intake)
        {
            return await WithinIntakeAsync(intake, turn, prediction, state, ct);
        }

        if (state.LastSkill is { } last && _skills.GetValueOrDefault(last) is IFollowUpSkill previous
            && await previous.TakesFollowUpAsync(turn, state, ct))
        {
            Log.Routed(_logger, last, "followUp", prediction.Intent, prediction.Confidence, prediction.Margin);
            state.Misunderstandings = 0;
            return await previous.HandleAsync(turn, state, ct);
        }

        if (FollowUpOf(matching, prediction, state) is { } followUp)
        {
            Log.Routed(_logger, followUp.Skill, "followUp", prediction.Intent, prediction.Confidence, prediction.Margin);
            state.Misunderstandings = 0;
            return await _skills[followUp.Skill].HandleAsync(turn with { Text = followUp.Topic }, state, ct);
        }

        if (_llm is not null && await _llm.TryRouteAsync(turn, state, ct) is { } chosen)
        {
            Log.Routed(_logger, chosen.Skill, "llm", prediction.Intent, prediction.Confidence, prediction.Margin);
            state.Misunderstandings = 0;
            return chosen.Replies ?? await _skills[chosen.Skill].HandleAsync(turn, state, ct);
        }

        return await OfflineAsync(turn, prediction, state, ct);
    }

    private async Task<IReadOnlyList<BotReply>> OfflineAsync(UserTurn turn, IntentPrediction prediction, ConversationState state, CancellationToken ct)
    {
        if (await KnowledgeAnswersInsteadAsync(turn, prediction, state, ct) is { } knowledge)
        {
            Log.Routed(_logger, knowledge.Name, "knowledge", prediction.Intent, prediction.Confidence, prediction.Margin);
            state.Misunderstandings = 0;
            return OfferIntakeAfterWageAnswer(await knowledge.HandleAsync(turn, state, ct), prediction);
        }

        // A question of legality, a time limit or compensation asks for the rule even when it tells of one's own unpaid
        // pay or dismissal: the knowledge base answers (and offers the intake), unless a person or a job is clearly meant.
        if (prediction.Cues.Contains(MessageCues.LegalQuestion) && _skills.ContainsKey(Intents.Policy)
            && (prediction.Intent is Intents.WageDispute or Intents.SmallTalk || !RoutingThresholds.IsConfident(prediction)))
        {
            Log.Routed(_logger, Intents.Policy, "legalQuestion", prediction.Intent, prediction.Confidence, prediction.Margin);
            state.Misunderstandings = 0;
            return OfferIntakeAfterWageAnswer(await _skills[Intents.Policy].HandleAsync(turn, state, ct), prediction);
        }

        if (!RoutingThresholds.IsConfident(prediction) && prediction.Intent is Intents.Help or Intents.Cancel or Intents.Continue
            && prediction.Confidence >= RoutingThresholds.MenuWhenUnsure && prediction.KnownFeatures > 0)
        {
            Log.Routed(_logger, Intents.Help, "menu", prediction.Intent, prediction.Confidence, prediction.Margin);
            return await _help.HandleAsync(turn, state, ct);
        }

        if (!RoutingThresholds.IsConfident(prediction))
        {
            _unanswered?.Record(turn.Text, Policy.UnansweredReason.Unclear, prediction.Confidence);
            Policy.AnswerFeedback.Note(state, turn.Text, Policy.QuestionOutcomes.Unclear, [], prediction.Confidence);
            var policySuggestions = (_skills.GetValueOrDefault(Intents.Policy) as IConfidentSkill)?.Suggest(turn);
            return Clarify(prediction, state, policySuggestions);
        }

        Log.Routed(_logger, prediction.Intent, "classifier", prediction.Intent, prediction.Confidence, prediction.Margin);
        switch (prediction.Intent)
        {
            case Intents.SmallTalk:
                return OutOfScope(state);
            case Intents.Cancel:
                state.Misunderstandings = 0;
                return [BotReply.Say(SkillNames.Help, "好的。还有别的事吗？", [.. HelpSkill.MenuButtons])];
            case Intents.Continue:
                state.Misunderstandings = 0;
                return [BotReply.Say(SkillNames.Help, "现在没有进行中的登记。您想办哪件事？", [.. HelpSkill.MenuButtons])];
            case Intents.Policy:
                state.Misunderstandings = 0;
                return OfferIntakeAfterWageAnswer(await _skills[prediction.Intent].HandleAsync(turn, state, ct), prediction);
            case Intents.CaseStatus:
                // Without the case store (tests, tools) the wage skill answers what it can.
                state.Misunderstandings = 0;
                return await _skills[Intents.WageDispute].HandleAsync(turn, state, ct);
            default:
                state.Misunderstandings = 0;
                return await _skills[prediction.Intent].HandleAsync(turn, state, ct);
        }
    }

    /// <summary>
    /// A question about wage arrears (the hotline, materials, a fee, a time limit) is answered from the knowledge base;
    /// the worker who asks may well be owed pay, so the answer offers the intake as its first button.
    /// </summary>
    private IReadOnlyList<BotReply> OfferIntakeAfterWageAnswer(IReadOnlyList<BotReply> replies, IntentPrediction prediction)
    {
        if (replies.Count == 0 || replies[0].Skill != SkillNames.Policy || !_skills.ContainsKey(Intents.WageDispute)
            || !(prediction.Cues.Contains(MessageCues.Arrears)
                 || (prediction.Cues.Contains(MessageCues.LegalQuestion) && (prediction.Cues.Contains("topic.wage") || prediction.Cues.Contains(MessageCues.Report))))
            || replies[0].Buttons.Any(b => b.Value == RegisterWages.Value))
        {
            return replies;
        }
        return [replies[0] with { Buttons = [RegisterWages, .. replies[0].Buttons] }, .. replies.Skip(1)];
    }

    /// <summary>The button that starts the wage intake from a policy answer.</summary>
    public static readonly ReplyButton RegisterWages = new("登记欠薪", "我要登记欠薪");

    /// <summary>
    /// The classifier knows how workers phrase requests, not what the knowledge base holds. When it is unsure or sees
    /// small talk, a confident answer from the knowledge base is the better reply. When it picks a skill that finds
    /// nothing of its own to act on ("开网约车的有没有组织管" is no job search), likely policy sections beat a
    /// "nothing found".
    /// </summary>
    private async Task<IConfidentSkill?> KnowledgeAnswersInsteadAsync(UserTurn turn, IntentPrediction prediction, ConversationState state, CancellationToken ct)
    {
        if ((prediction.Intent == Intents.Policy && RoutingThresholds.IsConfident(prediction))
            || _skills.GetValueOrDefault(Intents.Policy) is not IConfidentSkill knowledge)
        {
            return null;
        }

        double threshold;
        if (!RoutingThresholds.IsConfident(prediction) || prediction.Intent == Intents.SmallTalk)
        {
            // A question for a concrete fact (a number, a place, a time, a fee, materials) may be about a document the
            // training examples never saw (居住证, 医保档次): the knowledge base decides, as for a plausible policy question.
            if (prediction.ProbabilityOf(Intents.Policy) < RoutingThresholds.PlausiblePolicy && !MessageCues.AsksForFact(prediction.Cues))
            {
                return null;
            }
            threshold = knowledge.AnswerThreshold;   // overruling the classifier needs an answer; else the menu serves better
        }
        else if (_skills.GetValueOrDefault(prediction.Intent) is IScopedSkill scoped && !prediction.Cues.Contains(MessageCues.JobSeeking)
                 && !await scoped.UnderstandsAsync(turn, state, ct))
        {
            threshold = knowledge.SuggestThreshold;   // "您是想问" beats "nothing found"
        }
        else
        {
            return null;
        }
        return knowledge.Confidence(turn) >= threshold ? knowledge : null;
    }

    private async Task<IReadOnlyList<BotReply>> WithinIntakeAsync(IConversationalSkill intake, UserTurn turn,
        IntentPrediction prediction, ConversationState state, CancellationToken ct)
    {
        if (prediction.Intent == Intents.Continue && RoutingThresholds.IsConfident(prediction))
        {
            return await intake.ResumeAsync(state, ct);
        }

        // A reply to the pending question stays with the intake even when, read alone, it is clearly something else
        // ("是，建筑工地" reads as a policy topic, "钢筋工" or "东湖区光谷大道某某小区工地" as a job search); only a clear
        // request for a person always wins ("我们有十来个人" names people but asks for none).
        var clearlyElse = prediction.Intent != intake.Name && _skills.ContainsKey(prediction.Intent) && RoutingThresholds.IsClear(prediction)
            && (AsksForPerson(prediction) || (!intake.ExpectsAsAnswer(turn, state) && !IsBareStatement(prediction)));
        if (!clearlyElse)
        {
            // The intake sees "取消" first: it may want to confirm before throwing answers away.
            var continuation = await intake.ContinueAsync(turn, state, ct);
            if (continuation.Consumed)
            {
                state.Misunderstandings = 0;
                return continuation.Replies;
            }
        }

        if (prediction.Intent == Intents.Cancel && RoutingThresholds.IsConfident(prediction))
        {
            intake.Cancel(state);
            state.Misunderstandings = 0;
            return [BotReply.Say(intake.Name, "好的，这次登记先取消了。需要的时候随时再来找我。", [.. HelpSkill.MenuButtons])];
        }

        // An interruption: answer it, then ask the intake's pending question again.
        Log.Interrupted(_logger, intake.Name, prediction.Intent);
        IReadOnlyList<BotReply> answer;
        if ((prediction.Intent == intake.Name || !RoutingThresholds.IsConfident(prediction) || !_skills.ContainsKey(prediction.Intent))
            && _skills.GetValueOrDefault(Intents.Policy) is IConfidentSkill knowledge && knowledge.Confidence(turn) >= knowledge.AnswerThreshold)
        {
            // A question no other skill takes may still be answered: "欠薪去哪里投诉" reads as the intake's own topic.
            state.Misunderstandings = 0;
            answer = await knowledge.HandleAsync(turn, state, ct);
        }
        else if (prediction.Intent == intake.Name || !RoutingThresholds.IsConfident(prediction) || !_skills.ContainsKey(prediction.Intent))
        {
            state.Misunderstandings++;
            answer = [BotReply.Say(SkillNames.Fallback, state.Misunderstandings >= 2
                ? "这句我没太明白。要不要转人工？也可以接着回答下面的问题。"
                : "这句我没太明白。", state.Misunderstandings >= 2 ? [HelpSkill.TalkToPerson] : [])];
        }
        else
        {
            state.Misunderstandings = 0;
            answer = await _skills[prediction.Intent].HandleAsync(turn, state, ct);
            if (prediction.Intent == Intents.Handoff)
            {
                return answer;   // a person takes over from here; the intake's answers go with the case
            }
        }
        return intake.IsActive(state) ? [.. answer, .. await intake.ResumeAsync(state, ct)] : answer;
    }

    private static bool AsksForPerson(IntentPrediction prediction) =>
        prediction.Intent == Intents.Handoff && prediction.Cues.Contains(MessageCues.Person);

    private static bool IsBareStatement(IntentPrediction prediction) =>
        prediction.Intent == Intents.JobSearch && prediction.Cues.Contains("act.statement") && !prediction.Cues.Contains(MessageCues.JobSeeking);

    private (string Skill, string Topic)? FollowUpOf(string matching, IntentPrediction prediction, ConversationState state)
    {
        if (state.LastSkill is not { } last || !Intents.IsTask(last) || last == Intents.Handoff || !_skills.ContainsKey(last)
            || FollowUp.Topic(matching) is not { } topic)
        {
            return null;
        }
        // The topic may point elsewhere on its own ("那找工作呢" after a policy question).
        var own = _classifier.Classify(topic);
        var skill = RoutingThresholds.IsClear(own) && Intents.IsTask(own.Intent) && _skills.ContainsKey(own.Intent) ? own.Intent : last;
        return (skill, topic);
    }

    /// <param name="policySuggestions">Policy sections the message may be about; offered first, with their sources.</param>
    private IReadOnlyList<BotReply> Clarify(IntentPrediction prediction, ConversationState state, BotReply? policySuggestions = null)
    {
        state.Misunderstandings++;
        var candidates = prediction.Ranked
            .Where(s => Intents.IsTask(s.Intent) && s.Intent != Intents.Handoff && _skills.ContainsKey(s.Intent))
            .Where(s => policySuggestions is null || s.Intent != Intents.Policy)
            .Take(2)
            .Select(s => MenuButton(s.Intent))
            .ToList();
        if (policySuggestions is not null && state.Misunderstandings < 2)
        {
            Log.Clarifying(_logger, candidates.Count, state.Misunderstandings);
            var sections = policySuggestions.Buttons.Where(b => b.Value != HelpSkill.TalkToPerson.Value);
            return [policySuggestions with
            {
                Skill = SkillNames.Fallback,
                Text = "我没太明白。您是想问下面的政策，还是想办别的事？",
                Buttons = [.. sections, .. candidates],
            }];
        }
        Log.Clarifying(_logger, candidates.Count, state.Misunderstandings);
        if (state.Misunderstandings >= 2)
        {
            return [BotReply.Ask(SkillNames.Fallback, "不好意思，我还是没弄明白。要不要转人工，让工作人员来帮您？也可以点下面的按钮。",
                [HelpSkill.TalkToPerson, .. candidates])];
        }
        return [BotReply.Ask(SkillNames.Fallback, "我没太明白，您是想办下面哪件事？也可以换个说法再说一遍。", [.. candidates])];
    }

    private IReadOnlyList<BotReply> OutOfScope(ConversationState state)
    {
        state.Misunderstandings++;
        var reply = _help.OutOfScope();
        if (state.Misunderstandings >= 2)
        {
            reply = reply with { Text = reply.Text + " 如果需要，我可以帮您转人工。" };
        }
        return [reply];
    }

    private static ReplyButton MenuButton(string intent) => intent switch
    {
        Intents.Policy => HelpSkill.AskPolicy,
        Intents.WageDispute => HelpSkill.ReportWages,
        Intents.JobSearch => HelpSkill.FindJobs,
        _ => HelpSkill.TalkToPerson,
    };

    private IConversationalSkill? ActiveIntake(ConversationState state) =>
        state.ActiveSkill is { } name && _skills.TryGetValue(name, out var skill) && skill is IConversationalSkill c && c.IsActive(state)
            ? c : null;

    /// <summary>Follows the script the worker writes in; text without script-specific characters changes nothing.</summary>
    private static void NoteScript(string text, ConversationState state)
    {
        switch (ChineseScript.WrittenIn(text))
        {
            case WrittenScript.Traditional:
                state.PrefersTraditional = true;
                break;
            case WrittenScript.Simplified:
                state.PrefersTraditional = false;
                break;
        }
    }

    /// <summary>Every routed reply follows the worker's script (a skill's own traditional reply passes unchanged).</summary>
    internal static IReadOnlyList<BotReply> Localise(IReadOnlyList<BotReply> replies, ConversationState state)
    {
        if (!state.PrefersTraditional)
        {
            return replies;
        }
        return [.. replies.Select(ReplyScript.ToTraditional)];
    }
}
