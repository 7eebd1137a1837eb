using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace MarketEdge.Portal.Identity.Bulk;

/// <summary>How far a list has got: each outcome's count, and the rows to show.</summary>
public sealed record InvitationBatchView(
    InvitationBatch Batch, IReadOnlyDictionary<InvitationRowOutcome, int> Counts, IReadOnlyList<InvitationBatchRow> Rows, bool Stalled)
{
    public int Count(InvitationRowOutcome outcome) => Counts.GetValueOrDefault(outcome);

    /// <summary>Rows the job has still to send, and rows it has dealt with.</summary>
    public (int Done, int ToDo) Progress => (Count(InvitationRowOutcome.Invited) + Count(InvitationRowOutcome.Skipped), Count(InvitationRowOutcome.WillInvite));
}

/// <summary>
/// Inviting many people from one CSV list, for the organization's Admins: the list is read and each row judged
/// (will invite, already a member, already invited, or an error with its reason) and kept as a preview; nothing
/// is sent until an Admin confirms, once (two confirmations racing: one wins). A background job then sends the
/// invitations row by row, each row's outcome saved with its invitation, so that a restart carries on where it
/// stopped without sending anyone twice.
/// </summary>
public sealed class InvitationBatches(
    CatalogDbContext catalog, TenantContext tenant, MemberRoles roles, Invitations invitations, IOptions<InvitationOptions> invitationOptions,
    IHttpContextAccessor http, ISchedulerFactory schedulers, AuditLog audit, TimeProvider clock)
{
    /// <summary>A preview left unconfirmed this long is stale: the list must be read again.</summary>
    public static readonly TimeSpan PreviewLifetime = TimeSpan.FromHours(1);

    private const int SendChunk = 100;
    private static readonly Refusal NotAnAdmin = new("Only the organization's admins invite people.");
    private static readonly Refusal AlreadySent = new("This list has already been sent.");

    /// <summary>Reads and judges the list; the new preview's id, or why the list as a whole was refused (beside <paramref name="field"/>).</summary>
    public async Task<(Guid? BatchId, Refusal? Refusal)> PreviewAsync(InvitationCsvContent content, string field, CancellationToken cancellationToken)
    {
        if (!await roles.CanManageAsync(cancellationToken))
        {
            return (null, NotAnAdmin);
        }

        if (content.Problem is { } problem)
        {
            return (null, new Refusal(problem, field));
        }

        var organizationId = tenant.RequiredOrganization.Id;
        var now = clock.GetUtcNow();
        var batch = new InvitationBatch { OrganizationId = organizationId, CreatedByUserId = ActorId, CreatedAt = now, Status = InvitationBatchStatus.Previewed };
        batch.Rows.AddRange(await JudgeAsync(organizationId, content.Rows, granter: MembershipRole.Admin, cancellationToken));
        catalog.InvitationBatches.Add(batch);
        await catalog.InvitationBatches
            .Where(b => b.OrganizationId == organizationId && b.Status == InvitationBatchStatus.Previewed && b.CreatedAt < now - PreviewLifetime)
            .ExecuteDeleteAsync(cancellationToken); // previews nobody confirmed
        await catalog.SaveChangesAsync(cancellationToken);
        return (batch.Id, null);
    }

    /// <summary>The list with its counts (and its rows unless <paramref name="rows"/> is false); null when it is not one of this organization's.</summary>
    public async Task<InvitationBatchView?> FindAsync(Guid batchId, CancellationToken cancellationToken, bool rows = true)
    {
        var batch = await catalog.InvitationBatches.AsNoTracking()
            .SingleOrDefaultAsync(b => b.Id == batchId && b.OrganizationId == tenant.RequiredOrganization.Id, cancellationToken);
        if (batch is null)
        {
            return null;
        }

        var lines = catalog.InvitationBatchRows.AsNoTracking().Where(r => r.BatchId == batchId);
        var counts = await lines.GroupBy(r => r.Outcome).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var stalled = batch.Status == InvitationBatchStatus.Sending
            && !await (await schedulers.GetScheduler(cancellationToken)).Exists(JobKeyFor(batchId), cancellationToken);
        return new InvitationBatchView(batch, counts, rows ? await lines.OrderBy(r => r.Line).ToListAsync(cancellationToken) : [], stalled);
    }

    /// <summary>
    /// Sends the previewed list: by an Admin (asked afresh: one demoted a moment ago is refused), within the
    /// organization's daily allowance, claimed once (a second confirmation is refused), then handed to the job.
    /// </summary>
    public async Task<Refusal?> ConfirmAsync(Guid batchId, CancellationToken cancellationToken)
    {
        if (await roles.RoleAsync(cancellationToken, fresh: true) != MembershipRole.Admin)
        {
            return NotAnAdmin;
        }

        var organizationId = tenant.RequiredOrganization.Id;
        var batch = await catalog.InvitationBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId && b.OrganizationId == organizationId, cancellationToken);
        if (batch is null)
        {
            return Refusal.Missing;
        }

        var now = clock.GetUtcNow();
        if (batch.Status != InvitationBatchStatus.Previewed)
        {
            return AlreadySent;
        }

        if (batch.CreatedAt < now - PreviewLifetime)
        {
            return new Refusal("This preview is more than an hour old: read the list again, so that it is judged as things are now.");
        }

        var toSend = await catalog.InvitationBatchRows.CountAsync(r => r.BatchId == batchId && r.Outcome == InvitationRowOutcome.WillInvite, cancellationToken);
        if (toSend == 0)
        {
            return new Refusal("Nobody in this list can be invited: see each line's reason.");
        }

        var allowance = invitationOptions.Value.PerOrganizationPerDay;
        var sentToday = await catalog.Invitations.CountAsync(i => i.OrganizationId == organizationId && i.CreatedAt > now - TimeSpan.FromDays(1), cancellationToken);
        if (sentToday + toSend > allowance)
        {
            return new Refusal($"An organization can send at most {allowance:N0} invitations a day; {sentToday:N0} have been sent in the last 24 hours. Send a shorter list, or later.");
        }

        var claimed = await catalog.InvitationBatches
            .Where(b => b.Id == batchId && b.Status == InvitationBatchStatus.Previewed)
            .ExecuteUpdateAsync(set => set
                .SetProperty(b => b.Status, InvitationBatchStatus.Sending)
                .SetProperty(b => b.ConfirmedAt, now)
                .SetProperty(b => b.ConfirmedByUserId, ActorId)
                .SetProperty(b => b.ConfirmedBySupportUserId, Support.SupportGrant.Of(http.HttpContext?.User)?.ByUserId), cancellationToken);
        if (claimed != 1)
        {
            return AlreadySent;
        }

        var listed = await catalog.InvitationBatchRows.CountAsync(r => r.BatchId == batchId, cancellationToken);
        await audit.RecordAsync("invitation.bulk-sent", ActorId, organizationId, $"{toSend} of a list of {listed}", cancellationToken);
        // Scheduled once the claim is saved, so the job always finds the list Sending. Should scheduling fail, the
        // list is Sending without a job: its page then offers to resume it.
        await ScheduleAsync(batchId, cancellationToken);
        return null;
    }

    /// <summary>Starts the job again for a list left Sending without one (its last run failed); any Admin may.</summary>
    public async Task<Refusal?> ResumeAsync(Guid batchId, CancellationToken cancellationToken)
    {
        if (!await roles.CanManageAsync(cancellationToken))
        {
            return NotAnAdmin;
        }

        var view = await FindAsync(batchId, cancellationToken, rows: false);
        if (view is null)
        {
            return Refusal.Missing;
        }

        if (!view.Stalled)
        {
            return new Refusal("This list is not waiting to be resumed.");
        }

        await audit.RecordAsync("invitation.bulk-resumed", ActorId, view.Batch.OrganizationId, null, cancellationToken);
        await ScheduleAsync(batchId, cancellationToken);
        return null;
    }

    /// <summary>Throws a preview away; a list being sent or sent stays.</summary>
    public async Task<Refusal?> DiscardAsync(Guid batchId, CancellationToken cancellationToken)
    {
        if (!await roles.CanManageAsync(cancellationToken))
        {
            return NotAnAdmin;
        }

        var organizationId = tenant.RequiredOrganization.Id;
        if (!await catalog.InvitationBatches.AnyAsync(b => b.Id == batchId && b.OrganizationId == organizationId, cancellationToken))
        {
            return Refusal.Missing;
        }

        var deleted = await catalog.InvitationBatches
            .Where(b => b.Id == batchId && b.Status == InvitationBatchStatus.Previewed)
            .ExecuteDeleteAsync(cancellationToken);
        return deleted == 1 ? null : new Refusal("This list has already been sent; it can no longer be discarded.");
    }

    /// <summary>
    /// The job's work: sends every line still to send, each claimed and saved with its invitation in one transaction
    /// (two runs of one list, or two lists naming one person, never invite twice), as the Admin who confirmed. Stops,
    /// marking what is left as not sent, as soon as the organization is no longer Active.
    /// </summary>
    public async Task SendAsync(Guid batchId, CancellationToken cancellationToken)
    {
        var batch = await catalog.InvitationBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, cancellationToken);
        if (batch is not { Status: InvitationBatchStatus.Sending })
        {
            return;
        }

        var inviter = batch.ConfirmedByUserId ?? batch.CreatedByUserId;
        audit.DuringSupportBy(batch.ConfirmedBySupportUserId);
        var toSend = catalog.InvitationBatchRows.Where(r => r.BatchId == batchId && r.Outcome == InvitationRowOutcome.WillInvite);
        while (true)
        {
            catalog.ChangeTracker.Clear(); // each chunk starts light: saves do not rescan what earlier ones wrote
            var organization = await catalog.Organizations.AsNoTracking().SingleAsync(o => o.Id == batch.OrganizationId, cancellationToken);
            if (organization.Status != OrganizationStatus.Active)
            {
                var reason = $"Not sent: the organization is {organization.Status}.";
                await toSend.ExecuteUpdateAsync(set => set.SetProperty(r => r.Outcome, InvitationRowOutcome.Skipped).SetProperty(r => r.Reason, reason), cancellationToken);
                break;
            }

            var rows = await toSend.AsNoTracking().OrderBy(r => r.Line).Take(SendChunk).ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                break;
            }

            foreach (var row in rows)
            {
                await SendRowAsync(organization, row, inviter, cancellationToken);
            }
        }

        await catalog.InvitationBatches.Where(b => b.Id == batchId && b.Status == InvitationBatchStatus.Sending)
            .ExecuteUpdateAsync(set => set.SetProperty(b => b.Status, InvitationBatchStatus.Finished).SetProperty(b => b.FinishedAt, clock.GetUtcNow()), cancellationToken);
    }

    private async Task SendRowAsync(Organization organization, InvitationBatchRow row, Guid? inviter, CancellationToken cancellationToken)
    {
        await using var transaction = await catalog.Database.BeginTransactionAsync(cancellationToken);
        var line = catalog.InvitationBatchRows.Where(r => r.BatchId == row.BatchId && r.Line == row.Line);
        if (await line.Where(r => r.Outcome == InvitationRowOutcome.WillInvite)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.Outcome, InvitationRowOutcome.Invited), cancellationToken) != 1)
        {
            return; // another run has this line
        }

        var role = MembershipRoles.Parse(row.Role, StringComparison.OrdinalIgnoreCase)!.Value;
        if (await invitations.InviteAsync(organization, row.Email, role, inviter, cancellationToken, row.Name) is { } refusal)
        {
            var reason = Truncate(refusal.Message);
            await line.ExecuteUpdateAsync(set => set.SetProperty(r => r.Outcome, InvitationRowOutcome.Skipped).SetProperty(r => r.Reason, reason), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public static JobKey JobKeyFor(Guid batchId) => new($"invite-{batchId:N}", "invitations");

    private async Task ScheduleAsync(Guid batchId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<SendInvitationBatchJob>()
            .WithIdentity(JobKeyFor(batchId))
            .UsingJobData(SendInvitationBatchJob.BatchIdKey, batchId.ToString())
            .RequestRecovery()
            .Build();
        await scheduler.ScheduleJob(job, [TriggerBuilder.Create().ForJob(job).StartNow().Build()], new ScheduleJobOptions { Replace = true }, cancellationToken);
    }

    /// <summary>
    /// Judges each row as the preview shows it: errors first (address, role, name, a repeat of an earlier line),
    /// then who is already a member or already invited (two queries for the whole list), then everyone else.
    /// </summary>
    private async Task<List<InvitationBatchRow>> JudgeAsync(
        Guid organizationId, IReadOnlyList<InvitationCsvRow> rows, MembershipRole granter, CancellationToken cancellationToken)
    {
        var normalized = rows.Select(r => r.Email.ToUpperInvariant()).Distinct().ToList();
        var members = (await catalog.Memberships.Where(m => m.OrganizationId == organizationId && normalized.Contains(m.User.NormalizedEmail!))
            .Select(m => m.User.NormalizedEmail!).ToListAsync(cancellationToken)).ToHashSet();
        var invited = (await invitations.Pending(organizationId).Where(i => normalized.Contains(i.Email.ToUpper()))
            .Select(i => i.Email.ToUpper()).ToListAsync(cancellationToken)).ToHashSet();

        var firstLineOf = new Dictionary<string, int>();
        var judged = new List<InvitationBatchRow>(rows.Count);
        foreach (var row in rows)
        {
            var key = row.Email.ToUpperInvariant();
            var (outcome, reason) = RowProblem(row, granter) is { } problem ? (InvitationRowOutcome.Error, problem)
                : firstLineOf.TryGetValue(key, out var first) ? (InvitationRowOutcome.Error, $"The same address as line {first}.")
                : members.Contains(key) ? (InvitationRowOutcome.AlreadyMember, null)
                : invited.Contains(key) ? (InvitationRowOutcome.AlreadyInvited, null)
                : (InvitationRowOutcome.WillInvite, (string?)null);
            firstLineOf.TryAdd(key, row.Line);
            judged.Add(new InvitationBatchRow
            {
                Line = row.Line,
                Email = Truncate(row.Email, InvitationBatchRow.CellMaxLength),
                Name = Truncate(row.Name, InvitationBatchRow.CellMaxLength),
                Role = Truncate(row.Role, InvitationBatchRow.CellMaxLength),
                Outcome = outcome,
                Reason = reason,
            });
        }

        return judged;
    }

    private static string? RowProblem(InvitationCsvRow row, MembershipRole granter)
    {
        if (Email.MailboxAddress.Problem(row.Email) is { } address)
        {
            return address;
        }

        if (MembershipRoles.GrantProblem(MembershipRoles.Parse(row.Role, StringComparison.OrdinalIgnoreCase), granter) is { } role)
        {
            return role;
        }

        if (row.Name.Length > PortalUser.DisplayNameMaxLength)
        {
            return $"Use a name of at most {PortalUser.DisplayNameMaxLength} characters.";
        }

        return row.Name.Any(char.IsControl) ? "Put the name on one line, without control characters." : null;
    }

    private Guid? ActorId => http.HttpContext?.User.UserId();

    private static string Truncate(string text, int length = InvitationBatchRow.ReasonMaxLength) =>
        text.Length > length ? text[..(length - 1)] + "…" : text;
}
