using System.Text;
using MimeKit;
using PatchReview.Core.Mail;
using Xunit;

namespace PatchReview.Core.Tests.Mail;

public sealed class PlainAddressListTests
{
    static List<Person>? Read(string value)
    {
        var people = new List<Person>();
        return PlainAddressList.TryRead(Encoding.UTF8.GetBytes(value), people) ? people : null;
    }

    /// <summary>What MimeKit reads from the same header value: the reference every plain reading must equal.</summary>
    static List<Person> MimeKitReads(byte[] value) =>
        [.. InternetAddressList.Parse(value).Mailboxes.Select(m => new Person(m.Name ?? "", m.Address))];

    [Fact]
    public void Names_quoted_or_not_and_bare_addresses_are_read_in_order()
    {
        Assert.Equal(
            [new Person("Rosato, Matthew", "mjrosato@linux.ibm.com"), new Person("", "kvm@vger.kernel.org"), new Person("Jason Gunthorpe", "jgg@nvidia.com")],
            Read(" \"Rosato, Matthew\" <mjrosato@linux.ibm.com>, kvm@vger.kernel.org, Jason Gunthorpe <jgg@nvidia.com>"));
    }

    [Fact]
    public void Folded_lists_stray_commas_and_an_address_alone_in_brackets_are_plain()
    {
        Assert.Equal(
            [new Person("", "a@example.com"), new Person("Jane Doe", "jane@example.org"), new Person("", "b@example.com")],
            Read(" a@example.com,\r\n\tJane Doe <jane@example.org>,, <b@example.com>,\n"));
        Assert.Equal([], Read(""));
    }

    [Theory]
    [InlineData("=?UTF-8?Q?J=C3=B6rg_R=C3=B6del?= <joro@8bytes.org>")]
    [InlineData("undisclosed-recipients:;")]
    [InlineData("jane@example.org (Jane Doe)")]
    [InlineData("\"Doe, \\\"JD\\\" Jane\" <jane@example.org>")]
    [InlineData("Jörg Rödel <joro@8bytes.org>")]
    [InlineData("Jane\r\n Doe <jane@example.org>")]
    [InlineData("Jane  Doe <jane@example.org>")]
    [InlineData("jane@[192.0.2.1]")]
    [InlineData("<@relay.example:jane@example.org>")]
    [InlineData("jane")]
    [InlineData("Jane Doe <jane@example.org")]
    [InlineData("\"Jane Doe <jane@example.org>")]
    [InlineData("Jane \"JD\" Doe <jane@example.org>")]
    [InlineData("Jane Doe <jane@example.org>>")]
    [InlineData("Jane Doe <<jane@example.org>>")]
    [InlineData("a@example.com, Jane Doe <jane@example.org, b@example.com>")]
    [InlineData("jane@example.org <jane@example.org>")]
    [InlineData(".jane@example.org")]
    [InlineData("jane..doe@example.org")]
    [InlineData("Jane Doe <jane@example.org.>")]
    public void Every_other_shape_is_left_to_MimeKit(string value)
    {
        Assert.Null(Read(value));
    }

    [Fact]
    public async Task Every_plain_To_and_Cc_of_the_corpus_reads_as_MimeKit_reads_it()
    {
        var headers = 0;
        var plain = 0;
        var mismatches = new List<string>();
        foreach (var archive in new[] { "zpci-series.mbox.gz", "linux-s390-2022q2.mbox.gz" })
        {
            foreach (var envelope in await MailFixtures.ReadAllAsync(MailFixtures.Corpus(archive)))
            {
                var message = MimeMessage.Load(new MemoryStream(envelope.Raw.ToArray()), TestContext.Current.CancellationToken);
                foreach (var header in message.Headers.Where(h => h.Id is HeaderId.To or HeaderId.Cc))
                {
                    headers++;
                    var people = new List<Person>();
                    if (!PlainAddressList.TryRead(header.RawValue, people))
                    {
                        continue;
                    }
                    plain++;
                    if (!people.SequenceEqual(MimeKitReads(header.RawValue)))
                    {
                        mismatches.Add($"{envelope.Location}: {header.Field}: {Encoding.UTF8.GetString(header.RawValue)}");
                    }
                }
            }
        }

        Assert.Empty(mismatches);
        // The 4,144 messages carry 8,229 To and Cc headers (counted apart from this code, on the unfolded headers); the
        // 223 with encoded words, 8-bit names, comments, groups or escapes go to MimeKit, every other one is plain.
        Assert.Equal((8229, 8006), (headers, plain));
    }

    [Fact]
    public void A_message_with_one_list_MimeKit_must_read_takes_all_of_that_field_from_MimeKit()
    {
        var message = MessageParser.Parse(new MailEnvelope("test.eml", 0, null, Encoding.UTF8.GetBytes(
            "From: a@example.com\nTo: plain@example.com\nTo: =?UTF-8?Q?J=C3=B6rg?= <joro@8bytes.org>\nCc: x@example.com, Y Z <y@example.com>\nSubject: s\n\nb\n"))).Message!;

        Assert.Equal([new Person("", "plain@example.com"), new Person("Jörg", "joro@8bytes.org")], message.To);
        Assert.Equal([new Person("", "x@example.com"), new Person("Y Z", "y@example.com")], message.Cc);
    }
}
