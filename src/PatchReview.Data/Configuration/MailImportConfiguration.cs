using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchReview.Data.Entities;

namespace PatchReview.Data.Configuration;

public sealed class MailImportConfiguration : IEntityTypeConfiguration<MailImport>
{
    public void Configure(EntityTypeBuilder<MailImport> builder)
    {
        builder.ToTable("imports");
        builder.HasKey(i => i.Id);
    }
}

public sealed class RejectedMessageConfiguration : IEntityTypeConfiguration<RejectedMessage>
{
    public void Configure(EntityTypeBuilder<RejectedMessage> builder)
    {
        builder.ToTable("rejected_messages");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => r.RawHash).IsUnique().HasDatabaseName("ix_rejected_messages_raw_hash");
        builder.HasIndex(r => r.ImportId).HasDatabaseName("ix_rejected_messages_import_id");
        builder.HasOne<MailImport>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
