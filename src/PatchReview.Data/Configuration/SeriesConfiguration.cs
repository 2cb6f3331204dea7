using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchReview.Data.Entities;

namespace PatchReview.Data.Configuration;

public sealed class MailAnalysisConfiguration : IEntityTypeConfiguration<MailAnalysis>
{
    public void Configure(EntityTypeBuilder<MailAnalysis> builder)
    {
        builder.ToTable("mail_analysis");
        builder.HasKey(a => a.MessageId);
        builder.Property(a => a.MessageId).ValueGeneratedNever();
        builder.HasOne(a => a.Message).WithOne().HasForeignKey<MailAnalysis>(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        // Version linking looks for earlier versions by title and by patch-id.
        builder.HasIndex(a => a.NormalizedTitle).HasDatabaseName("ix_mail_analysis_normalized_title");
        builder.HasIndex(a => a.PatchId).HasDatabaseName("ix_mail_analysis_patch_id");
    }
}

public sealed class MessageTrailerConfiguration : IEntityTypeConfiguration<MessageTrailer>
{
    public void Configure(EntityTypeBuilder<MessageTrailer> builder)
    {
        builder.ToTable("message_trailers");
        builder.HasKey(t => new { t.MessageId, t.Position });
        builder.HasOne<Message>().WithMany().HasForeignKey(t => t.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> builder)
    {
        builder.ToTable("participants");
        builder.HasKey(p => p.Id);
        // A new address joins the participant of the same full name.
        builder.HasIndex(p => p.Name).HasDatabaseName("ix_participants_name");
        builder.HasMany(p => p.Addresses).WithOne().HasForeignKey(a => a.ParticipantId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ParticipantAddressConfiguration : IEntityTypeConfiguration<ParticipantAddress>
{
    public void Configure(EntityTypeBuilder<ParticipantAddress> builder)
    {
        builder.ToTable("participant_addresses");
        builder.HasKey(a => a.Email);
        builder.HasIndex(a => a.ParticipantId).HasDatabaseName("ix_participant_addresses_participant_id");
    }
}

public sealed class SeriesConfiguration : IEntityTypeConfiguration<Series>
{
    public void Configure(EntityTypeBuilder<Series> builder)
    {
        builder.ToTable("series");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasIndex(s => s.LastActivity).HasDatabaseName("ix_series_last_activity");
        builder.HasIndex(s => s.SubmitterId).HasDatabaseName("ix_series_submitter_id");
        builder.HasMany(s => s.Versions).WithOne(v => v.Series).HasForeignKey(v => v.SeriesId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SeriesVersionConfiguration : IEntityTypeConfiguration<SeriesVersion>
{
    public void Configure(EntityTypeBuilder<SeriesVersion> builder)
    {
        builder.ToTable("series_versions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.HasIndex(v => v.SeriesId).HasDatabaseName("ix_series_versions_series_id");
        // Candidates for the previous version of a new one: same author, or same title.
        builder.HasIndex(v => v.AuthorId).HasDatabaseName("ix_series_versions_author_id");
        builder.HasIndex(v => v.NormalizedTitle).HasDatabaseName("ix_series_versions_normalized_title");
        // A message page asks which version a cover letter heads.
        builder.HasIndex(v => v.CoverId).HasDatabaseName("ix_series_versions_cover_id");
        builder.HasOne<Message>().WithOne().HasForeignKey<SeriesVersion>(v => v.Id).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(v => v.Patches).WithOne().HasForeignKey(p => p.VersionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(v => v.Changelog).WithOne().HasForeignKey(c => c.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class VersionPatchConfiguration : IEntityTypeConfiguration<VersionPatch>
{
    public void Configure(EntityTypeBuilder<VersionPatch> builder)
    {
        builder.ToTable("version_patches");
        builder.HasKey(p => p.MessageId);
        builder.Property(p => p.MessageId).ValueGeneratedNever();
        builder.HasIndex(p => new { p.VersionId, p.Index }).HasDatabaseName("ix_version_patches_version_id_index");
        builder.HasIndex(p => p.SeriesId).HasDatabaseName("ix_version_patches_series_id");
        builder.HasMany(p => p.Trailers).WithOne().HasForeignKey(t => t.PatchId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PatchTrailerConfiguration : IEntityTypeConfiguration<PatchTrailer>
{
    public void Configure(EntityTypeBuilder<PatchTrailer> builder)
    {
        builder.ToTable("patch_trailers");
        builder.HasKey(t => t.Id);
        builder.HasIndex(t => t.PatchId).HasDatabaseName("ix_patch_trailers_patch_id");
    }
}

public sealed class ChangelogEntryConfiguration : IEntityTypeConfiguration<ChangelogEntry>
{
    public void Configure(EntityTypeBuilder<ChangelogEntry> builder)
    {
        builder.ToTable("changelog_entries");
        builder.HasKey(c => new { c.VersionId, c.N });
    }
}

public sealed class PullRequestConfiguration : IEntityTypeConfiguration<PullRequest>
{
    public void Configure(EntityTypeBuilder<PullRequest> builder)
    {
        builder.ToTable("pull_requests");
        builder.HasKey(p => new { p.MessageId, p.SeriesId });
        builder.HasIndex(p => p.SeriesId).HasDatabaseName("ix_pull_requests_series_id");
        builder.HasOne<Message>().WithMany().HasForeignKey(p => p.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Series>().WithMany().HasForeignKey(p => p.SeriesId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PullRequestPatchConfiguration : IEntityTypeConfiguration<PullRequestPatch>
{
    public void Configure(EntityTypeBuilder<PullRequestPatch> builder)
    {
        builder.ToTable("pull_request_patches");
        builder.HasKey(p => p.CarrierId);
        builder.Property(p => p.CarrierId).ValueGeneratedNever();
        builder.HasIndex(p => new { p.PullRequestId, p.SeriesId }).HasDatabaseName("ix_pull_request_patches_pull_request_id_series_id");
        builder.HasOne<Series>().WithMany().HasForeignKey(p => p.SeriesId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class VersionLinkOverrideConfiguration : IEntityTypeConfiguration<VersionLinkOverride>
{
    public void Configure(EntityTypeBuilder<VersionLinkOverride> builder)
    {
        builder.ToTable("version_link_overrides");
        builder.HasKey(o => o.Id);
        builder.HasIndex(o => new { o.EarlierMessageId, o.LaterMessageId }).IsUnique().HasDatabaseName("ix_version_link_overrides_pair");
        builder.HasIndex(o => o.LaterMessageId).HasDatabaseName("ix_version_link_overrides_later");
    }
}
