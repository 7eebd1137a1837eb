namespace MarketEdge.Portal.Catalog;

/// <summary>
/// A list of people to invite, read from a CSV file: previewed row by row first, then, once an Admin
/// confirms, sent by a background job that records each row's outcome as it goes.
/// </summary>
public sealed class InvitationBatch
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Guid? CreatedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public InvitationBatchStatus Status { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>The Admin who pressed Send: the invitations are theirs.</summary>
    public Guid? ConfirmedByUserId { get; set; }

    /// <summary>The super admin who pressed Send while viewing as that Admin (support access): the invitations' audit names them too.</summary>
    public Guid? ConfirmedBySupportUserId { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public List<InvitationBatchRow> Rows { get; set; } = [];
}

public enum InvitationBatchStatus
{
    /// <summary>Read and judged; nothing sent until an Admin confirms.</summary>
    Previewed,
    Sending,
    Finished,
}

/// <summary>One line of the file: its cells as read, and what was (or will be) done with it.</summary>
public sealed class InvitationBatchRow
{
    public const int CellMaxLength = 300;
    public const int ReasonMaxLength = 300;

    public Guid BatchId { get; set; }

    /// <summary>The line of the file the row starts on (the header is line 1).</summary>
    public int Line { get; set; }

    public required string Email { get; set; }

    public required string Name { get; set; }

    public required string Role { get; set; }

    public InvitationRowOutcome Outcome { get; set; }

    public string? Reason { get; set; }
}

public enum InvitationRowOutcome
{
    WillInvite,
    AlreadyMember,
    AlreadyInvited,
    Error,
    /// <summary>Sent by the job.</summary>
    Invited,
    /// <summary>Judged fine in the preview, but a member or a pending invitation by the time the job reached it.</summary>
    Skipped,
}
