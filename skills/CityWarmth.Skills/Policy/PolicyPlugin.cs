using System.ComponentModel;
using CityWarmth.Knowledge.Search;
using Microsoft.SemanticKernel;

namespace CityWarmth.Skills.Policy;

/// <summary>Lets a model look up policy passages with their sources.</summary>
public sealed class PolicyPlugin(IPolicySearch search)
{
    [KernelFunction("search_policy")]
    [Description("检索农民工相关政策条款(就业、培训、欠薪维权、社保、住房、子女入学、困难帮扶等),返回条款原文、标题、章节、发文机关和日期。")]
    public IReadOnlyList<PolicyPassageResult> SearchPolicy(
        [Description("用户的问题或关键词,简体繁体均可")] string query,
        [Description("最多返回几条,1到5")] int maxResults = 3)
    {
        var hits = search.Search(query, Math.Clamp(maxResults, 1, 5)).Hits;
        return [.. hits.Select(h => new PolicyPassageResult(
            h.DocumentTitle, h.Heading, h.SectionKey, h.Issuer, h.Date?.ToString("yyyy-MM-dd"), h.Text,
            h.Answer, PolicyLookupSkill.KbUrl(h.PassageId)))];
    }
}

/// <summary>A passage as the model sees it: quotable text with everything needed to cite it.</summary>
public sealed record PolicyPassageResult(
    string Title, string Heading, string SectionKey, string Issuer, string? Date, string Text, string Answer, string Url);
