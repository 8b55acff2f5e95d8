namespace Truora.Grains.Contacts;

/// <summary>
/// The retry reminder: armed whenever the contact owes the user something (a message not yet confirmed sent, a
/// hand-off whose conversation is not open yet) before the request that created the debt is answered, so a silo
/// lost a moment later leaves the debt to a survivor. It is dropped by its own tick once nothing is owed, not as
/// soon as the last message is sent: a chat's messages of one minute then share one registration and one removal
/// (each a database statement in the durable modes) instead of paying both per message.
/// </summary>
public sealed partial class ContactGrain
{
    private bool OwesTheUser => HasPendingMessages || state.State.Session?.PendingOpening is not null;

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != RetryReminder)
        {
            // A reminder of an older build: nothing here answers to it any more.
            if (await this.GetReminder(reminderName) is { } stale)
            {
                await this.UnregisterReminder(stale);
            }

            return;
        }

        retryReminder ??= await this.GetReminder(RetryReminder);
        if (state.State.Session?.PendingOpening is not null)
        {
            await RetryOpeningAsync();
        }

        DispatchPending();
        await DropRetryIfSettledAsync();
    }

    /// <summary>Registers the reminder unless this activation already did; a no-op while nothing is owed.</summary>
    private async Task ArmRetryAsync()
    {
        if (retryReminder is null && OwesTheUser)
        {
            retryReminder = await this.RegisterOrUpdateReminder(RetryReminder, options.Value.OutboxRetry, options.Value.OutboxRetry);
        }
    }

    private async Task DropRetryIfSettledAsync()
    {
        if (retryReminder is { } reminder && !OwesTheUser)
        {
            retryReminder = null;
            await this.UnregisterReminder(reminder);
        }
    }
}
