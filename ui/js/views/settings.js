// Settings: backups. Preflight keeps a checked backup of its database each day it is opened
// and before every upgrade of its format; here the user can back up now, see the backups with
// what each holds, and restore one (the current database is moved aside, never deleted).

import { call } from '../api.js';
import { clear, h, notice, showError } from '../dom.js';
import { openModal } from '../modal.js';

export async function renderSettings(main) {
  const rerender = () => renderSettings(main).catch(showError);
  const b = await call('list_backups_cmd');
  clear(main,
    h('section', { class: 'page-head' }, h('h1', {}, 'Settings')),
    h('section', { class: 'panel', id: 'backups', 'aria-labelledby': 'backups-h' },
      h('h2', { id: 'backups-h' }, 'Backups'),
      h('p', { class: 'muted small' }, 'Preflight writes a checked copy of its database each day it is opened and before every upgrade of its format, and keeps the last 7 days and 4 weeks. Evidence files are not copied again: a restore checks them against their SHA-256.'),
      b.warning ? h('p', { class: 'form-error', role: 'alert' }, 'The backup on launch failed: ', b.warning.message) : null,
      h('div', { class: 'actions' }, h('button', { type: 'button', id: 'backup-now', onclick: async () => {
        try { const x = await call('backup_now'); notice(`Backup written and checked: ${x.assessments} assessments, ${x.answers} answers.`); rerender(); } catch (e) { showError(e); }
      } }, 'Back up now')),
      backupList(b.backups, rerender)));
}

export function backupList(backups, after) {
  if (!backups.length) return h('p', { id: 'no-backups' }, 'No backups yet.');
  return h('table', { class: 'task-table', id: 'backup-table' },
    h('thead', {}, h('tr', {}, ['Taken (UTC)', 'Why', 'Holds', 'Last change', ''].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, backups.map((x) => h('tr', { dataset: { backup: x.path } },
      h('td', {}, x.taken_at.replace('T', ' ')), h('td', {}, x.reason.replaceAll('-', ' ')),
      h('td', {}, x.good ? `${x.assessments} assessments, ${x.answers} answers` : 'Failed its check'),
      h('td', {}, x.last_change ? x.last_change.slice(0, 16).replace('T', ' ') : ''),
      h('td', {}, x.good ? h('button', { type: 'button', class: 'secondary', dataset: { restore: x.path }, onclick: () => confirmRestore(x, after) }, 'Restore…') : null)))));
}

function confirmRestore(x, after) {
  openModal({
    title: 'Restore this backup?',
    body: [h('p', {}, `The backup of ${x.taken_at.replace('T', ' ')} UTC holds ${x.assessments} assessments and ${x.answers} answers.`),
      h('p', { class: 'muted small' }, 'Your current database is moved aside under a dated name, never deleted, and the backup takes its place. Work saved after the backup was taken is not in it.')],
    ok: 'Restore',
    onOk: async () => {
      const r = await call('restore_backup', { path: x.path });
      notice(`Restored: ${r.assessments} assessments, ${r.answers} answers.${r.evidence_problems.length ? ` Evidence to check: ${r.evidence_problems.join('; ')}` : ''}`);
      after(r);
    },
  });
}
