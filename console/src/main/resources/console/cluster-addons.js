// A cluster's add-ons: the attached profiles with each layer's status as the agent reports it (drift with its
// reason), and for operators attach, update (version and values) and detach. The console does not second-guess the
// mode: on a read-only cluster the attach is sent and the API's refusal, with its reason, is what the user sees.
import { api, esc, when, problem } from './api.js';

const REFRESH_MS = 5000;
const BADGE = { Deployed: 'success', Pending: 'secondary', Applying: 'info', Drifted: 'warning', Failed: 'danger' };

function badge(status) {
  return `<span class="badge text-bg-${BADGE[status] || 'secondary'}" data-status="${esc(status)}">${esc(status)}</span>`;
}

/** The values field: a JSON object by layer name, or nothing. */
function parseValues(text) {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  let parsed;
  try {
    parsed = JSON.parse(trimmed);
  } catch (e) {
    throw new Error('Values must be a JSON object by layer name, e.g. {"greeter": {"message": "hi"}}: ' + e.message);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('Values must be a JSON object by layer name');
  }
  return parsed;
}

async function versionsOf(profile) {
  const page = await api(`/api/v1/addon-profiles/${encodeURIComponent(profile)}/versions?limit=100`);
  return page.items.map((v) => v.version).reverse();
}

function attachmentCard(a, user) {
  const layers = (a.layers || []).map((l) => `<tr data-layer="${esc(l.name)}"><th scope="row">${esc(l.order)}. ${esc(l.name)}</th>
    <td>${esc(l.source)}</td><td>${esc(l.namespace)}</td><td>${badge(l.status)}</td>
    <td>${esc(l.message || '')}${l.status === 'Drifted' ? ' <span class="small">(the agent puts it back as published)</span>' : ''}</td>
    <td>${esc(when(l.statusChangedAt))}</td><td>${esc((l.objects || []).length)}</td></tr>`).join('');
  const write = user.canWrite ? `
    <details class="mt-2"><summary>Change the version or the values</summary>
      <form class="update-form row g-2 mt-1" data-profile="${esc(a.profile)}">
        <div class="col-auto"><label class="form-label" for="u-version-${esc(a.profile)}">Version</label>
          <select class="form-select" id="u-version-${esc(a.profile)}" name="version"><option>${esc(a.version)}</option></select></div>
        <div class="col-12"><label class="form-label" for="u-values-${esc(a.profile)}">Values (JSON by layer name; empty: none)</label>
          <textarea class="form-control font-monospace" rows="3" id="u-values-${esc(a.profile)}" name="values">${
            esc(Object.keys(a.values || {}).length ? JSON.stringify(a.values, null, 2) : '')}</textarea>
          <div class="form-text">Secret paths show masked; leave them as they are or type the new secret.</div></div>
        <div class="col-auto"><button class="btn btn-outline-primary btn-sm" type="submit">Update</button></div>
      </form></details>
    <div class="mt-2"><button class="btn btn-outline-danger btn-sm detach" type="button" data-profile="${esc(a.profile)}">Detach</button>
      <span class="small text-body-secondary ms-2">The agent removes the profile's objects from the cluster.</span></div>` : '';
  return `<article class="card mb-3" data-attachment="${esc(a.profile)}"><div class="card-body">
    <h3 class="h6 card-title">${esc(a.profile)} ${esc(a.version)} ${badge(a.status)}
      <span class="small text-body-secondary">generation ${esc(a.generation)}, attached by ${esc(a.attachedBy)} ${esc(when(a.attachedAt))}</span></h3>
    <div class="table-responsive"><table class="table table-sm mb-0"><caption class="visually-hidden">Layers of ${esc(a.profile)}</caption>
      <thead><tr><th scope="col">Layer</th><th scope="col">Source</th><th scope="col">Namespace</th><th scope="col">Status</th>
        <th scope="col">Drift or failure</th><th scope="col">Reported</th><th scope="col">Objects</th></tr></thead>
      <tbody>${layers}</tbody></table></div>
    <div class="attachment-result" aria-live="polite"></div>
    ${write}</div></article>`;
}

