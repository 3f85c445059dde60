using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.Data.EntityConfigurations;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.Property(x => x.Code).HasMaxLength(32).IsUnicode(false);
        builder.Property(x => x.Title).HasMaxLength(200);
        builder.Property(x => x.ClosingReason).HasMaxLength(Case.MaxClosingReasonLength);
        builder.HasOne(x => x.Region).WithMany().HasForeignKey(x => x.RegionId);
        builder.HasOne(x => x.Grid).WithMany().HasForeignKey(x => x.GridId);
        builder.HasOne(x => x.AssignedOrganization).WithMany().HasForeignKey(x => x.AssignedOrganizationId);
        builder.HasOne(x => x.Activity).WithMany().HasForeignKey(x => x.ActivityId);
        builder.HasIndex(x => x.Code).IsUnique();
        // Covers case counts by status and their mean satisfaction within a county's regions.
        builder.HasIndex(x => new { x.RegionId, x.Status, x.Satisfaction });
        builder.HasIndex(x => new { x.Channel, x.Status });
        builder.HasIndex(x => x.ReportedAt);
        builder.HasIndex(x => x.ResolvedAt);
        builder.HasIndex(x => x.GridId);
        builder.HasIndex(x => x.AssignedOrganizationId);
        builder.HasIndex(x => x.ActivityId);
        builder.ToTable(t => t.HasCheckConstraint(
            "CK_Cases_Satisfaction", "[Satisfaction] IS NULL OR [Satisfaction] BETWEEN 1 AND 5"));
    }
}
