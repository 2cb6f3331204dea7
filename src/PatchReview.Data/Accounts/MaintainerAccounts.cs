using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PatchReview.Data.Entities;

namespace PatchReview.Data.Accounts;

/// <summary>Who a signed-in request is.</summary>
public sealed record MaintainerIdentity(long Id, string UserName);

/// <summary>
/// Maintainer accounts, their API tokens, and their reviews of decisions. Passwords are hashed with the framework's
/// <see cref="PasswordHasher{TUser}"/> (PBKDF2, rehashed when the framework raises its work factor); tokens are
/// random and kept as SHA-256, so a stolen database holds neither.
/// </summary>
public sealed class MaintainerAccounts(IDbContextFactory<PatchReviewDb> dbFactory, TimeProvider clock)
{
    /// <summary>Shorter passwords are refused: an account can confirm decisions for everyone who reads them.</summary>
    public const int MinimumPasswordLength = 12;

    /// <summary>Every token starts with this, so that a leaked one is recognisable in logs and by secret scanners.</summary>
    public const string TokenPrefix = "prt_";

    static readonly PasswordHasher<Maintainer> Hasher = new();

    /// <exception cref="ArgumentException">The name is empty or taken, or the password is too short.</exception>
    public async Task<MaintainerIdentity> AddAsync(string userName, string password, CancellationToken ct)
    {
        var name = NormalizeName(userName);
        if (name.Length == 0 || name.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException("A user name is one word, without spaces.", nameof(userName));
        }
        if (password.Length < MinimumPasswordLength)
        {
            throw new ArgumentException($"The password must have at least {MinimumPasswordLength} characters.", nameof(password));
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Maintainers.AnyAsync(m => m.UserName == name, ct))
        {
            throw new ArgumentException($"There is already a maintainer called {name}.", nameof(userName));
        }
        var maintainer = new Maintainer { UserName = name, CreatedAt = clock.GetUtcNow() };
        maintainer.PasswordHash = Hasher.HashPassword(maintainer, password);
        db.Maintainers.Add(maintainer);
        await db.SaveChangesAsync(ct);
        return new MaintainerIdentity(maintainer.Id, maintainer.UserName);
    }

    /// <summary>The maintainer when the password is theirs, else null; the same answer for an unknown name and a wrong password.</summary>
    public async Task<MaintainerIdentity?> SignInAsync(string userName, string password, CancellationToken ct)
    {
        var name = NormalizeName(userName);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var maintainer = await db.Maintainers.SingleOrDefaultAsync(m => m.UserName == name, ct);
        if (maintainer is null)
        {
            return null;
        }
        switch (Hasher.VerifyHashedPassword(maintainer, maintainer.PasswordHash, password))
        {
            case PasswordVerificationResult.Success:
                return new MaintainerIdentity(maintainer.Id, maintainer.UserName);
            case PasswordVerificationResult.SuccessRehashNeeded:
                maintainer.PasswordHash = Hasher.HashPassword(maintainer, password);
                await db.SaveChangesAsync(ct);
                return new MaintainerIdentity(maintainer.Id, maintainer.UserName);
            default:
                return null;
        }
    }

    /// <summary>Makes a bearer token for the maintainer and returns it; it is shown once and kept only as a hash.</summary>
    /// <exception cref="ArgumentException">No maintainer has that name.</exception>
    public async Task<string> AddTokenAsync(string userName, string tokenName, CancellationToken ct)
    {
        var name = NormalizeName(userName);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = await db.Maintainers.Where(m => m.UserName == name).Select(m => (long?)m.Id).SingleOrDefaultAsync(ct)
            ?? throw new ArgumentException($"There is no maintainer called {name}.", nameof(userName));
        var token = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        db.ApiTokens.Add(new ApiToken { MaintainerId = id, Name = tokenName, TokenHash = SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token)), CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>The maintainer a bearer token belongs to, or null.</summary>
    public async Task<MaintainerIdentity?> FindByTokenAsync(string token, CancellationToken ct)
    {
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        var hash = SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // served by ix_api_tokens_token_hash
        return await (from t in db.ApiTokens
                      where t.TokenHash == hash
                      join m in db.Maintainers on t.MaintainerId equals m.Id
                      select new MaintainerIdentity(m.Id, m.UserName)).SingleOrDefaultAsync(ct);
    }

    /// <summary>Records a maintainer's verdict on a decision ("confirmed" or "rejected") and, optionally, a title of theirs.</summary>
    public async Task ReviewDecisionAsync(string decisionId, MaintainerIdentity maintainer, bool confirmed, string? title, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var review = await db.DecisionReviews.SingleOrDefaultAsync(r => r.DecisionId == decisionId, ct);
        if (review is null)
        {
            review = new DecisionReview { DecisionId = decisionId };
            db.DecisionReviews.Add(review);
        }
        review.Verdict = confirmed ? "confirmed" : "rejected";
        review.Title = string.IsNullOrWhiteSpace(title) ? review.Title : title.Trim();
        review.MaintainerId = maintainer.Id;
        review.ReviewedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    static string NormalizeName(string userName) => userName.Trim().ToLowerInvariant();

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
