using Truora.Grains.Conversations.Records;

namespace Truora.Grains.Conversations;

/// <summary>
/// The conversation's two kinds of storage: its grain state (what it decides with) and its records (messages and
/// its list row, <see cref="ConversationStore"/>), each behind a coalescing writer of its own.
/// </summary>
public sealed partial class ConversationGrain
{
    /// <summary>Writes the state and commits the records: every change of what the conversation decides with.</summary>
    private Task SaveAsync() => Task.WhenAll(writer.WriteAsync(), recorder.WriteAsync());

    /// <summary>Commits the records alone: messages, delivery news, activity times (the row carries those).</summary>
    private Task RecordAsync() => recorder.WriteAsync();

    private async Task CommitRecordsAsync()
    {
        var (messages, deliveries) = journal.TakeChanges();
        var row = CurrentRow();
        var changedRow = row == committedRow ? null : row;
        if (messages.Count == 0 && deliveries.Count == 0 && changedRow is null)
        {
            return;
        }

        var storedBefore = await store.CommitAsync(new ConversationChange(Tenant.Value, Id.Value, messages, deliveries, changedRow));
        committedRow = row;
        journal.NoteStoredBefore(storedBefore);
    }

    private ConversationRow CurrentRow() => new(Summary(), state.State.LastUserMessageAt, state.State.OwnedSince);

    /// <summary>
    /// Reads the latest messages (their ids) and the row, even without a state record: an opening whose records were
    /// committed and whose state was not is repeated by the contact, and goes on from what it stored. The state and the
    /// row are written side by side, so either may have failed alone: the state decides, and a row that says otherwise
    /// is rewritten before the activation answers anything (agents' open counts are read from rows).
    /// </summary>
    private async Task LoadRecordsAsync()
    {
        var tail = await store.ReadTailAsync(Tenant.Value, Id.Value, ConversationJournal.TailSize);
        journal.Load(tail);
        committedRow = tail.Row;
        if (state.RecordExists)
        {
            CatchUpWithRow(tail.Row);
            if (CurrentRow() != committedRow)
            {
                await RecordAsync();
            }
        }
    }

    /// <summary>
    /// Activity is committed with the messages, in the row, and the state is written only when something it decides
    /// with changes: the row may be ahead of the state in the times, never behind.
    /// </summary>
    private void CatchUpWithRow(ConversationRow? row)
    {
        if (row is null)
        {
            return;
        }

        var conversation = state.State;
        conversation.LastMessageAt = Later(conversation.LastMessageAt, row.Summary.LastMessageAt);
        if (row.LastUserMessageAt is { } lastUser && (conversation.LastUserMessageAt is not { } known || lastUser > known))
        {
            conversation.LastUserMessageAt = lastUser;
        }

        conversation.ContactName ??= row.Summary.ContactName;
    }
}
