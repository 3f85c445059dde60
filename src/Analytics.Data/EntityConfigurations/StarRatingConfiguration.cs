using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.Data.EntityConfigurations;

internal sealed class StarRatingConfiguration : IEntityTypeConfiguration<StarRating>
{
    public void Configure(EntityTypeBuilder<StarRating> builder)
    {
        builder.Property(x => x.Score).HasPrecision(5, 2);
        builder.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId);
        builder.HasIndex(x => new { x.OrganizationId, x.Year }).IsUnique();
        builder.HasIndex(x => new { x.Year, x.Stars });
        builder.ToTable(t => t.HasCheckConstraint("CK_StarRatings_Stars", "[Stars] BETWEEN 1 AND 5"));
    }
}