export async function addonsTab(main, user, cluster) {
  const id = cluster.id;
  let stopped = false;
  let timer = null;
  const readOnly = cluster.importMode === 'read-only';

  main.innerHTML = `
    <h2 class="h5">Add-ons</h2>
    ${readOnly ? `<p class="alert alert-secondary" id="addons-mode">This cluster is read-only: its agent may not write, so
      add-on profiles cannot be deployed to it until it is migrated to full permission.</p>` : ''}
    ${user.canWrite ? `<section aria-labelledby="attach-title" class="mb-3"><h3 class="h6" id="attach-title">Attach a profile</h3>
      <form class="row g-2 align-items-end" id="attach-form">
        <div class="col-auto"><label class="form-label" for="a-profile">Profile</label>
          <select class="form-select" id="a-profile" name="profile" required></select></div>
        <div class="col-auto"><label class="form-label" for="a-version">Version</label>
          <select class="form-select" id="a-version" name="version" required></select></div>
        <div class="col-12 col-lg-6"><label class="form-label" for="a-values">Values (optional, JSON by layer name)</label>
          <textarea class="form-control font-monospace" rows="2" id="a-values" name="values" placeholder='{"greeter": {"message": "hi"}}'></textarea></div>
        <div class="col-auto"><button class="btn btn-primary" type="submit" id="attach-submit">Attach</button></div>
      </form>
      <div id="attach-result" class="mt-2" aria-live="polite"></div></section>` : ''}
    <div id="addons-error"></div>
    <div id="attachments" aria-live="polite"></div>`;

  async function refresh() {
    try {
      const page = await api(`/api/v1/clusters/${id}/addons?limit=100`);
      if (stopped) return;
      const list = main.querySelector('#attachments');
      // A form being filled in is not replaced under the user's hands.
      const open = [...list.querySelectorAll('details[open]')].length > 0 || list.contains(document.activeElement);
      if (!open) {
        list.innerHTML = page.items.length === 0
          ? '<p id="no-attachments">No add-on profile is attached.</p>'
          : page.items.map((a) => attachmentCard(a, user)).join('');
      }
      main.querySelector('#addons-error').innerHTML = '';
    } catch (e) {
      if (!stopped) main.querySelector('#addons-error').innerHTML = problem(e);
    }
    if (!stopped) timer = setTimeout(refresh, REFRESH_MS);
  }

  const form = main.querySelector('#attach-form');
  if (form) {
    const profiles = await api('/api/v1/addon-profiles?type=add-on&limit=100').catch(() => ({ items: [] }));
    const profileSelect = form.querySelector('#a-profile');
    const versionSelect = form.querySelector('#a-version');
    profileSelect.innerHTML = profiles.items.map((p) => `<option value="${esc(p.name)}">${esc(p.name)}</option>`).join('')
      || '<option value="">No add-on profile published</option>';
    async function fillVersions() {
      const name = profileSelect.value;
      versionSelect.innerHTML = name
        ? (await versionsOf(name).catch(() => [])).map((v) => `<option>${esc(v)}</option>`).join('') : '';
    }
    profileSelect.addEventListener('change', fillVersions);
    await fillVersions();
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const result = main.querySelector('#attach-result');
      result.innerHTML = '';
      try {
        const request = { profile: profileSelect.value, version: versionSelect.value };
        const values = parseValues(form.querySelector('#a-values').value);
        if (values) request.values = values;
        const attached = await api(`/api/v1/clusters/${id}/addons`, {
          method: 'POST', json: request, headers: { 'Idempotency-Key': crypto.randomUUID() },
        });
        result.innerHTML = `<div class="alert alert-success" id="attach-done">${esc(attached.profile)} ${esc(attached.version)}
          attached: its layers are ${esc(attached.status)} until the agent applies them.</div>`;
        clearTimeout(timer);
        await refresh();
      } catch (e) {
        result.innerHTML = problem(e);
      }
    });
  }

  const list = main.querySelector('#attachments');
  list.addEventListener('toggle', async (event) => {
    const details = event.target;
    if (!details.open) return;
    const select = details.querySelector('select[name="version"]');
    const current = select.value;
    const profile = details.querySelector('form').dataset.profile;
    const versions = await versionsOf(profile).catch(() => [current]);
    select.innerHTML = versions.map((v) => `<option${v === current ? ' selected' : ''}>${esc(v)}</option>`).join('');
  }, true);
  list.addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const card = form.closest('[data-attachment]');
    const out = card.querySelector('.attachment-result');
    try {
      const request = { version: form.querySelector('[name="version"]').value };
      const values = parseValues(form.querySelector('[name="values"]').value);
      if (values) request.values = values;
      await api(`/api/v1/clusters/${id}/addons/${encodeURIComponent(form.dataset.profile)}`, { method: 'PUT', json: request });
      form.closest('details').open = false;
      document.activeElement?.blur();
      clearTimeout(timer);
      await refresh();
    } catch (e) {
      out.innerHTML = problem(e);
    }
  });
  list.addEventListener('click', async (event) => {
    const button = event.target.closest('button.detach');
    if (!button) return;
    // Two steps instead of a modal: the second click says exactly what it does.
    if (!button.dataset.armed) {
      button.dataset.armed = 'yes';
      button.textContent = 'Detach: remove its objects from the cluster';
      button.classList.replace('btn-outline-danger', 'btn-danger');
      return;
    }
    const card = button.closest('[data-attachment]');
    try {
      await api(`/api/v1/clusters/${id}/addons/${encodeURIComponent(button.dataset.profile)}`, { method: 'DELETE' });
      button.blur();
      clearTimeout(timer);
      await refresh();
    } catch (e) {
      card.querySelector('.attachment-result').innerHTML = problem(e);
    }
  });
  await refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
