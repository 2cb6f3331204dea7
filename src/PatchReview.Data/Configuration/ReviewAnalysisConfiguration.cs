using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchReview.Data.Entities;

namespace PatchReview.Data.Configuration;

public sealed class SeriesReviewDocumentConfiguration : IEntityTypeConfiguration<SeriesReviewDocument>
{
    public void Configure(EntityTypeBuilder<SeriesReviewDocument> builder)
    {
        builder.ToTable("series_reviews");
        builder.HasKey(r => r.SeriesId);
        builder.Property(r => r.SeriesId).ValueGeneratedNever();
        builder.HasOne<Series>().WithOne().HasForeignKey<SeriesReviewDocument>(r => r.SeriesId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PatchCommentsDocumentConfiguration : IEntityTypeConfiguration<PatchCommentsDocument>
{
    public void Configure(EntityTypeBuilder<PatchCommentsDocument> builder)
    {
        builder.ToTable("patch_comments");
        builder.HasKey(c => c.MessageId);
        builder.Property(c => c.MessageId).ValueGeneratedNever();
        builder.HasOne<Message>().WithOne().HasForeignKey<PatchCommentsDocument>(c => c.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MessageQuotesDocumentConfiguration : IEntityTypeConfiguration<MessageQuotesDocument>
{
    public void Configure(EntityTypeBuilder<MessageQuotesDocument> builder)
    {
        builder.ToTable("message_quotes");
        builder.HasKey(q => q.MessageId);
        builder.Property(q => q.MessageId).ValueGeneratedNever();
        builder.HasOne<Message>().WithOne().HasForeignKey<MessageQuotesDocument>(q => q.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
