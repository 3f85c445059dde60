using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.Data.EntityConfigurations;

internal sealed class GridStewardConfiguration : IEntityTypeConfiguration<GridSteward>
{
    public void Configure(EntityTypeBuilder<GridSteward> builder)
    {
        builder.Property(x => x.PersonName).HasMaxLength(50);
        builder.HasOne(x => x.Grid).WithMany(x => x.Stewards).HasForeignKey(x => x.GridId);
        builder.HasOne(x => x.Member).WithMany().HasForeignKey(x => x.MemberId);
        builder.HasIndex(x => new { x.GridId, x.From });
    }
}
