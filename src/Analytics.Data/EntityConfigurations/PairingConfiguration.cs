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

        // The natural key (the ledger's): an organization pairs with a target under a program from a day, once. One
        // unique index per target column, each over the rows that set it: a NULL is distinct from every other NULL in
        // SQLite's unique indexes, so a single index over the three target columns would guard nothing there.
        builder.HasIndex(x => new { x.OrganizationId, x.Program, x.TargetRegionId, x.From })
            .IsUnique().HasFilter("[TargetRegionId] IS NOT NULL");
        builder.HasIndex(x => new { x.OrganizationId, x.Program, x.TargetEnterpriseId, x.From })
            .IsUnique().HasFilter("[TargetEnterpriseId] IS NOT NULL");
        builder.HasIndex(x => new { x.OrganizationId, x.Program, x.TargetProjectId, x.From })
            .IsUnique().HasFilter("[TargetProjectId] IS NOT NULL");

        // Exactly the target its kind names is set.
        builder.ToTable(t => t.HasCheckConstraint(
            "CK_Pairings_Target",
            "([TargetKind] IN (1, 2) AND [TargetRegionId] IS NOT NULL AND [TargetEnterpriseId] IS NULL AND [TargetProjectId] IS NULL)"
            + " OR ([TargetKind] = 3 AND [TargetRegionId] IS NULL AND [TargetEnterpriseId] IS NOT NULL AND [TargetProjectId] IS NULL)"
            + " OR ([TargetKind] = 4 AND [TargetRegionId] IS NULL AND [TargetEnterpriseId] IS NULL AND [TargetProjectId] IS NOT NULL)"));
    }
}
