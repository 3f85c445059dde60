using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.Data.EntityConfigurations;

internal sealed class PairingConfiguration : IEntityTypeConfiguration<Pairing>
{
    public void Configure(EntityTypeBuilder<Pairing> builder)
    {
        builder.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId);
        builder.HasOne(x => x.TargetRegion).WithMany().HasForeignKey(x => x.TargetRegionId);
        builder.HasOne(x => x.TargetEnterprise).WithMany().HasForeignKey(x => x.TargetEnterpriseId);
        builder.HasOne(x => x.TargetProject).WithMany().HasForeignKey(x => x.TargetProjectId);
        builder.HasIndex(x => new { x.OrganizationId, x.Program, x.TargetKind });
        builder.HasIndex(x => x.TargetRegionId);
        builder.HasIndex(x => x.TargetEnterpriseId);
        builder.HasIndex(x => x.TargetProjectId);

        // Exactly the target its kind names is set.
        builder.ToTable(t => t.HasCheckConstraint(
            "CK_Pairings_Target",
            "([TargetKind] IN (1, 2) AND [TargetRegionId] IS NOT NULL AND [TargetEnterpriseId] IS NULL AND [TargetProjectId] IS NULL)"
            + " OR ([TargetKind] = 3 AND [TargetRegionId] IS NULL AND [TargetEnterpriseId] IS NOT NULL AND [TargetProjectId] IS NULL)"
            + " OR ([TargetKind] = 4 AND [TargetRegionId] IS NULL AND [TargetEnterpriseId] IS NULL AND [TargetProjectId] IS NOT NULL)"));
    }
}
