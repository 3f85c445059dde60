using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.Data.EntityConfigurations;

internal sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    public void Configure(EntityTypeBuilder<Enterprise> builder)
    {
        builder.Property(x => x.Name).HasMaxLength(150);
        builder.Property(x => x.CreditCode).HasMaxLength(18).IsUnicode(false);
        builder.HasOne(x => x.Region).WithMany().HasForeignKey(x => x.RegionId);
        builder.HasOne(x => x.PartyOrganization).WithMany().HasForeignKey(x => x.PartyOrganizationId);
        builder.HasIndex(x => x.CreditCode).IsUnique();
        builder.HasIndex(x => new { x.RegionId, x.Kind });
    }
}
