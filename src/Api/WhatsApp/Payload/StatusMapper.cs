using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Truora.Grains.Interfaces.WhatsApp;
using static Truora.Api.WhatsApp.WebhookPayloadParser;

namespace Truora.Api.WhatsApp.Payload;

/// <summary>Checks one of a value's <c>statuses</c> and makes it a <see cref="DeliveryStatusUpdate"/>.</summary>
internal static class StatusMapper
{
    /// <summary>
    /// False with the error for a malformed status. True with a null <paramref name="update"/> for a state we do not
    /// track (such as "deleted"): it moves nothing and is not an error.
    /// </summary>
    public static bool TryMap(
        MessageStatus? status,
        ValuePath at,
        int index,
        out string recipientId,
        out DeliveryStatusUpdate? update,
        [NotNullWhen(false)] out string? error)
    {
        recipientId = "";
        update = null;
        if (status is null)
        {
            error = $"{at}.statuses[{index}] must be an object.";
            return false;
        }

        error = Check(status, at, index);
        if (error is not null)
        {
            return false;
        }

        recipientId = status.RecipientId;
        if (DeliveryStates.TryParse(status.Status, out var state))
        {
            // Check made sure of the timestamp.
            update = new DeliveryStatusUpdate(status.Id, state, status.Timestamp!.Value, Describe(status.Errors));
        }

        return true;
    }

    private static string? Check(MessageStatus status, ValuePath at, int index)
    {
        string At(string field) => at.Of("statuses", index, field);
        string? Limit(string? value, int max, string field) => value?.Length > max ? $"{At(field)} must be at most {max} characters." : null;

        if (status.Id.Length == 0)
        {
            return $"{At("id")} is required.";
        }

        if (status.Status.Length == 0)
        {
            return $"{At("status")} is required.";
        }

        if (status.Timestamp is null)
        {
            return $"{At("timestamp")} is required.";
        }

        // The recipient names the contact whose outbox sent the message: without it the status has no home.
        if (!PhoneNumbers.IsWaId(status.RecipientId))
        {
            return $"{At("recipient_id")} is required and must be a wa_id (digits).";
        }

        var error = Limit(status.Id, MaxIdLength, "id") ?? Limit(status.Status, MaxIdLength, "status");
        for (var i = 0; error is null && i < status.Errors?.Count; i++)
        {
            error = status.Errors[i] switch
            {
                null => $"{At($"errors[{i}]")} must be an object.",
                { Title.Length: > MaxTextLength } => $"{At($"errors[{i}].title")} must be at most {MaxTextLength} characters.",
                { ErrorData.Details.Length: > MaxTextLength } =>
                    $"{At($"errors[{i}].error_data.details")} must be at most {MaxTextLength} characters.",
                _ => null,
            };
        }

        return error;
    }

    /// <summary>Meta's errors as one line for the message's delivery view, such as "131047 Re-engagement message: …".</summary>
    private static string? Describe(IReadOnlyList<StatusError?>? errors)
    {
        if (errors is not { Count: > 0 })
        {
            return null;
        }

        // Check refused null items.
        return string.Join("; ", errors.Select(error => Describe(error!)));
    }

    private static string Describe(StatusError error)
    {
        var head = (error.Code, error.Title) switch
        {
            ({ } code, null) => code.ToString(CultureInfo.InvariantCulture),
            ({ } code, { } title) => string.Create(CultureInfo.InvariantCulture, $"{code} {title}"),
            (null, { } title) => title,
            (null, null) => "Unknown error",
        };
        return error.ErrorData?.Details is { } details ? $"{head}: {details}" : head;
    }
}
