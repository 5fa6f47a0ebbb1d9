// A keyboard-friendly modal built on <dialog>: confirm a deletion, ask for a name.

const modal = () => document.getElementById('modal');

export function openModal({ title, body, ok, danger = false, wide = false, onOk }) {
  const dlg = modal();
  dlg.classList.toggle('wide', wide);
  document.getElementById('modal-title').textContent = title;
  document.getElementById('modal-body').replaceChildren(...[].concat(body));
  const err = document.getElementById('modal-error');
  err.textContent = '';
  const okBtn = document.getElementById('modal-ok');
  okBtn.textContent = ok;
  okBtn.className = danger ? 'danger' : '';
  const form = document.getElementById('modal-form');
  const cancel = document.getElementById('modal-cancel');
  const previous = document.activeElement;
  const close = () => { dlg.close(); form.onsubmit = null; cancel.onclick = null; if (previous && previous.focus) previous.focus(); };
  cancel.onclick = close;
  dlg.oncancel = (e) => { e.preventDefault(); close(); };
  form.onsubmit = async (e) => {
    e.preventDefault();
    okBtn.disabled = true;
    try {
      await onOk();
      close();
    } catch (error) {
      err.textContent = error && error.message ? error.message : String(error);
    } finally {
      okBtn.disabled = false;
    }
  };
  dlg.showModal();
  const first = dlg.querySelector('#modal-body input, #modal-body textarea');
  (first || (danger ? cancel : okBtn)).focus();
}
