namespace Analytics.Domain;

/// <summary>村财增收项目: a project planned to raise a village's collective income.</summary>
public sealed class IncomeProject : Entity
{
    public required string Name { get; set; }

    public IncomeProjectKind Kind { get; set; }

    /// <summary>The (lead) village.</summary>
    public int VillageId { get; set; }

    public Region? Village { get; set; }

    public int Year { get; set; }

    /// <summary>Investment in yuan.</summary>
    public decimal Investment { get; set; }

    /// <summary>Income it adds to the collective per year, in yuan.</summary>
    public decimal AnnualIncome { get; set; }
}

public enum IncomeProjectKind
{
    /// <summary>林票碳汇.</summary>
    ForestTicketCarbon = 1,

    /// <summary>多村捆绑.</summary>
    MultiVillageBundle = 2,

    /// <summary>股份合作.</summary>
    ShareholdingCooperation = 3,

    /// <summary>物业租赁.</summary>
    PropertyLeasing = 4,

    /// <summary>特色种养.</summary>
    SpecialtyFarming = 5,

    /// <summary>乡村旅游.</summary>
    RuralTourism = 6,

    /// <summary>服务创收.</summary>
    Services = 7,
}
