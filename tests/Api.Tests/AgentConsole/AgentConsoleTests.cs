using System.Net.Http.Json;
using Microsoft.Playwright;
using Truora.Api.Tests.EndToEnd;

namespace Truora.Api.Tests.AgentConsole;

/// <summary>The agent console in a real browser against a real node, driven as an agent would.</summary>
[Collection(NodeCollection.Name)]
public sealed class AgentConsoleTests(InProcessNode node)
{
    private static readonly float Patience = 15_000;

    [Fact]
    public async Task AnAgentSeesAChatArriveRepliesAndClosesItWithoutReloading()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        var page = await LogInAsync(browser, tenant.FirstAgentKey);

        var conversation = await tenant.ReachAgentAsync("573004440001");
        var item = page.Locator($"[data-testid=conversation-item][data-conversation-id='{conversation}']");
        await item.WaitForAsync(new() { Timeout = Patience });
        await item.ClickAsync();
        await page.Locator("[data-testid=history-entry][data-from=bot]").First.WaitForAsync(new() { Timeout = Patience });
        await BrowserSession.ScreenshotAsync(page, "console-conversation");

        await page.FillAsync("[data-testid=composer-text]", "Hello from the console");
        await page.ClickAsync("[data-testid=composer-send]");
        await tenant.Graph.WaitForAsync(posts => posts.Any(post => post.Text == "Hello from the console"), TimeSpan.FromSeconds(15));
        await page.Locator("[data-testid=history-entry][data-from=agent]").First.WaitForAsync(new() { Timeout = Patience });

        await page.ClickAsync("[data-testid=close-button]");
        await item.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = Patience });
        await BrowserSession.ScreenshotAsync(page, "console-closed");
        var closed = await WhatsAppTenant.ConversationAsync(tenant.Admin, conversation);
        Assert.Equal("closed", closed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ASecondAgentSeesAnUnassignedChatAndClaimsIt()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        foreach (var agent in new[] { tenant.FirstAgent, tenant.SecondAgent })
        {
            using var away = await agent.PutAsJsonAsync("/v1/me/status", new { status = "unavailable" }, TestContext.Current.CancellationToken);
            away.EnsureSuccessStatusCode();
        }

        var page = await LogInAsync(browser, tenant.SecondAgentKey);
        await page.ClickAsync("[data-testid=tab-unassigned]");
        await tenant.SayAsync("573004440002", "hi");
        await tenant.Graph.WaitForAsync(posts => WhatsAppTenant.HasBothPrompts(posts, "573004440002"), TimeSpan.FromSeconds(15));
        await tenant.SayAsync("573004440002", WhatsAppTenant.Document);

        var waiting = page.Locator("[data-testid=conversation-item]").First;
        await waiting.WaitForAsync(new() { Timeout = Patience });
        await waiting.ClickAsync();
        await BrowserSession.ScreenshotAsync(page, "console-unassigned");
        await page.ClickAsync("[data-testid=claim-button]");

        await page.ClickAsync("[data-testid=tab-mine]");
        await page.Locator("[data-testid=conversation-item]").First.WaitForAsync(new() { Timeout = Patience });
        var mine = await WhatsAppTenant.ListAsync(tenant.SecondAgent, "view=mine");
        Assert.Single(mine);
        Assert.Equal(tenant.SecondAgentId, mine[0].GetProperty("ownerId").GetString());
        await BrowserSession.ScreenshotAsync(page, "console-claimed");
    }

    private async Task<IPage> LogInAsync(BrowserSession browser, string key)
    {
        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(new Uri(node.BaseAddress, "/console/").ToString());
        await page.FillAsync("[data-testid=login-key]", key);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.Locator("[data-testid=status-toggle]").WaitForAsync(new() { Timeout = Patience });
        return page;
    }
}
