using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchReview.Data.Entities;

namespace PatchReview.Data.Configuration;

public sealed class MaintainerConfiguration : IEntityTypeConfiguration<Maintainer>
{
    public void Configure(EntityTypeBuilder<Maintainer> builder)
    {
        builder.ToTable("maintainers");
        builder.HasKey(m => m.Id);
        builder.HasIndex(m => m.UserName).IsUnique().HasDatabaseName("ix_maintainers_user_name");
    }
}

public sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("api_tokens");
        builder.HasKey(t => t.Id);
        builder.HasIndex(t => t.TokenHash).IsUnique().HasDatabaseName("ix_api_tokens_token_hash");
        builder.HasOne<Maintainer>().WithMany().HasForeignKey(t => t.MaintainerId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DecisionReviewConfiguration : IEntityTypeConfiguration<DecisionReview>
{
    public void Configure(EntityTypeBuilder<DecisionReview> builder)
    {
        builder.ToTable("decision_reviews");
        builder.HasKey(r => r.DecisionId);
        builder.HasOne<Maintainer>().WithMany().HasForeignKey(r => r.MaintainerId).OnDelete(DeleteBehavior.Restrict);
    }
}
