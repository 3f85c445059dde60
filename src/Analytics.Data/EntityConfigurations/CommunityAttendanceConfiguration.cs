using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.Data.EntityConfigurations;

internal sealed class CommunityAttendanceConfiguration : IEntityTypeConfiguration<CommunityAttendance>
{
    public void Configure(EntityTypeBuilder<CommunityAttendance> builder)
    {
        builder.HasOne(x => x.Registration).WithMany().HasForeignKey(x => x.RegistrationId);
        // One record per registration and quarter; the quarterly rule reads a year's quarters of a registration.
        builder.HasIndex(x => new { x.RegistrationId, x.Year, x.Quarter }).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("CK_CommunityAttendances_Quarter", "[Quarter] BETWEEN 1 AND 4"));
    }
}
