using System.ComponentModel;
using CityWarmth.Skills.Conversation;
using Microsoft.SemanticKernel;

namespace CityWarmth.Skills.Llm;

/// <summary>Policy passages the model may phrase an answer from; each keeps the citation it came with.</summary>
public interface IPolicyPassageSearch
{
    Task<IReadOnlyList<CitedPassage>> SearchAsync(string query, CancellationToken cancellationToken);
}

/// <summary>A passage's text as the model reads it, with the citation it came with.</summary>
public sealed record CitedPassage(string Text, Citation Citation);

/// <summary>The policy lookup as the model sees it.</summary>
public sealed class PolicySearchPlugin(IPolicyPassageSearch search)
{
    [KernelFunction("search_policy")]
    [Description("检索农民工相关政策（就业服务、技能培训、劳动保护、社保、住房、子女上学、困难帮扶等），返回政策原文和出处。用户问政策、规定、能不能享受某项待遇时使用。")]
    public Task<IReadOnlyList<CitedPassage>> SearchPolicyAsync(
        [Description("用户的问题或关键词")] string query, CancellationToken cancellationToken = default) =>
        search.SearchAsync(query, cancellationToken);
}
