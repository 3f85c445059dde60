using Analytics.Api.GraphQL;
using Analytics.Api.Regions;
using Analytics.Domain;

namespace Analytics.Api.Income;

public sealed class CollectiveIncomeGraphType : EntityGraphType<CollectiveIncome>
{
    public CollectiveIncomeGraphType()
        : base("村集体收入: a village's collective income for one year, in yuan.")
    {
        Field(x => x.Year);
        Field(x => x.OperatingIncome).Description("村集体经营性收入 (yuan).");
        Field(x => x.SelfOperatedIncome).Description("自营性收入 (yuan).");
        Field(x => x.TotalIncome).Description("总收入 including transfers (yuan).");
        Reference<Region, RegionGraphType>("village", "The village.");
        UpdatedAtField();
    }
}

public sealed class IncomeProjectGraphType : EntityGraphType<IncomeProject>
{
    public IncomeProjectGraphType()
        : base("村财增收项目: a project planned to raise a village's collective income.")
    {
        Field(x => x.Name);
        Field(x => x.Kind);
        Field(x => x.Year);
        Field(x => x.Investment).Description("Investment (yuan).");
        Field(x => x.AnnualIncome).Description("Income added per year (yuan).");
        Reference<Region, RegionGraphType>("village", "The (lead) village.");
        UpdatedAtField();
    }
}
