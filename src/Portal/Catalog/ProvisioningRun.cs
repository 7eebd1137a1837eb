namespace MarketEdge.Portal.Catalog;

/// <summary>One attempt at provisioning an organization, with its steps in order.</summary>
public sealed class ProvisioningRun
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    /// <summary>1 for the first attempt; each retry, automatic or by hand, counts up.</summary>
    public int Attempt { get; set; }

    public DateTimeOffset StartedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset? FinishedAt { get; set; }

    public StepOutcome Outcome { get; set; } = StepOutcome.Running;

    public string? Error { get; set; }

    public List<ProvisioningStep> Steps { get; } = [];
}

/// <summary>One step of a run: what it was, when it ran, how it ended.</summary>
public sealed class ProvisioningStep
{
    public long Id { get; set; }

    public Guid RunId { get; set; }

    public int Position { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset StartedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset? FinishedAt { get; set; }

    public StepOutcome Outcome { get; set; } = StepOutcome.Running;

    public string? Error { get; set; }
}

public enum StepOutcome
{
    Running,
    Succeeded,
    Failed,
}
