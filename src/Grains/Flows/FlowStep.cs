namespace Truora.Grains.Flows;

/// <summary>
/// What a block decided: the runtime carries it out. Blocks combine these few effects (say something, wait for
/// an answer, hand off, go on), so a new kind of block needs no change to the runtime.
/// </summary>
public sealed record FlowStep(string? Next, string? Say = null, string? AwaitAnswerInto = null, FlowHandoff? HandOff = null);
