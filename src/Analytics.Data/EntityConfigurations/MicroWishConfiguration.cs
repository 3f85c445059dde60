using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.Data.EntityConfigurations;

internal sealed class MicroWishConfiguration : IEntityTypeConfiguration<MicroWish>
{
    public void Configure(EntityTypeBuilder<MicroWish> builder)
    {
        builder.Property(x => x.Title).HasMaxLength(200);
        builder.HasOne(x => x.Region).WithMany().HasForeignKey(x => x.RegionId);
        builder.HasOne(x => x.ClaimedByMember).WithMany().HasForeignKey(x => x.ClaimedByMemberId);
        builder.HasOne(x => x.ClaimedByOrganization).WithMany().HasForeignKey(x => x.ClaimedByOrganizationId);
        builder.HasIndex(x => new { x.RegionId, x.Status });
        builder.HasIndex(x => x.PostedOn);
        builder.HasIndex(x => x.ClaimedByMemberId);
        builder.HasIndex(x => x.ClaimedByOrganizationId);
    }
}
