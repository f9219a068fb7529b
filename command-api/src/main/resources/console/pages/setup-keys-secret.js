// A secret the server shows once (a setup key, a personal access token, an initial password): a dialog with the
// value, a copy button and a plain warning that it cannot be shown again.
import { el, fill, dialog, button } from '../ui.js';

async function copy(text, secretNode, status) {
  try {
    await navigator.clipboard.writeText(text);
    fill(status, 'Copied to the clipboard.');
  } catch {
    // No clipboard access (plain http, or refused): select the text so that Ctrl+C copies it.
    const range = document.createRange();
    range.selectNodeContents(secretNode);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    fill(status, 'The browser refused to copy: the text is selected, press Ctrl+C (⌘C) to copy it.');
  }
}

/** Resolves when the person closes the dialog; `hook` is the data-test of the secret's element. */
export function showSecretOnce({ title, label, secret, hook, note }) {
  return dialog(title, (form) => {
    const value = el('p', { className: 'secret', 'data-test': hook, 'aria-label': label }, secret);
    const status = el('p', { className: 'muted', 'aria-live': 'polite', 'data-test': 'copy-status' });
    form.append(
      el('p', {}, el('strong', {}, `Copy the ${label} now: you will not see it again.`),
        ' Netloom keeps only a hash of it; if it is lost, create a new one.'),
      value,
      button('Copy', () => copy(secret, value, status), { 'data-test': 'copy-secret' }),
      status,
      el('p', { className: 'muted' }, note));
  }, () => true, { submitText: 'Done' });
}
