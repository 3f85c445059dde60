using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.Data.EntityConfigurations;

internal sealed class PartyMemberConfiguration : IEntityTypeConfiguration<PartyMember>
{
    public void Configure(EntityTypeBuilder<PartyMember> builder)
    {
        builder.Property(x => x.Name).HasMaxLength(50);
        builder.Property(x => x.IdNumber).HasMaxLength(18).IsUnicode(false).IsFixedLength();
        builder.Property(x => x.Phone).HasMaxLength(11).IsUnicode(false);
        builder.HasOne(x => x.Organization).WithMany(x => x.Members).HasForeignKey(x => x.OrganizationId);
        builder.HasIndex(x => x.IdNumber).IsUnique();
        // Covers the member counts of a dashboard (by category, star members) within a county's organizations.
        builder.HasIndex(x => new { x.OrganizationId, x.Category, x.IsStarMember });
    }
}
