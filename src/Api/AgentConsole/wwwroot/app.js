// The agent console: log in with a member key, then chats (live from /v1/me/events) and, for admins, the
// members, groups and flows pages. Public API only; no framework, no build step.

import { createApi, apiRoot } from './api.js';
import { startEventStream } from './events.js';
import { beep, unlockAudio, notify, notificationPermission, askNotificationPermission } from './alerts.js';
import { $, $$, showProblem, clearProblem } from './dom.js';
import { createChats } from './chats.js';
import { createAdmin } from './admin.js';

const storageKey = 'truora.console.key';
const pollEvery = 15000;
// Replayed events older than this (after a reconnection) refresh the lists but raise no alert.
const alertWindow = 60000;

let api = null;
let me = null;
let stream = null;
let chats = null;
let admin = null;

// Log in.

const loginForm = $('#login-form');
const loginKey = $('#login-key');
const loginError = $('#login-error');

loginForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  unlockAudio();
  const key = loginKey.value.trim();
  if (!key) {
    showProblem(loginError, { problem: { detail: 'Enter your member key.' } });
    return;
  }
  await logIn(key);
});

async function logIn(key) {
  const submit = $('[type=submit]', loginForm);
  submit.disabled = true;
  clearProblem(loginError);
  const candidate = createApi(key, { onUnauthorized: () => api === candidate && logOut() });
  try {
    me = await candidate.get('v1/me');
  } catch (e) {
    sessionStorage.removeItem(storageKey);
    if (e.status === 403) {
      e.problem.detail = 'This key is not a member key. The console needs a member key (an admin member also works); ' +
        'the tenant admin key cannot be used here.';
    }
    showProblem(loginError, e);
    submit.disabled = false;
    return;
  }

  api = candidate;
  sessionStorage.setItem(storageKey, key);
  loginForm.reset();
  submit.disabled = false;
  start();
}

function logOut() {
  stream?.stop();
  sessionStorage.removeItem(storageKey);
  // A fresh page drops every bit of state the previous key saw.
  location.replace(location.pathname);
}

$('#logout').addEventListener('click', logOut);

// The app after login.

function start() {
  $('#login-view').hidden = true;
  $('#app-view').hidden = false;
  const isAdmin = me.role === 'admin';
  for (const element of $$('[data-admin]')) {
    element.hidden = !isAdmin;
  }

  const ctx = { api, me: () => me };
  chats = createChats(ctx);
  admin = isAdmin ? createAdmin(ctx) : null;
  renderMe();
  showPage();

  stream = startEventStream(new URL('v1/me/events', apiRoot), api.key, {
    // Everything that happened before (re)connecting is read afresh; later changes arrive as events.
    onOpen: () => {
      chats.refresh();
      refreshMe();
    },
    onEvent,
    onState: (state, status) => {
      if (state === 'refused' && status === 401) {
        logOut();
        return;
      }
      const element = $('#stream-state');
      element.dataset.state = state;
      element.textContent = { connecting: 'Connecting…', open: 'Live', reconnecting: 'Reconnecting…', refused: 'Not live' }[state];
    },
  });

  // A safety net for what no event announces (an admin's "All" view, changes by others).
  setInterval(() => {
    if (!document.hidden && currentPage() === 'chats') {
      chats.refresh();
    }
  }, pollEvery);
}

async function refreshMe() {
  try {
    me = await api.get('v1/me');
    renderMe();
  } catch {
    // Shown by the next action; 401 logs out through the API client.
  }
}

function renderMe() {
  $('#me-name').textContent = `${me.name} (${me.role === 'agent_role' ? 'agent' : me.role})`;
  const toggle = $('#status-toggle');
  const available = me.status === 'available';
  toggle.setAttribute('aria-checked', String(available));
  toggle.dataset.status = me.status;
  toggle.textContent = available ? 'Available' : 'Unavailable';
  toggle.title = available ? 'You receive chats. Click to stop.' : 'You receive no chats. Click to start.';
  $('#settings-notifications').checked = me.notifications;
  $('#settings-sound').checked = me.sound;
  renderPermission();
}

