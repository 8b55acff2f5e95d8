// Small DOM helpers: element building (text only, never HTML), problem display, time formatting.

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

const properties = new Set(['value', 'checked', 'disabled', 'hidden']);

/** h('li', { class: 'x', 'data-testid': 'y', onclick }, 'text', child) */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'class') {
      element.className = value;
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (properties.has(name)) {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  element.append(...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

/** The problem's detail (or title) and its errors per field. */
export function problemNodes(error, skipFields = new Set()) {
  const problem = error?.problem ?? {};
  const nodes = [h('p', {}, problem.detail || problem.title || error?.message || 'Something went wrong.')];
  const fields = Object.entries(problem.errors ?? {}).filter(([field]) => !skipFields.has(field));
  if (fields.length > 0) {
    nodes.push(h('ul', { class: 'field-errors' },
      fields.flatMap(([field, messages]) =>
        [].concat(messages).map((message) => h('li', { 'data-field': field }, h('code', {}, field), ' ', message)))));
  }
  return nodes;
}

export function showProblem(element, error) {
  element.replaceChildren(...problemNodes(error));
  element.hidden = false;
}

export function showMessage(element, text) {
  element.replaceChildren(h('p', {}, text));
  element.hidden = false;
}

export function clearProblem(element) {
  element.replaceChildren();
  element.hidden = true;
}

/** Shows each field's errors beside its input ([data-error-for=field]); the rest in the form's alert. */
export function showFormProblem(form, error) {
  clearFormProblem(form);
  const placed = new Set();
  for (const [field, messages] of Object.entries(error?.problem?.errors ?? {})) {
    const slot = $$('[data-error-for]', form).find((s) => s.dataset.errorFor.toLowerCase() === field.toLowerCase());
    if (slot) {
      slot.textContent = [].concat(messages).join(' ');
      slot.hidden = false;
      const input = slot.previousElementSibling;
      input?.setAttribute('aria-invalid', 'true');
      placed.add(field);
    }
  }
  const alert = $('[role=alert]', form);
  alert.replaceChildren(...problemNodes(error, placed));
  alert.hidden = false;
}

export function clearFormProblem(form) {
  for (const slot of $$('[data-error-for]', form)) {
    slot.textContent = '';
    slot.hidden = true;
  }
  for (const input of $$('[aria-invalid]', form)) {
    input.removeAttribute('aria-invalid');
  }
  const alert = $('[role=alert]', form);
  if (alert) {
    clearProblem(alert);
  }
}

const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** Local time of an ISO instant: the time alone for today, else date and time. */
export function formatTime(iso) {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  return date.toDateString() === new Date().toDateString() ? timeOnly.format(date) : dateTime.format(date);
}
