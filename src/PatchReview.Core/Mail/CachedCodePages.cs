using System.Collections.Concurrent;
using System.Text;

namespace PatchReview.Core.Mail;

/// <summary>
/// The legacy code pages (windows-1252, koi8-r, iso-2022-jp …) that list mail is written in, looked up once each.
/// <see cref="Encoding.GetEncoding(int)"/> asks every registered provider first, even for the code pages .NET has
/// built in, and MimeKit asks for UTF-8 by number for every mailbox it parses. Registered bare,
/// <see cref="CodePagesEncodingProvider"/> answers each of those calls by searching its code page table under a lock,
/// which took a third of the parser's time with two parsing threads.
/// </summary>
sealed class CachedCodePages : EncodingProvider
{
    static readonly EncodingProvider CodePages = CodePagesEncodingProvider.Instance;
    readonly ConcurrentDictionary<int, Encoding?> _byCodePage = new();
    readonly ConcurrentDictionary<string, Encoding?> _byName = new(StringComparer.OrdinalIgnoreCase);

    public static readonly CachedCodePages Instance = new();

    CachedCodePages()
    {
    }

    public override Encoding? GetEncoding(int codepage) => _byCodePage.GetOrAdd(codepage, static c => CodePages.GetEncoding(c));

    public override Encoding? GetEncoding(string name) => _byName.GetOrAdd(name, static n => CodePages.GetEncoding(n));

    public override IEnumerable<EncodingInfo> GetEncodings() => CodePages.GetEncodings();
}
