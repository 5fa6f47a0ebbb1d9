// Long lists a page at a time. Rust searches, filters and sorts the whole list and sends one
// page (preflight_remediation::listing); only that page is built. The pager's controls stay in
// place while the list under them is redrawn, so keyboard focus stays on the button pressed.

import { h } from './dom.js';

export const PAGE_SIZE = 100;

const count = (n) => n.toLocaleString('en-US');

export const PAGE_SIZES = [25, 50, 100, 200];

// "Showing 1–100 of 5,000 tasks", First, Previous, Next, Last and, with `sizes`, a choice of
// rows per page (`sizes.size` now, `sizes.onSize(n)` on a change). `onPage(to)` gets the page
// to show (from 0); call `el.update({ page, pages, from, to, total })` after each draw. At
// either end the buttons are marked unavailable (aria-disabled) rather than disabled, so focus
// is never thrown out.
export function pager(id, noun, onPage, sizes = null) {
  let at = { page: 0, pages: 1 };
  const status = h('p', { class: 'pager-status', id: `${id}-status`, role: 'status' });
  const go = (to) => { if (to >= 0 && to < at.pages && to !== at.page) onPage(to); };
  const button = (key, text, label, to) => h('button', {
    type: 'button', class: 'secondary', id: `${id}-${key}`, 'aria-label': label, onclick: () => go(to()),
  }, text);
  const buttons = {
    first: button('first', '« First', `First page of ${noun}`, () => 0),
    prev: button('prev', '‹ Previous', `Previous page of ${noun}`, () => at.page - 1),
    next: button('next', 'Next ›', `Next page of ${noun}`, () => at.page + 1),
    last: button('last', 'Last »', `Last page of ${noun}`, () => at.pages - 1),
  };
  const controls = h('div', { class: 'pager-buttons' }, Object.values(buttons));
  const size = sizes ? h('label', { class: 'pager-size' }, 'Rows per page ', h('select', { id: `${id}-size`, onchange: (e) => sizes.onSize(Number(e.target.value)) },
    PAGE_SIZES.map((n) => h('option', { value: n, selected: n === sizes.size }, String(n))))) : null;
  const el = h('nav', { class: 'pager', id, 'aria-label': `Pages of ${noun}` }, status, h('div', { class: 'pager-side' }, size, controls));
  el.update = (info) => {
    at = info;
    status.textContent = info.total === 0 ? `No ${noun} to show`
      : `Showing ${count(info.from)}–${count(info.to)} of ${count(info.total)} ${noun}`
        + (info.pages > 1 ? ` · page ${count(info.page + 1)} of ${count(info.pages)}` : '');
    controls.hidden = info.pages <= 1;
    if (size) size.hidden = info.total <= PAGE_SIZES[0];
    const atStart = info.page === 0;
    const atEnd = info.page >= info.pages - 1;
    for (const [k, off] of [['first', atStart], ['prev', atStart], ['next', atEnd], ['last', atEnd]]) {
      buttons[k].setAttribute('aria-disabled', String(off));
    }
  };
  return el;
}

// Redraws part of a view and puts focus back on the control that had it (found again by id),
// when the redraw replaced it.
export function keepingFocus(draw) {
  const was = document.activeElement && document.activeElement.id;
  draw();
  if (was && document.activeElement?.id !== was) document.getElementById(was)?.focus();
}
