// Small DOM helpers shared by the pages: elements built without innerHTML (nothing a server sends becomes markup),
// accessible dialogs, tables and messages.

/** el('button', {type: 'button', onclick}, 'Save'): attributes, properties (on*, dataset) and children. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (key === 'className') {
      node.className = value;
    } else if (key === 'value' || key === 'checked' || key === 'selected') {
      node[key] = value;
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    node.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces a node's content. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** Loads a page's own stylesheet once, however many modules ask for it. */
export function stylesheet(href) {
  if (!document.querySelector(`link[rel="stylesheet"][href="${href}"]`)) {
    document.head.append(el('link', { rel: 'stylesheet', href }));
  }
}

export function heading(text, ...actions) {
  return el('div', { className: 'page-head' }, el('h1', {}, text), el('div', { className: 'actions' }, actions));
}

export function button(text, onclick, props = {}) {
  return el('button', { type: 'button', onclick, ...props }, text);
}

let toastTimer;

/** A short message read out by screen readers; kind 'error' stays until the next one. */
export function toast(message, kind = 'info') {
  const box = document.getElementById('toast');
  fill(box, message);
  box.className = `show ${kind}`;
  clearTimeout(toastTimer);
  if (kind !== 'error') {
    toastTimer = setTimeout(() => { box.className = ''; }, 4000);
  }
}

export function showError(error) {
  toast(error?.message || String(error), 'error');
}

/** A labelled form control: field('Name', el('input', {name: 'name'})). */
export function field(label, control, hint) {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  const hintNode = hint ? el('small', { id: `${id}-hint` }, hint) : null;
  if (hintNode) {
    control.setAttribute('aria-describedby', hintNode.id);
  }
  return el('div', { className: 'field' }, el('label', { for: id }, label), control, hintNode);
}

/**
 * A modal dialog (the native <dialog>: focus trapped, Escape closes). `build(form)` adds the controls;
 * `submit(form)` runs on Save and may throw to keep the dialog open with the error shown in it.
 */
export function dialog(title, build, submit, { submitText = 'Save' } = {}) {
  return new Promise((resolve) => {
    const problem = el('p', { className: 'problem', role: 'alert' });
    const form = el('form', { method: 'dialog' });
    const box = el('dialog', { 'aria-labelledby': 'dialog-title' },
      el('h2', { id: 'dialog-title' }, title), form);
    build(form);
    const save = el('button', { type: 'submit', className: 'primary' }, submitText);
    form.append(problem, el('div', { className: 'actions' }, save, button('Cancel', () => box.close('cancel'))));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      // One request per press: a second click while the first is on its way would create a second key or token.
      if (save.disabled) {
        return;
      }
      save.disabled = true;
      fill(problem);
      try {
        const result = await submit(form);
        box.close('done');
        resolve(result ?? true);
      } catch (error) {
        fill(problem, error.message || String(error));
      } finally {
        save.disabled = false;
      }
    });
    box.addEventListener('close', () => {
      box.remove();
      resolve(null);
    });
    document.body.append(box);
    box.showModal();
  });
}

export function confirmAction(title, message, submitText) {
  return dialog(title, (form) => form.append(el('p', {}, message)), () => true, { submitText });
}

/**
 * A table of rows: columns are {title, cell(row) -> node|string, className?}. With `hook`, each row carries
 * data-test="<hook>" and data-id="<key(row)>", so that tests and people can find a row again.
 */
export function table(caption, columns, rows, hook, key = (row) => row.id) {
  return el('div', { className: 'table-wrap' },
    el('table', {},
      el('caption', { className: 'sr-only' }, caption),
      el('thead', {}, el('tr', {}, columns.map((column) => el('th', { scope: 'col' }, column.title)))),
      el('tbody', {}, rows.length === 0
        ? el('tr', {}, el('td', { colspan: columns.length, className: 'empty' }, 'Nothing here yet.'))
        : rows.map((row) => el('tr', hook ? { dataset: { test: hook, id: key(row) } } : {},
          columns.map((column) => el('td', { className: column.className },
          column.cell(row))))))));
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 minutes ago" with the exact time as a tooltip. */
export function when(instant) {
  if (!instant || instant.startsWith('0001-')) {
    return el('span', { className: 'muted' }, 'never');
  }
  const date = new Date(instant);
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const [amount, unit] = Math.abs(seconds) < 60 ? [seconds, 'second']
    : Math.abs(seconds) < 3600 ? [Math.round(seconds / 60), 'minute']
      : Math.abs(seconds) < 86400 ? [Math.round(seconds / 3600), 'hour'] : [Math.round(seconds / 86400), 'day'];
  return el('time', { datetime: date.toISOString(), title: date.toLocaleString() }, relative.format(amount, unit));
}

export function badge(text, kind = '') {
  return el('span', { className: `badge ${kind}` }, text);
}

/** The values of a form's named controls. */
export function values(form) {
  return Object.fromEntries(new FormData(form).entries());
}

/** A multi-select of groups as checkboxes, for dialogs. */
export function groupPicker(legend, groups, chosen = []) {
  const picked = new Set(chosen);
  return el('fieldset', { className: 'picker' }, el('legend', {}, legend),
    groups.map((group) => el('label', {},
      el('input', { type: 'checkbox', name: 'group', value: group.id, checked: picked.has(group.id) }),
      ` ${group.name}`)));
}

export function checkedValues(form, name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((input) => input.value);
}
