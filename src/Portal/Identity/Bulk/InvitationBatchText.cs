using MarketEdge.Portal.Catalog;

namespace MarketEdge.Portal.Identity.Bulk;

/// <summary>What each outcome of a list's line is called on the page.</summary>
public static class InvitationBatchText
{
    public static string Label(InvitationRowOutcome outcome) => outcome switch
    {
        InvitationRowOutcome.WillInvite => "Will invite",
        InvitationRowOutcome.AlreadyMember => "Already a member",
        InvitationRowOutcome.AlreadyInvited => "Already invited",
        InvitationRowOutcome.Error => "Error",
        InvitationRowOutcome.Invited => "Invited",
        InvitationRowOutcome.Skipped => "Skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    /// <summary>The order of the counts: what was or will be done first, then what will not be.</summary>
    public static readonly IReadOnlyList<InvitationRowOutcome> CountOrder =
    [
        InvitationRowOutcome.Invited, InvitationRowOutcome.WillInvite, InvitationRowOutcome.Skipped,
        InvitationRowOutcome.AlreadyMember, InvitationRowOutcome.AlreadyInvited, InvitationRowOutcome.Error,
    ];

    /// <summary>"3 to invite", "1 already a member", "2 errors".</summary>
    public static string Count(InvitationRowOutcome outcome, int count) => outcome switch
    {
        InvitationRowOutcome.WillInvite => "to invite",
        InvitationRowOutcome.AlreadyMember => count == 1 ? "already a member" : "already members",
        InvitationRowOutcome.Error => count == 1 ? "error" : "errors",
        _ => Label(outcome).ToLowerInvariant(),
    };
}
