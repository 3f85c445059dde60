using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.Data.EntityConfigurations;

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> builder)
    {
        builder.Property(x => x.Code).HasMaxLength(20).IsUnicode(false);
        builder.Property(x => x.Name).HasMaxLength(100);
        builder.Property(x => x.Path).HasMaxLength(200).IsUnicode(false);
        builder.HasOne(x => x.Parent).WithMany(x => x.Children).HasForeignKey(x => x.ParentId);
        builder.HasIndex(x => x.Code).IsUnique();
        builder.HasIndex(x => x.Path);
        builder.HasIndex(x => new { x.Level, x.Name });

        // "The villages below this county": one seek for the level and the subtree's Path range.
        builder.HasIndex(x => new { x.Level, x.Path });

        // A region ends on or after the day it begins (both inclusive); a merger closes the old ones the day before the
        // new one's first day.
        builder.ToTable(t => t.HasCheckConstraint("CK_Regions_Validity", "[ValidFrom] IS NULL OR [ValidTo] IS NULL OR [ValidTo] >= [ValidFrom]"));
    }
}
