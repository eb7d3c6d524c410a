using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace CityWarmth.Skills.Handoff;

/// <summary>The handoff skill as the model sees it.</summary>
public sealed class HandoffPlugin
{
    [KernelFunction("request_human")]
    [Description("把对话转给人工工作人员。用户要求找真人、人工客服、工作人员，或者机器人解决不了用户的问题时使用。")]
    public string RequestHuman(
        [Description("用户为什么需要人工，一句话概括")] string reason = "") => HandoffSkill.PersonWillReply;
}
