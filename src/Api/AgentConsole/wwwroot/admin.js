// Admin pages: members, groups, flows. Shown only when GET /v1/me says role admin (the API enforces it too).

import { seg } from './api.js';
import { $, $$, h, showProblem, clearProblem, showFormProblem, clearFormProblem } from './dom.js';

/** ctx: { api } */
export function createAdmin(ctx) {
  return {
    members: createMembers(ctx),
    groups: createGroups(ctx),
    flows: createFlows(ctx),
  };
}

// Members: the list, and a form to add one (its key is shown once).

function createMembers(ctx) {
  const rows = $('#members-rows');
  const error = $('#members-error');
  const form = $('#member-form');
  const created = $('#member-created');

  async function load() {
    try {
      const members = await ctx.api.get('v1/members');
      clearProblem(error);
      rows.replaceChildren(...members.map(row));
    } catch (e) {
      showProblem(error, e);
    }
  }

  function row(member) {
    return h('tr', { 'data-testid': 'member-row', 'data-member-id': member.id },
      h('td', {}, h('code', {}, member.id)),
      h('td', {}, member.name),
      h('td', {}, member.email),
      h('td', {}, member.role === 'agent_role' ? 'agent' : member.role),
      h('td', {}, h('span', { class: `badge status-${member.status}` }, member.status)),
      h('td', {}, h('button', {
        type: 'button',
        class: 'danger small',
        'data-testid': 'member-delete',
        'aria-label': `Delete member ${member.id}`,
        onclick: () => remove(member),
      }, 'Delete')));
  }

  async function remove(member) {
    if (!window.confirm(`Delete member ${member.id}? Its key stops working and its open conversations go back to routing.`)) {
      return;
    }
    try {
      await ctx.api.del(`v1/members/${seg(member.id)}`);
      await load();
    } catch (e) {
      showProblem(error, e);
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormProblem(form);
    created.hidden = true;
    const data = new FormData(form);
    const body = {
      id: data.get('id').trim(),
      name: data.get('name').trim(),
      email: data.get('email').trim(),
      role: data.get('role'),
    };
    const submit = $('[type=submit]', form);
    submit.disabled = true;
    try {
      const member = await ctx.api.post('v1/members', body);
      form.reset();
      $('#member-api-key').textContent = member.apiKey;
      created.hidden = false;
      await load();
    } catch (e) {
      showFormProblem(form, e);
    } finally {
      submit.disabled = false;
    }
  });

  return { show: load };
}

// Groups: the list, and one form for a new group or the group being edited.

function createGroups(ctx) {
  const rows = $('#groups-rows');
  const error = $('#groups-error');
  const form = $('#group-form');
  const idInput = $('#group-id');
  const nameInput = $('#group-name');
  const memberBox = $('#group-members');
  const cancel = $('#group-cancel');
  let members = [];
  let editing = null;

  async function load() {
    try {
      const [groups, all] = await Promise.all([ctx.api.get('v1/groups'), ctx.api.get('v1/members')]);
      members = all;
      clearProblem(error);
      rows.replaceChildren(...groups.map(row));
      if (!editing) {
        renderMemberChoices([]);
      }
    } catch (e) {
      showProblem(error, e);
    }
  }

  function row(group) {
    return h('tr', { 'data-testid': 'group-row', 'data-group-id': group.id },
      h('td', {}, h('code', {}, group.id)),
      h('td', {}, group.name),
      h('td', {}, group.memberIds.join(', ') || '—'),
      h('td', { class: 'row' },
        h('button', { type: 'button', class: 'small', 'data-testid': 'group-edit', 'aria-label': `Edit group ${group.id}`, onclick: () => edit(group) }, 'Edit'),
        h('button', { type: 'button', class: 'danger small', 'data-testid': 'group-delete', 'aria-label': `Delete group ${group.id}`, onclick: () => remove(group) }, 'Delete')));
  }

  /** Checkboxes for every member; the chosen ones first, in the group's rotation order. */
  function renderMemberChoices(chosen) {
    const ordered = [
      ...chosen.map((id) => members.find((m) => m.id === id) ?? { id, name: id }),
      ...members.filter((m) => !chosen.includes(m.id)),
    ];
    const choices = ordered.map((member) => h('label', { class: 'check' },
      h('input', {
        type: 'checkbox',
        name: 'memberIds',
        value: member.id,
        checked: chosen.includes(member.id),
        'data-testid': 'group-member-option',
      }),
      ` ${member.name} `, h('code', {}, member.id)));
    memberBox.replaceChildren(h('legend', {}, 'Members (rotation order)'),
      ...(choices.length ? choices : [h('p', { class: 'hint' }, 'No members yet.')]));
  }

  function edit(group) {
    editing = group;
    clearFormProblem(form);
    $('#group-form-title').textContent = `Edit group ${group.id}`;
    idInput.value = group.id;
    idInput.disabled = true;
    nameInput.value = group.name;
    renderMemberChoices(group.memberIds);
    $('[type=submit]', form).textContent = 'Save group';
    cancel.hidden = false;
    nameInput.focus();
  }

  function reset() {
    editing = null;
    form.reset();
    clearFormProblem(form);
    $('#group-form-title').textContent = 'New group';
    idInput.disabled = false;
    $('[type=submit]', form).textContent = 'Create group';
    cancel.hidden = true;
    renderMemberChoices([]);
  }

  async function remove(group) {
    if (!window.confirm(`Delete group ${group.id}?`)) {
      return;
    }
    try {
      await ctx.api.del(`v1/groups/${seg(group.id)}`);
      if (editing?.id === group.id) {
        reset();
      }
      await load();
    } catch (e) {
      showProblem(error, e);
    }
  }

  cancel.addEventListener('click', reset);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormProblem(form);
    const body = {
      name: nameInput.value.trim(),
      memberIds: $$('input[name=memberIds]:checked', form).map((input) => input.value),
    };
    const submit = $('[type=submit]', form);
    submit.disabled = true;
    try {
      if (editing) {
        await ctx.api.put(`v1/groups/${seg(editing.id)}`, body);
      } else {
        const id = idInput.value.trim();
        await ctx.api.post('v1/groups', id ? { id, ...body } : body);
      }
      reset();
      await load();
    } catch (e) {
      showFormProblem(form, e);
    } finally {
      submit.disabled = false;
    }
  });

  return { show: load };
}

