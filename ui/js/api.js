// The one way the UI talks to Rust. Errors come back as {code, message}.

const tauri = window.__TAURI__;

export async function call(cmd, args = {}) {
  try {
    return await tauri.core.invoke(cmd, args);
  } catch (e) {
    if (e && typeof e === 'object' && 'code' in e && 'message' in e) throw e;
    throw { code: 'unexpected', message: String(e) };
  }
}

// Native save and open dialogs (the dialog plugin). Return a path, or null when cancelled.
export async function askSavePath(defaultPath, filterName, extension) {
  return tauri.dialog.save({ defaultPath, filters: [{ name: filterName, extensions: [extension] }] });
}

export async function askOpenPath(filterName, extensions) {
  const picked = await tauri.dialog.open({ multiple: false, directory: false, filters: [{ name: filterName, extensions }] });
  return Array.isArray(picked) ? picked[0] ?? null : picked;
}

let glossaryPromise;
// The glossary of terms the window explains on hover and focus: fetched once.
export function glossary() {
  if (!glossaryPromise) glossaryPromise = call('glossary').catch((e) => { glossaryPromise = null; throw e; });
  return glossaryPromise;
}

let catalogPromise;
// The catalog never changes while the app runs: fetch it once.
export function catalog() {
  if (!catalogPromise) catalogPromise = call('catalog').then(indexCatalog);
  return catalogPromise;
}

function indexCatalog(c) {
  const by = (list) => new Map(list.map((x) => [x.id, x]));
  return {
    ...c,
    categoryById: by(c.categories),
    seriesById: by(c.series),
    criterionById: by(c.criteria),
    objectiveById: by(c.objectives),
    questionById: by(c.questions),
  };
}

// The catalog as one assessment sees it: its SOC 1 objectives as the company words them, and
// the questions of the company's own objectives.
export function forAssessment(c, view) {
  const questionById = new Map(c.questionById);
  for (const q of view.extra_questions || []) questionById.set(q.id, q);
  const objectiveById = new Map(c.objectiveById);
  for (const o of view.objectives || []) objectiveById.set(o.id, o);
  return { ...c, questionById, objectiveById };
}
