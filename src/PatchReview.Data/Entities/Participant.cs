namespace PatchReview.Data.Entities;

/// <summary>One participant of the list, who may write from several addresses (<see cref="ParticipantAddress"/>).</summary>
public sealed class Participant
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";

    public List<ParticipantAddress> Addresses { get; set; } = [];
}

/// <summary>An address and the participant it belongs to.</summary>
public sealed class ParticipantAddress
{
    /// <summary>Lower-cased.</summary>
    public string Email { get; set; } = "";
    public long ParticipantId { get; set; }
    public string Name { get; set; } = "";
}
