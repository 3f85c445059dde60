using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.Data.EntityConfigurations;

internal sealed class CommunityRegistrationConfiguration : IEntityTypeConfiguration<CommunityRegistration>
{
    public void Configure(EntityTypeBuilder<CommunityRegistration> builder)
    {
        builder.Ignore(x => x.IsOnTime);
        builder.HasOne(x => x.Member).WithMany().HasForeignKey(x => x.MemberId);
        builder.HasOne(x => x.Community).WithMany().HasForeignKey(x => x.CommunityId);
        builder.HasIndex(x => x.MemberId);
        builder.HasIndex(x => new { x.CommunityId, x.RegisteredOn });
    }
}
