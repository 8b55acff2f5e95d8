using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Truora.Api.Tests.EndToEnd;

internal static class HttpResponses
{
    /// <summary>Fails with the response's body when its status is not <paramref name="expected"/>, so a refusal explains itself.</summary>
    public static async Task ExpectAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered "
                + $"{(int)response.StatusCode} instead of {(int)expected}: {body}");
        }
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    /// <summary>The fields a validation problem's <c>errors</c> names; empty when it has none.</summary>
    public static async Task<string[]> ErrorFieldsAsync(this HttpResponseMessage response)
    {
        var problem = await response.ReadJsonAsync();
        return problem.ValueKind is JsonValueKind.Object && problem.TryGetProperty("errors", out var errors) && errors.ValueKind is JsonValueKind.Object
            ? [.. errors.EnumerateObject().Select(error => error.Name)]
            : [];
    }
}