// Flows: the list and a JSON editor; the server's errors are shown next to the block they name.

const newFlow = {
  name: 'New flow',
  expiresAfter: 'PT2H',
  start: 'welcome',
  blocks: [
    { id: 'welcome', type: 'message', text: 'Hi! How can we help?', next: 'human' },
    { id: 'human', type: 'connect_agent', crm: 'truora_conversations', assign: { mode: 'available', groupId: 'g-support' }, next: null },
  ],
};

function createFlows(ctx) {
  const list = $('#flows-list');
  const listError = $('#flows-error');
  const form = $('#flow-form');
  const idInput = $('#flow-id');
  const editor = $('#flow-editor');
  const outline = $('#flow-errors');
  const status = $('#flow-status');
  let serverErrors = {};
  let outlineTimer = null;

  async function load() {
    try {
      const flows = await ctx.api.get('v1/flows');
      clearProblem(listError);
      list.replaceChildren(...(flows.length === 0
        ? [h('li', { class: 'empty' }, 'No flows yet.')]
        : flows.map((flow) => h('li', {},
          h('button', {
            type: 'button',
            class: 'item',
            'data-testid': 'flow-item',
            'data-flow-id': flow.id,
            'aria-current': flow.id === idInput.value ? 'true' : null,
            onclick: () => open(flow),
          }, h('span', { class: 'item-title' }, flow.name ?? flow.id), h('span', { class: 'item-meta' }, `${flow.id} · v${flow.version}`))))));
      if (!editor.value) {
        startNew();
      }
    } catch (e) {
      showProblem(listError, e);
    }
  }

  function open(flow) {
    const { id, version, ...definition } = flow;
    idInput.value = id;
    editor.value = JSON.stringify(definition, null, 2);
    serverErrors = {};
    status.textContent = `Version ${version}`;
    renderOutline();
    for (const button of $$('[data-testid=flow-item]', list)) {
      if (button.dataset.flowId === id) {
        button.setAttribute('aria-current', 'true');
      } else {
        button.removeAttribute('aria-current');
      }
    }
  }

  function startNew() {
    idInput.value = '';
    editor.value = JSON.stringify(newFlow, null, 2);
    serverErrors = {};
    status.textContent = '';
    renderOutline();
  }

  /** The flow's blocks, each with the errors that name it; errors about the flow itself first. */
  function renderOutline() {
    let flow = null;
    let syntax = null;
    try {
      flow = JSON.parse(editor.value);
    } catch (e) {
      syntax = e.message;
    }
    const blocks = Array.isArray(flow?.blocks) ? flow.blocks : [];
    const perBlock = new Map();
    const general = [];
    for (const [field, messages] of Object.entries(serverErrors)) {
      const match = /^blocks\[([^\]]+)\]\.?(.*)$/.exec(field);
      const index = match ? blockIndex(blocks, match[1]) : -1;
      for (const message of [].concat(messages)) {
        if (index >= 0) {
          const entry = { field, rest: match[2], message, ref: match[1] };
          perBlock.set(index, [...(perBlock.get(index) ?? []), entry]);
        } else {
          general.push({ field, message, ref: match?.[1] });
        }
      }
    }

    const nodes = [];
    if (syntax) {
      nodes.push(h('p', { class: 'error', 'data-testid': 'flow-error', 'data-field': 'json' }, `JSON: ${syntax}`));
    }
    if (general.length) {
      nodes.push(h('ul', { class: 'flow-general' }, general.map((e) =>
        h('li', { class: 'error', 'data-testid': 'flow-error', 'data-field': e.field, 'data-block-id': e.ref },
          h('code', {}, e.field), ' ', e.message))));
    }
    nodes.push(h('ol', { class: 'blocks' }, blocks.map((block, index) => {
      const errors = perBlock.get(index) ?? [];
      const id = typeof block?.id === 'string' ? block.id : `#${index}`;
      return h('li', {
        class: `block${errors.length ? ' has-errors' : ''}${flow?.start === block?.id ? ' start' : ''}`,
        'data-testid': 'flow-block',
        'data-block-id': id,
      },
      h('span', { class: 'block-head' }, h('code', {}, id), ' ', h('span', { class: 'hint' }, block?.type ?? '?'),
        flow?.start === block?.id ? h('span', { class: 'badge' }, 'start') : null),
      errors.length ? h('ul', {}, errors.map((e) =>
        h('li', { class: 'error', 'data-testid': 'flow-error', 'data-field': e.field, 'data-block-id': e.ref },
          e.rest ? h('code', {}, e.rest) : null, e.rest ? ' ' : null, e.message))) : null);
    })));
    outline.replaceChildren(...nodes);
  }

  /** A field name's block: by id, else by position (blocks[3] for a block without a usable id). */
  function blockIndex(blocks, ref) {
    const byId = blocks.findIndex((b) => b?.id === ref);
    if (byId >= 0) {
      return byId;
    }
    const position = /^\d+$/.test(ref) ? Number(ref) : -1;
    return position < blocks.length ? position : -1;
  }

  editor.addEventListener('input', () => {
    clearTimeout(outlineTimer);
    outlineTimer = setTimeout(renderOutline, 300);
  });

  // Tab indents in the editor instead of leaving it (Escape then Tab leaves it).
  let escaped = false;
  editor.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      escaped = true;
      return;
    }
    if (event.key === 'Tab' && !event.shiftKey && !escaped) {
      event.preventDefault();
      editor.setRangeText('  ', editor.selectionStart, editor.selectionEnd, 'end');
    }
    escaped = false;
  });

  $('#flow-new').addEventListener('click', startNew);

  $('#flow-delete').addEventListener('click', async () => {
    const id = idInput.value.trim();
    if (!id || !window.confirm(`Delete flow ${id}? Users in the middle of it finish the version they started.`)) {
      return;
    }
    try {
      await ctx.api.del(`v1/flows/${seg(id)}`);
      startNew();
      await load();
    } catch (e) {
      serverErrors = e.problem?.errors ?? {};
      status.textContent = e.problem?.detail ?? e.message;
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const id = idInput.value.trim();
    serverErrors = {};
    let definition;
    try {
      definition = JSON.parse(editor.value);
    } catch {
      status.textContent = 'Not saved: the definition is not valid JSON.';
      renderOutline();
      return;
    }
    if (!id) {
      serverErrors = { id: ['Is required.'] };
      status.textContent = 'Not saved: the flow needs an id.';
      renderOutline();
      return;
    }
    const save = $('[data-testid=flow-save]', form);
    save.disabled = true;
    try {
      const saved = await ctx.api.put(`v1/flows/${seg(id)}`, definition);
      status.textContent = `Saved version ${saved.version}.`;
      await load();
    } catch (e) {
      serverErrors = e.problem?.errors ?? {};
      status.textContent = `Not saved: ${e.problem?.detail ?? e.message}`;
    } finally {
      save.disabled = false;
      renderOutline();
    }
  });

  return { show: load };
}
