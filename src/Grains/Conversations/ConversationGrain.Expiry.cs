using Truora.Grains.Interfaces.Conversations;

namespace Truora.Grains.Conversations;

/// <summary>Auto-close: a durable reminder at the expiry (retrying on its period) and a timer for sub-minute precision.</summary>
public sealed partial class ConversationGrain
{
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ExpiryReminder)
        {
            await ExpireIfDueAsync();
        }
    }

    private async Task ExpireIfDueAsync()
    {
        await CompleteRoutingAsync();
        if (IsOpen && !ConversationLifecycle.IsDue(state.State, Now))
        {
            ScheduleExpiryTimer();
            return;
        }

        if (IsOpen)
        {
            EndConversation(ConversationStatus.Closed, ClosedReason.Expired, "Closed automatically: the conversation expired.");
            await SaveAsync();
            await AfterEndAsync(ClosedReason.Expired);
            LogExpired(logger, Id);
        }

        if (await this.GetReminder(ExpiryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>
    /// Reminders are minute-grained; a timer closes a short-lived conversation on time while it is active. Only
    /// near the expiry: a timer keeps its activation alive, and a conversation a day from its expiry is better
    /// collected while idle. The reminder's first tick comes at the expiry and arms the timer if it came early.
    /// </summary>
    private void ScheduleExpiryTimer()
    {
        expiryTimer?.Dispose();
        expiryTimer = null;
        var left = Max(state.State.ExpiresAt - Now, TimeSpan.Zero);
        if (left > options.ExpiryRetry)
        {
            return;
        }

        expiryTimer = this.RegisterGrainTimer(static (grain, _) => grain.ExpireIfDueAsync(), this,
            new GrainTimerCreationOptions(left + TimeSpan.FromMilliseconds(50), Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }
}
