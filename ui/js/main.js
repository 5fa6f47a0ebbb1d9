// Boot and routing. Routes: #/ (assessments), #/new, #/a/<id> (questionnaire), #/a/<id>/gaps.

import { call } from './api.js';
import { loadGlossary } from './glossary.js';
import { clear, h, showError } from './dom.js';
import { renderList } from './views/list.js';
import { renderNew } from './views/new.js';
import { renderAssessment } from './views/assessment.js';
import { backupList, renderSettings } from './views/settings.js';

const main = document.getElementById('main');
let info = null;

async function route() {
  const hash = location.hash || '#/';
  try {
    if (!info) info = await call('app_info');
    await loadGlossary();
    if (info.store_error) return await renderStoreError(info);
    let m;
    if (hash === '#/' || hash === '#') await renderList(main);
    else if (hash === '#/new') await renderNew(main);
    else if (hash === '#/settings') await renderSettings(main);
    else if ((m = hash.match(/^#\/a\/([0-9a-f-]+)(?:\/(gaps|tasks|dashboard|evidence|calendar|risks|vendors|policies|people|description|requests))?$/))) await renderAssessment(main, m[1], m[2] || 'questions', info);
    else { location.hash = '#/'; return; }
  } catch (e) {
    clear(main, h('section', { class: 'panel' }, h('h1', {}, 'Something went wrong'), h('p', { role: 'alert' }, e.message || String(e)), h('p', {}, h('a', { href: '#/' }, 'Back to assessments'))));
    showError(e);
  }
}

// The database could not be opened: say why, and offer the newest good backup by date with
// what it holds; restoring moves the damaged file aside (never deleted).
async function renderStoreError(appInfo) {
  let backups = [];
  try { backups = (await call('list_backups_cmd')).backups.filter((b) => b.good); } catch { backups = []; }
  clear(main, h('section', { class: 'panel', id: 'store-error' },
    h('h1', {}, 'Preflight cannot open its data'),
    h('p', { role: 'alert' }, appInfo.store_error.message),
    h('p', {}, 'Data folder: ', h('code', {}, appInfo.data_dir || '(none)')),
    backups.length ? [h('h2', {}, 'Get your work back from a backup'),
      h('p', {}, 'The newest good backup is listed first. Restoring it moves the current file aside under a dated name; nothing is deleted.'),
      backupList(backups, () => { info = null; location.hash = '#/'; route(); })]
      : h('p', {}, 'There is no backup to restore. Nothing was changed. You can start Preflight with another data folder: ',
        h('code', {}, 'preflight --data-dir <folder>'), ' or the PREFLIGHT_DATA_DIR environment variable.')));
}

window.addEventListener('hashchange', route);
// A click on a link of the app routes at once, through the history rather than a fragment
// navigation: the browser would otherwise restyle the page it is leaving for its new fragment
// before the route even starts (30 to 50 ms on a long questionnaire). The address and the
// history entry are the same; code that sets location.hash still routes through hashchange.
document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const link = e.target instanceof Element ? e.target.closest('a[href^="#/"]') : null;
  if (!link) return;
  e.preventDefault();
  const href = link.getAttribute('href');
  if (href === location.hash) return;
  history.pushState(null, '', href);
  route();
});
route();
