using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.Data.EntityConfigurations;

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.Property(x => x.Title).HasMaxLength(200);
        builder.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId);
        builder.HasOne(x => x.Region).WithMany().HasForeignKey(x => x.RegionId);
        builder.HasOne(x => x.Grid).WithMany().HasForeignKey(x => x.GridId);
        builder.HasOne(x => x.Pairing).WithMany().HasForeignKey(x => x.PairingId);
        builder.HasIndex(x => new { x.RegionId, x.Kind, x.Date });
        builder.HasIndex(x => new { x.Kind, x.Date });
        builder.HasIndex(x => x.OrganizationId);
        builder.HasIndex(x => x.PairingId);
        builder.HasIndex(x => x.GridId);
    }
}
