using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.Data.EntityConfigurations;

internal sealed class GridConfiguration : IEntityTypeConfiguration<Grid>
{
    public void Configure(EntityTypeBuilder<Grid> builder)
    {
        builder.Property(x => x.Code).HasMaxLength(32).IsUnicode(false);
        builder.Property(x => x.Name).HasMaxLength(100);
        builder.HasOne(x => x.Parent).WithMany(x => x.Children).HasForeignKey(x => x.ParentId);
        builder.HasOne(x => x.Region).WithMany().HasForeignKey(x => x.RegionId);
        builder.HasIndex(x => x.Code).IsUnique();
        builder.HasIndex(x => new { x.RegionId, x.Level });
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Grids_Level", "[Level] BETWEEN 1 AND 4");
            t.HasCheckConstraint("CK_Grids_Validity", "[ValidTo] IS NULL OR [ValidTo] >= [CreatedOn]");
        });
    }
}
