using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PatchReview.Data;

namespace PatchReview.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for Postgres without a running host.</summary>
public sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<PatchReviewDb>
{
    public PatchReviewDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PatchReviewDb>();
        DataServiceCollectionExtensions.Configure(options, new DatabaseSettings(DatabaseProvider.Postgres, "Host=localhost;Database=patchreview_design"));
        return new PatchReviewDb(options.Options);
    }
}
