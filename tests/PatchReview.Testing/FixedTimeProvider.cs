namespace PatchReview.Testing;

/// <summary>A clock that always reads the same instant, so stored times in tests are exact.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public FixedTimeProvider() : this(DefaultNow)
    {
    }

    public override DateTimeOffset GetUtcNow() => now;
}
