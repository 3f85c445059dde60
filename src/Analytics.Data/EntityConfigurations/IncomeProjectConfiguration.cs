using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.Data.EntityConfigurations;

internal sealed class IncomeProjectConfiguration : IEntityTypeConfiguration<IncomeProject>
{
    public void Configure(EntityTypeBuilder<IncomeProject> builder)
    {
        builder.Property(x => x.Name).HasMaxLength(150);
        builder.HasOne(x => x.Village).WithMany().HasForeignKey(x => x.VillageId);
        builder.HasIndex(x => new { x.VillageId, x.Year });
    }
}
