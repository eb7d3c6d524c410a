using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace CityWarmth.Skills.Routing;

/// <summary>The wage intake as the model sees it, until the intake's own plugin replaces it.</summary>
public sealed class WageReportComingSoonPlugin
{
    [KernelFunction("start_wage_report")]
    [Description("开始登记欠薪求助：老板、包工头或公司拖欠、克扣工资，讨薪，想投诉或申请仲裁要工资时使用。")]
    public string StartWageReport() => "欠薪登记功能马上开通。";
}

/// <summary>The job search as the model sees it, until the job search's own plugin replaces it.</summary>
public sealed class JobSearchComingSoonPlugin
{
    [KernelFunction("search_jobs")]
    [Description("帮用户找工作：查招聘岗位、招工信息、招聘会。用户想找活干、问哪里招人时使用。")]
    public string SearchJobs([Description("想找的工种、地点或要求")] string query = "") => "找工作功能马上开通。";
}
