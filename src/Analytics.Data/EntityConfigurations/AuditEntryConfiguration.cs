using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.Data.EntityConfigurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(x => x.Actor).HasMaxLength(100);
        builder.Property(x => x.ActorRole).HasMaxLength(50).IsUnicode(false);
        builder.Property(x => x.Operation).HasMaxLength(100).IsUnicode(false);
        builder.Property(x => x.EntityType).HasMaxLength(50).IsUnicode(false);
        builder.HasIndex(x => new { x.EntityType, x.EntityId });
        builder.HasIndex(x => x.At);
    }
}
