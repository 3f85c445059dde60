namespace Analytics.Domain;

/// <summary>五星创评 (评星定级): an organization's yearly assessment.</summary>
public sealed class StarRating : Entity
{
    public int OrganizationId { get; set; }

    public PartyOrganization? Organization { get; set; }

    public int Year { get; set; }

    /// <summary>Assessment score, 0–100.</summary>
    public decimal Score { get; set; }

    /// <summary>1–5 stars, from the score: ≥90 ★5, 80–89 ★4, 70–79 ★3, 60–69 ★2, below 60 ★1.</summary>
    public int Stars { get; set; }

    public static int StarsFor(decimal score) => score switch
    {
        >= 90 => 5,
        >= 80 => 4,
        >= 70 => 3,
        >= 60 => 2,
        _ => 1,
    };
}
