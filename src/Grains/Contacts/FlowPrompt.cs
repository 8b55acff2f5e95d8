namespace Truora.Grains.Contacts;

/// <summary>A message a block says to the user, with the id its outbox item and transcript entry share.</summary>
public readonly record struct FlowPrompt(string MessageId, string Text);
