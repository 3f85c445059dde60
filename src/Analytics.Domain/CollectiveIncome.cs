namespace Analytics.Domain;

/// <summary>村集体收入: a village's collective income for one year, in yuan.</summary>
public sealed class CollectiveIncome : Entity
{
    public int VillageId { get; set; }

    public Region? Village { get; set; }

    public int Year { get; set; }

    /// <summary>村集体经营性收入.</summary>
    public decimal OperatingIncome { get; set; }

    /// <summary>自营性收入: the part earned by the collective's own operations.</summary>
    public decimal SelfOperatedIncome { get; set; }

    /// <summary>总收入, including transfers and subsidies.</summary>
    public decimal TotalIncome { get; set; }
}
