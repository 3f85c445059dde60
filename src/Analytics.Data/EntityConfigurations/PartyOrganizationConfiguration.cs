using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.Data.EntityConfigurations;

internal sealed class PartyOrganizationConfiguration : IEntityTypeConfiguration<PartyOrganization>
{
    public void Configure(EntityTypeBuilder<PartyOrganization> builder)
    {
        builder.Property(x => x.Name).HasMaxLength(150);
        builder.HasOne(x => x.Parent).WithMany(x => x.Children).HasForeignKey(x => x.ParentId);
        builder.HasOne(x => x.Region).WithMany().HasForeignKey(x => x.RegionId);
        builder.HasOne(x => x.Grid).WithMany().HasForeignKey(x => x.GridId);
        builder.HasIndex(x => new { x.RegionId, x.Domain });
        builder.HasIndex(x => new { x.Domain, x.Kind });
    }
}
