using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchReview.Data.Entities;

namespace PatchReview.Data.Configuration;

public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.ToTable("messages");
        builder.HasKey(m => m.Id);
        builder.HasIndex(m => m.MessageId).IsUnique().HasDatabaseName("ix_messages_message_id");
        builder.HasIndex(m => new { m.ThreadId, m.Date }).HasDatabaseName("ix_messages_thread_id_date");
        builder.HasIndex(m => m.ParentId).HasDatabaseName("ix_messages_parent_id");
        // The series update finds a patch's unthreaded siblings by sender and date among thread roots; without it,
        // each lookup read every root of the archive.
        builder.HasIndex(m => new { m.FromEmail, m.Date }).HasFilter("parent_id IS NULL").HasDatabaseName("ix_messages_root_sender_date");
        builder.HasOne(m => m.Parent).WithMany().HasForeignKey(m => m.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(m => m.NamedIds).WithOne().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MessageRawConfiguration : IEntityTypeConfiguration<MessageRaw>
{
    public void Configure(EntityTypeBuilder<MessageRaw> builder)
    {
        builder.ToTable("message_raw");
        builder.HasKey(r => r.MessageId);
        builder.Property(r => r.MessageId).ValueGeneratedNever();
    }
}

public sealed class MessageReferenceConfiguration : IEntityTypeConfiguration<MessageReference>
{
    public void Configure(EntityTypeBuilder<MessageReference> builder)
    {
        builder.ToTable("message_references");
        builder.HasKey(r => new { r.MessageId, r.Kind, r.Position });
        // Threading asks "who names this Message-ID?" when a late parent arrives.
        builder.HasIndex(r => r.ReferencedMessageId).HasDatabaseName("ix_message_references_referenced_message_id");
    }
}

public sealed class MessageVariantConfiguration : IEntityTypeConfiguration<MessageVariant>
{
    public void Configure(EntityTypeBuilder<MessageVariant> builder)
    {
        builder.ToTable("message_variants");
        builder.HasKey(v => v.Id);
        builder.HasIndex(v => new { v.MessageId, v.ContentHash }).IsUnique().HasDatabaseName("ix_message_variants_message_id_content_hash");
        builder.HasIndex(v => v.CanonicalId).HasDatabaseName("ix_message_variants_canonical_id");
        builder.HasOne(v => v.Canonical).WithMany().HasForeignKey(v => v.CanonicalId).OnDelete(DeleteBehavior.Cascade);
    }
}
