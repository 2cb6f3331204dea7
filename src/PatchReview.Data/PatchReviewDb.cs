using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PatchReview.Data.Entities;

namespace PatchReview.Data;

public sealed class PatchReviewDb(DbContextOptions<PatchReviewDb> options) : DbContext(options)
{
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<MessageRaw> MessageRaw => Set<MessageRaw>();
    public DbSet<MessageReference> MessageReferences => Set<MessageReference>();
    public DbSet<MessageVariant> MessageVariants => Set<MessageVariant>();
    public DbSet<MailThread> Threads => Set<MailThread>();
    public DbSet<MailImport> Imports => Set<MailImport>();
    public DbSet<RejectedMessage> RejectedMessages => Set<RejectedMessage>();
    public DbSet<MailAnalysis> MailAnalysis => Set<MailAnalysis>();
    public DbSet<MessageTrailer> MessageTrailers => Set<MessageTrailer>();
    public DbSet<Participant> Participants => Set<Participant>();
    public DbSet<ParticipantAddress> ParticipantAddresses => Set<ParticipantAddress>();
    public DbSet<Series> Series => Set<Series>();
    public DbSet<SeriesVersion> SeriesVersions => Set<SeriesVersion>();
    public DbSet<VersionPatch> VersionPatches => Set<VersionPatch>();
    public DbSet<PatchTrailer> PatchTrailers => Set<PatchTrailer>();
    public DbSet<ChangelogEntry> ChangelogEntries => Set<ChangelogEntry>();
    public DbSet<PullRequest> PullRequests => Set<PullRequest>();
    public DbSet<PullRequestPatch> PullRequestPatches => Set<PullRequestPatch>();
    public DbSet<VersionLinkOverride> VersionLinkOverrides => Set<VersionLinkOverride>();
    public DbSet<Maintainer> Maintainers => Set<Maintainer>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<DecisionReview> DecisionReviews => Set<DecisionReview>();
    public DbSet<SeriesReviewDocument> SeriesReviews => Set<SeriesReviewDocument>();
    public DbSet<PatchCommentsDocument> PatchComments => Set<PatchCommentsDocument>();
    public DbSet<MessageQuotesDocument> MessageQuotes => Set<MessageQuotesDocument>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type and EF cannot order by a DateTimeOffset stored as text there;
        // UTC ticks keep ordering and range queries in SQL. Every stored time is UTC.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PatchReviewDb).Assembly);
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    /// <summary><c>FromEmail</c> → <c>from_email</c>: plain names for the hand-written bulk SQL of the importer.</summary>
    internal static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }
            builder.Append(char.ToLowerInvariant(name[i]));
        }
        return builder.ToString();
    }

    sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
