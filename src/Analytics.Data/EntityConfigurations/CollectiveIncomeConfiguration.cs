using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.Data.EntityConfigurations;

internal sealed class CollectiveIncomeConfiguration : IEntityTypeConfiguration<CollectiveIncome>
{
    public void Configure(EntityTypeBuilder<CollectiveIncome> builder)
    {
        builder.HasOne(x => x.Village).WithMany().HasForeignKey(x => x.VillageId);
        builder.HasIndex(x => new { x.VillageId, x.Year }).IsUnique();
        builder.HasIndex(x => x.Year);
    }
}
