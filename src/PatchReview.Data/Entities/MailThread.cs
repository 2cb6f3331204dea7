namespace PatchReview.Data.Entities;

/// <summary>
/// Summary of one thread, kept current by the importer so the thread list is one indexed read.
/// Its id is the row id of the root message (possibly a ghost).
/// </summary>
public sealed class MailThread
{
    public long Id { get; set; }
    public string Subject { get; set; } = "";
    public string FromName { get; set; } = "";
    public string FromEmail { get; set; } = "";
    public DateTimeOffset? Date { get; set; }
    public DateTimeOffset? LastActivity { get; set; }
    public int MessageCount { get; set; }
    public List<string> Lists { get; set; } = [];

    public Message? Root { get; set; }
}
