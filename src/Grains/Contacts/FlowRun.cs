using Truora.Grains.Flows;

namespace Truora.Grains.Contacts;

/// <summary>
/// What a run of a session's blocks leaves the contact to carry out: the prompts to send (already in the session's
/// transcript), the hand-off to open, or the reason the session stopped.
/// </summary>
public sealed record FlowRun(FlowRunOutcome Outcome, IReadOnlyList<FlowPrompt> Prompts, FlowHandoff? Handoff = null, string? StoppedBecause = null);