$('#status-toggle').addEventListener('click', async (event) => {
  const toggle = event.currentTarget;
  toggle.disabled = true;
  try {
    me = await api.put('v1/me/status', { status: me.status === 'available' ? 'unavailable' : 'available' });
    renderMe();
  } catch (e) {
    chats.showMessage(`Status not changed: ${e.problem?.detail ?? e.message}`);
  } finally {
    toggle.disabled = false;
  }
});

// Live events: lists and conversation refresh; a new message alerts as the settings say.

const alertTitles = {
  'message.received': 'New message',
  'conversation.assigned': 'New chat for you',
  'conversation.waiting': 'A chat is waiting',
};

function onEvent(event) {
  chats.onEvent(event);
  const title = alertTitles[event.type];
  const age = Date.now() - Date.parse(event.at);
  if (!title || age > alertWindow || (event.type === 'conversation.assigned' && event.ownerId && event.ownerId !== me.id)) {
    return;
  }
  const who = chats.contactOf(event.conversationId);
  const body = event.text ?? (who ? `From ${who}` : `Conversation ${event.conversationId}`);
  const live = $('#live-status');
  live.textContent = `${title}: ${body}`;
  if (event.notify && me.notifications && notify(who ? `${title} — ${who}` : title, body, event.conversationId, () => {
    location.hash = '#/chats';
    chats.select(event.conversationId);
  })) {
    live.dataset.notifications = String(Number(live.dataset.notifications) + 1);
  }
  if (event.sound && me.sound && beep()) {
    live.dataset.sounds = String(Number(live.dataset.sounds) + 1);
  }
}

// Notification settings: the agent icon next to "My chats".

const dialog = $('#settings-dialog');
const settingsError = $('#settings-error');

$('#settings-button').addEventListener('click', () => {
  unlockAudio();
  clearProblem(settingsError);
  renderMe();
  dialog.showModal();
});

for (const input of [$('#settings-notifications'), $('#settings-sound')]) {
  input.addEventListener('change', saveSettings);
}

async function saveSettings() {
  const notifications = $('#settings-notifications').checked;
  const sound = $('#settings-sound').checked;
  if (notifications) {
    await askNotificationPermission();
  }
  if (sound) {
    unlockAudio();
  }
  try {
    me = await api.put('v1/me/notification-settings', { notifications, sound });
    clearProblem(settingsError);
  } catch (e) {
    showProblem(settingsError, e);
  }
  renderMe();
}

function renderPermission() {
  const text = {
    granted: 'Browser notifications are allowed.',
    denied: 'This browser blocks notifications for this site; allow them in its site settings.',
    default: 'The browser asks for permission when you turn notifications on.',
    unsupported: 'This browser has no notifications.',
  }[notificationPermission()];
  $('#settings-permission').textContent = text;
}

// Pages (#/chats, #/members, #/groups, #/flows); the admin ones only for admins.

const pages = ['chats', 'members', 'groups', 'flows'];

function currentPage() {
  const page = location.hash.replace(/^#\/?/, '');
  return pages.includes(page) && (page === 'chats' || admin) ? page : 'chats';
}

function showPage() {
  const page = currentPage();
  for (const name of pages) {
    $(`#page-${name}`).hidden = name !== page;
  }
  for (const link of $$('[data-page]')) {
    if (link.dataset.page === page) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  if (page === 'chats') {
    chats.refresh();
  } else {
    admin[page].show();
  }
}

window.addEventListener('hashchange', () => {
  if (me) {
    showPage();
  }
});

// A key from this tab's session logs in again on reload.
const saved = sessionStorage.getItem(storageKey);
if (saved) {
  logIn(saved);
} else {
  loginKey.focus();
}
