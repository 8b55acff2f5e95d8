// The chats page: "My chats", "Unassigned" and (admins) "All" on the left, the selected conversation on the right.

import { seg } from './api.js';
import { $, $$, h, showProblem, showMessage, clearProblem, formatTime } from './dom.js';

const openStatuses = new Set(['waiting', 'assigned']);
const senders = { user: 'User', bot: 'Flow', system: 'System', agent: 'Agent' };

/** ctx: { api, me() } */
export function createChats(ctx) {
  const list = $('#conversation-list');
  const listError = $('#list-error');
  const loadMore = $('#load-more');
  const statusFilter = $('#status-filter');
  const body = $('#conversation-body');
  const empty = $('#conversation-empty');
  const history = $('#history');
  const error = $('#conversation-error');
  const claim = $('#claim-button');
  const close = $('#close-button');
  const finish = $('#finish-button');
  const cooldown = $('#finish-cooldown');
  const composer = $('#composer');
  const composerText = $('#composer-text');
  const composerNote = $('#composer-note');

  let view = 'mine';
  let items = [];
  let nextCursor = null;
  let listSeq = 0;
  let renderedList = '';
  let selectedId = null;
  let detail = null;
  let detailSeq = 0;
  let renderedHistory = '';
  let refreshTimer = null;
  let refreshDetailToo = false;
  let cooldownUntil = 0;
  let cooldownTimer = null;
  const unread = new Set();

  // Lists.

  function setView(next) {
    view = next;
    for (const button of $$('[data-view]')) {
      button.setAttribute('aria-pressed', String(button.dataset.view === view));
      if (button.dataset.view === view) {
        delete button.dataset.news;
      }
    }
    $('#status-filter-label').hidden = view === 'unassigned';
    items = [];
    nextCursor = null;
    renderList();
    refreshList();
  }

  async function refreshList({ append = false } = {}) {
    const seq = ++listSeq;
    const params = new URLSearchParams({ view, limit: '50', status: view === 'unassigned' ? 'open' : statusFilter.value });
    if (append && nextCursor) {
      params.set('cursor', nextCursor);
    }
    try {
      const page = await ctx.api.get(`v1/conversations?${params}`);
      if (seq !== listSeq) {
        return;
      }
      items = append ? items.concat(page.items) : page.items;
      nextCursor = page.nextCursor;
      clearProblem(listError);
      renderList();
    } catch (e) {
      if (seq === listSeq) {
        showProblem(listError, e);
      }
    }
  }

  function renderList() {
    // Re-render only on a change, so a click never lands on a node that is being replaced.
    const signature = JSON.stringify([view, items, selectedId, [...unread], nextCursor]);
    if (signature === renderedList) {
      return;
    }
    renderedList = signature;
    list.replaceChildren(...(items.length === 0
      ? [h('li', { class: 'empty' }, view === 'unassigned' ? 'No chats waiting.' : 'No conversations.')]
      : items.map(itemNode)));
    loadMore.hidden = !nextCursor;
  }

  function itemNode(item) {
    const me = ctx.me();
    const owner = item.ownerId ? (item.ownerId === me.id ? 'you' : item.ownerId) : 'unassigned';
    const isUnread = unread.has(item.id);
    return h('li', {},
      h('button', {
        type: 'button',
        class: `item${isUnread ? ' unread' : ''}`,
        'data-testid': 'conversation-item',
        'data-conversation-id': item.id,
        'data-status': item.status,
        'aria-current': item.id === selectedId ? 'true' : null,
        onclick: () => select(item.id),
      },
      h('span', { class: 'item-title' }, contactName(item.contact), isUnread ? h('span', { class: 'dot' }, h('span', { class: 'visually-hidden' }, 'new message')) : null),
      h('span', { class: `badge status-${item.status}` }, item.status),
      h('span', { class: 'item-meta' }, `+${item.contact?.phone ?? ''} · ${owner}${item.groupId ? ` · ${item.groupId}` : ''}`),
      h('time', { class: 'item-time', datetime: item.lastMessageAt }, formatTime(item.lastMessageAt))));
  }

  // The selected conversation.

  function select(id) {
    if (id !== selectedId) {
      selectedId = id;
      detail = null;
      renderedHistory = '';
      clearProblem(error);
      composerText.value = '';
    }
    unread.delete(id);
    renderList();
    loadDetail();
  }

  async function loadDetail() {
    if (!selectedId) {
      return;
    }
    const seq = ++detailSeq;
    try {
      const loaded = await ctx.api.get(`v1/conversations/${seg(selectedId)}`);
      if (seq === detailSeq) {
        detail = loaded;
        renderDetail();
      }
    } catch (e) {
      if (seq === detailSeq) {
        showProblem(error, e);
        body.hidden = false;
        empty.hidden = true;
      }
    }
  }

  function renderDetail() {
    empty.hidden = detail !== null;
    body.hidden = detail === null;
    if (!detail) {
      return;
    }
    const me = ctx.me();
    const isOpen = openStatuses.has(detail.status);
    const mayAct = isOpen && (detail.ownerId === me.id || me.role === 'admin');
    $('#conversation-title').textContent = contactName(detail.contact);
    $('#conversation-meta').replaceChildren(...metaParts(detail, me));
    body.dataset.status = detail.status;
    body.dataset.conversationId = detail.id;
    claim.hidden = !(isOpen && !detail.ownerId);
    close.hidden = !mayAct;
    finish.hidden = !mayAct;
    renderCooldown();

    composerText.disabled = !mayAct;
    composer.querySelector('button').disabled = !mayAct;
    composerNote.hidden = mayAct;
    composerNote.textContent = !isOpen
      ? `This conversation is ${detail.status}${detail.closedReason ? ` (${detail.closedReason})` : ''}.`
      : 'Claim this conversation to reply.';

    renderHistory();
    renderVariables();
  }

  function metaParts(d, me) {
    const owner = d.ownerId ? (d.ownerId === me.id ? 'you' : d.ownerId) : 'nobody yet';
    return [
      h('span', { class: `badge status-${d.status}`, 'data-testid': 'conversation-status' }, d.status),
      ` +${d.contact?.phone ?? ''} · owner: ${owner}`,
      d.groupId ? ` · group: ${d.groupId}` : '',
      ` · opened ${formatTime(d.openedAt)}`,
      openStatuses.has(d.status) ? ` · closes by ${formatTime(d.expiresAt)}` : '',
      d.closedAt ? ` · ${d.status} ${formatTime(d.closedAt)}` : '',
    ];
  }

  function renderHistory() {
    const signature = JSON.stringify([detail.id, detail.history]);
    if (signature === renderedHistory) {
      return;
    }
    const first = renderedHistory === '';
    renderedHistory = signature;
    const nearBottom = history.scrollHeight - history.scrollTop - history.clientHeight < 80;
    const me = ctx.me();
    history.replaceChildren(...detail.history.map((entry) => entryNode(entry, me)));
    if (first || nearBottom) {
      history.scrollTop = history.scrollHeight;
    }
  }

  function entryNode(entry, me) {
    // The flow's transcript (bot and system lines, and the user's answers to its questions) reads differently
    // from the live chat with the agent.
    const flow = entry.from === 'bot' || entry.from === 'system' || (entry.from === 'user' && entry.blockId);
    let who = senders[entry.from] ?? entry.from;
    if (entry.from === 'agent') {
      who = entry.agentId === me.id ? 'You' : (entry.agentId ?? 'Agent');
    } else if (entry.from === 'user') {
      who = contactName(detail.contact);
    }
    return h('li', {
      class: `entry from-${entry.from}${flow ? ' flow' : ''}`,
      'data-testid': 'history-entry',
      'data-from': entry.from,
    },
    h('span', { class: 'entry-meta' },
      who,
      entry.blockId ? h('code', { class: 'block' }, entry.blockId) : null,
      h('time', { datetime: entry.at }, formatTime(entry.at)),
      entry.delivery ? h('span', { class: `delivery delivery-${entry.delivery}` }, entry.delivery) : null),
    h('p', { class: 'entry-text' }, entry.text));
  }

  function renderVariables() {
    const entries = Object.entries(detail.variables ?? {});
    const details = $('#variables');
    details.hidden = entries.length === 0;
    $('#variables-list').replaceChildren(...entries.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]));
  }

  // Actions.

  async function act(button, run) {
    button.disabled = true;
    clearProblem(error);
    try {
      await run();
      return true;
    } catch (e) {
      showProblem(error, e);
      return false;
    } finally {
      button.disabled = false;
      refreshList();
      await loadDetail();
    }
  }

  claim.addEventListener('click', () =>
    act(claim, () => ctx.api.post(`v1/conversations/${seg(selectedId)}/assign`, { agentId: ctx.me().id })));

  close.addEventListener('click', () =>
    act(close, () => ctx.api.post(`v1/conversations/${seg(selectedId)}/close`)));

  finish.addEventListener('click', async () => {
    const ok = window.confirm(
      'Finish this conversation?\n\nThe user\'s whole process ends and they receive the finish message. ' +
      'After a finish you must wait before finishing another one.');
    if (!ok) {
      return;
    }
    await act(finish, async () => {
      try {
        await ctx.api.post(`v1/conversations/${seg(selectedId)}/finish`);
      } catch (e) {
        if (e.status === 429 && e.retryAfter !== null) {
          startCooldown(e.retryAfter);
        }
        throw e;
      }
    });
  });

  function startCooldown(seconds) {
    cooldownUntil = Date.now() + seconds * 1000;
    clearInterval(cooldownTimer);
    cooldownTimer = setInterval(renderCooldown, 1000);
    renderCooldown();
  }

  function renderCooldown() {
    const left = Math.ceil((cooldownUntil - Date.now()) / 1000);
    if (left <= 0) {
      clearInterval(cooldownTimer);
      cooldown.hidden = true;
      cooldown.textContent = '';
      return;
    }
    cooldown.hidden = finish.hidden;
    cooldown.textContent = `Cooldown: ${left} s`;
  }

  composer.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = composerText.value.trim();
    if (!text || !selectedId) {
      return;
    }
    const send = composer.querySelector('button');
    const sent = await act(send, () => ctx.api.post(`v1/conversations/${seg(selectedId)}/messages`, { text }));
    if (sent) {
      composerText.value = '';
      composerText.focus();
      // The message is accepted (202); look again shortly for its delivery state.
      setTimeout(loadDetail, 1500);
    }
  });

  composerText.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });

  for (const button of $$('[data-view]')) {
    button.addEventListener('click', () => setView(button.dataset.view));
  }
  statusFilter.addEventListener('change', () => setView(view));
  loadMore.addEventListener('click', () => refreshList({ append: true }));

  // Live updates.

  // Which tab gets a "news" mark when the event arrives while another tab is shown.
  const newsTab = {
    'conversation.assigned': 'mine',
    'message.received': 'mine',
    'conversation.waiting': 'unassigned',
  };

  function onEvent(event) {
    if (event.type === 'message.received' && event.conversationId !== selectedId) {
      unread.add(event.conversationId);
    }
    const tab = newsTab[event.type];
    if (tab && tab !== view) {
      $(`[data-view=${tab}]`).dataset.news = 'true';
    }
    scheduleRefresh(event.conversationId === selectedId);
  }

  /** Coalesces bursts of events into one list (and conversation) reload. */
  function scheduleRefresh(withDetail = false) {
    refreshDetailToo ||= withDetail;
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      refreshList();
      if (refreshDetailToo) {
        loadDetail();
      }
      refreshDetailToo = false;
    }, 100);
  }

  return {
    /** Reload everything shown (on login, on every stream (re)connection, on a periodic safety poll). */
    refresh: () => scheduleRefresh(true),
    onEvent,
    select,
    contactOf(conversationId) {
      const item = items.find((i) => i.id === conversationId);
      return item ? contactName(item.contact) : null;
    },
    showAllTab(isAdmin) {
      $('[data-view=all]').hidden = !isAdmin;
    },
    showMessage: (text) => showMessage(error, text),
  };
}

function contactName(contact) {
  return contact?.name || (contact?.phone ? `+${contact.phone}` : 'Unknown contact');
}
