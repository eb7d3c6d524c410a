using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace CityWarmth.Skills.Help;

/// <summary>The help skill as the model sees it.</summary>
public sealed class HelpPlugin(HelpSkill help)
{
    [KernelFunction("show_menu")]
    [Description("显示城暖助手能办的事（查政策、欠薪求助、找工作、转人工）。用户打招呼、道谢、问你能做什么，或者问的事情和农民工服务无关时使用。")]
    public string ShowMenu() => help.Menu().Text ?? "";
}
