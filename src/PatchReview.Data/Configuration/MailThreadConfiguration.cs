using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchReview.Data.Entities;

namespace PatchReview.Data.Configuration;

public sealed class MailThreadConfiguration : IEntityTypeConfiguration<MailThread>
{
    public void Configure(EntityTypeBuilder<MailThread> builder)
    {
        builder.ToTable("threads");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.HasIndex(t => t.LastActivity).HasDatabaseName("ix_threads_last_activity");
        builder.HasOne(t => t.Root).WithOne().HasForeignKey<MailThread>(t => t.Id).OnDelete(DeleteBehavior.Cascade);
    }
}
