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
}
