using Microsoft.Extensions.Time.Testing;
using Truora.Grains.Contacts;
using Truora.Grains.Flows;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.WhatsApp;
using Truora.Grains.Tests.Flows;

namespace Truora.Grains.Tests.Contacts;

/// <summary>The flow runtime's rules, without a cluster: what a session does with the user's messages and the blocks.</summary>
public sealed class FlowRuntimeTests
{
    // A Monday, 10:00 in Bogota: inside the example's office hours (five days on, a Saturday, is outside).
    private static readonly DateTimeOffset OfficeHours = new(2026, 12, 7, 15, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Bogota = TimeZoneInfo.FindSystemTimeZoneById("America/Bogota");

    private readonly FakeTimeProvider clock = new(OfficeHours);
    private readonly FlowDefinition example = Parse(FlowSamples.ExampleJson());

    [Fact]
    public void AStartRunsUntilTheFirstQuestionSayingEachPromptOnce()
    {
        var runtime = Runtime();
        var session = runtime.Start("kyc", 3, example);

        var run = runtime.Run(session, example, Bogota);

        Assert.Equal(FlowRunOutcome.AwaitingAnswer, run.Outcome);
        Assert.Equal(["Hi! Let's verify you.", "Your document number?"], run.Prompts.Select(prompt => prompt.Text));
        Assert.Equal(run.Prompts.Select(prompt => prompt.MessageId), session.Transcript.Select(entry => entry.MessageId));
        Assert.All(session.Transcript, entry => Assert.Equal(DeliveryState.Pending, entry.Delivery));
        Assert.Equal("document", session.AwaitingVariable);
        Assert.Equal(OfficeHours + TimeSpan.FromHours(2), session.ExpiresAt);
    }

    [Fact]
    public void AnAnswerFillsItsVariableAndTheFlowHandsOffInOfficeHours()
    {
        var runtime = Runtime();
        var session = runtime.Start("kyc", 3, example);
        runtime.Run(session, example, Bogota);

        runtime.Accept(session, UserSays("1020304050"), OfficeHours);
        var run = runtime.Run(session, example, Bogota);

        Assert.Equal("1020304050", session.Variables["document"]);
        Assert.Equal(FlowRunOutcome.HandingOff, run.Outcome);
        Assert.Equal(new FlowHandoff(RotationMode.Available, "g-support", null), run.Handoff);
        Assert.Empty(run.Prompts);
        Assert.Equal("done", session.ResumeAt);
        Assert.Equal("ask_doc", session.Transcript[^1].BlockId);
    }

    [Fact]
    public void OutsideOfficeHoursTheFlowSaysItIsClosedAndCompletes()
    {
        clock.Advance(TimeSpan.FromDays(5));
        var runtime = Runtime();
        var session = runtime.Start("kyc", 3, example);
        runtime.Run(session, example, Bogota);

        runtime.Accept(session, UserSays("1020304050"), clock.GetUtcNow());
        var run = runtime.Run(session, example, Bogota);

        Assert.Equal(FlowRunOutcome.Completed, run.Outcome);
        Assert.Equal(["We are closed, come back at 9."], run.Prompts.Select(prompt => prompt.Text));
    }

    [Fact]
    public void ALoopIsStoppedAfterTheStepLimitWithTheReasonInTheTranscript()
    {
        var loop = Parse(FlowSamples.Json("{'name':'loop','start':'a','blocks':[{'id':'a','type':'message','text':'again','next':'a'}]}"));
        var runtime = Runtime(maxSteps: 5);
        var session = runtime.Start("loop", 1, loop);

        var run = runtime.Run(session, loop, TimeZoneInfo.Utc);

        Assert.Equal(FlowRunOutcome.Stopped, run.Outcome);
        Assert.Equal(5, run.Prompts.Count);
        Assert.Contains("after 5 blocks", run.StoppedBecause, StringComparison.Ordinal);
        Assert.Equal(HistorySender.System, session.Transcript[^1].From);
    }

    [Fact]
    public void AnAgentsCloseResumesAtTheHandoffsNextWithAFreshLifetime()
    {
        var runtime = Runtime();
        var session = HandedOff(runtime);
        clock.Advance(TimeSpan.FromMinutes(90));

        var resumed = runtime.Resume(session, ClosedReason.Agent);
        var run = runtime.Run(session, example, Bogota);

        Assert.True(resumed);
        Assert.Null(session.ConversationId);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromHours(2), session.ExpiresAt);
        Assert.Equal(FlowRunOutcome.Completed, run.Outcome);
        Assert.Equal(["Thanks, your verification continues."], run.Prompts.Select(prompt => prompt.Text));
    }

    [Fact]
    public void AnExpiredConversationEndsTheSessionQuietly()
    {
        var runtime = Runtime();
        var session = HandedOff(runtime);

        Assert.False(runtime.Resume(session, ClosedReason.Expired));
        Assert.Equal("c1", session.ConversationId);
    }

    [Fact]
    public void ASessionExpiresAtTheEndOfItsLifetime()
    {
        var runtime = Runtime();
        var session = runtime.Start("kyc", 3, example);

        clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromTicks(1));
        var before = runtime.HasExpired(session);
        clock.Advance(TimeSpan.FromTicks(1));

        Assert.False(before);
        Assert.True(runtime.HasExpired(session));
    }

    private FlowRuntime Runtime(int maxSteps = 50) => new(clock, new ContactOptions { MaxStepsWithoutUser = maxSteps });

    private FlowSession HandedOff(FlowRuntime runtime)
    {
        var session = runtime.Start("kyc", 3, example);
        runtime.Run(session, example, Bogota);
        runtime.Accept(session, UserSays("1020304050"), OfficeHours);
        Assert.Equal(FlowRunOutcome.HandingOff, runtime.Run(session, example, Bogota).Outcome);
        session.ConversationId = "c1";
        return session;
    }

    private HistoryEntry UserSays(string text) => new(HistorySender.User, text, clock.GetUtcNow(), MessageId: "wamid." + Guid.NewGuid().ToString("N"));

    private static FlowDefinition Parse(System.Text.Json.JsonElement json) => FlowParser.Parse(json, FlowReferences.Trusted).Definition!;
}
