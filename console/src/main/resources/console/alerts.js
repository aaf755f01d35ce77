// A project's alerts (#/alerts, #/alerts/<project>, #/alerts/<project>/webhooks/<id>): the notification rules that
// say what to watch and the webhook endpoints the alerts go to, with an endpoint's delivery log. Operators create,
// change and delete rules, create and delete endpoints, disable and enable endpoints and redeliver; a viewer reads the same pages without a
// button. The API decides what is valid: its refusals are shown next to the fields they name.
import { api, esc, when, problem, ApiError } from './api.js';

const REFRESH_MS = 5000;

/** The triggers the API offers, in its words: what raises the alert, and what tells the recovery. */
const TRIGGERS = [
  { value: 'connectivity', label: 'Connectivity: the agent stops reporting (and reports again)', stateful: true },
  { value: 'health', label: 'Health: Degraded or Unhealthy, with the failing checks (and Healthy again)', stateful: true },
  { value: 'addon', label: 'Add-on: a layer turns Failed or Drifted (and Deployed again)', stateful: true },
  { value: 'migration', label: 'Migration: a change of import mode is confirmed', stateful: false },
  { value: 'deletion', label: 'Deletion: a cluster is deleted', stateful: false },
  { value: 'budget', label: 'Budget: month-to-date cost crosses a percentage of a monthly budget', stateful: false },
];
const FORMATS = [
  { value: 'cloudevents', label: 'CloudEvents (signed JSON, for your own receiver)' },
  { value: 'slack', label: 'Slack incoming webhook' },
  { value: 'teams', label: 'Microsoft Teams incoming webhook' },
];
const DELIVERY_BADGE = { delivered: 'success', pending: 'secondary', failed: 'danger' };

function triggerLabel(value) {
  return (TRIGGERS.find((t) => t.value === value) || { label: value }).label.split(':')[0];
}

/** A labelled field with room for the API's message about it (announced with the field, by aria-describedby). */
function field(id, label, control, help) {
  const described = [help ? `${id}-help` : '', `${id}-error`].filter(Boolean).join(' ');
  return `<label class="form-label" for="${id}">${label}</label>
    ${control.replace('aria-describedby', `aria-describedby="${described}"`)}
    <div class="invalid-feedback" id="${id}-error"></div>
    ${help ? `<div class="form-text" id="${id}-help">${help}</div>` : ''}`;
}

/** Marks the fields a 400 names (data-field, or the first part of a nested field) and lists what names none. */
function showProblem(form, out, error) {
  form.querySelectorAll('.is-invalid').forEach((e) => {
    e.classList.remove('is-invalid');
    e.removeAttribute('aria-invalid');
  });
  form.querySelectorAll('.invalid-feedback').forEach((e) => { e.textContent = ''; });
  const errors = error instanceof ApiError ? error.problem.errors || [] : [];
  const unplaced = [];
  let first = null;
  errors.forEach((f) => {
    const name = String(f.field || '');
    const control = form.querySelector(`[data-field="${CSS.escape(name)}"]`)
      || form.querySelector(`[data-field="${CSS.escape(name.replace(/\[\d+\]$/, ''))}"]`)
      || form.querySelector(`[data-field="${CSS.escape(name.split(/[.[]/)[0])}"]`);
    if (!control || control.closest('[hidden]')) {
      unplaced.push(f);
      return;
    }
    control.classList.add('is-invalid');
    control.setAttribute('aria-invalid', 'true');
    const feedback = form.querySelector('#' + control.id + '-error');
    feedback.textContent = (feedback.textContent ? feedback.textContent + '; ' : '') + f.message;
    first = first || control;
  });
  const rest = unplaced.length
    ? '<ul class="mb-0">' + unplaced.map((f) => `<li>${esc(f.field)}: ${esc(f.message)}</li>`).join('') + '</ul>' : '';
  out.innerHTML = errors.length
    ? `<div class="alert alert-danger" role="alert">${esc(error.message)}${first ? ' The fields concerned say why.' : ''}${rest}</div>`
    : problem(error);
  (first || out).focus?.();
}

/** Where a rule's alerts go: every enabled webhook, the ones it names, or nowhere once all it named were deleted. */
function ruleTargets(r, webhooks) {
  if (r.allWebhooks !== false) return '<span data-targets="all">every enabled webhook</span>';
  if (!r.webhooks?.length) return '<span class="text-danger" data-targets="none">no webhook (all deleted)</span>';
  const names = new Map(webhooks.map((w) => [w.id, w.name]));
  return `<span data-targets="named">${r.webhooks.map((id) => esc(names.get(id) || id)).join(', ')}</span>`;
}

function ruleRow(r, clusters, user, webhooks) {
  const scope = r.clusterId ? `cluster ${esc(clusters.get(r.clusterId) || r.clusterId)}` : 'every cluster of the project';
  const budget = r.budget ? `${esc(r.budget.monthlyAmount)} a month, at ${esc(r.budget.thresholds.join(', '))} %` : '—';
  const quiet = TRIGGERS.find((t) => t.value === r.trigger)?.stateful ? esc(r.quietPeriod) : '—';
  return `<tr data-rule="${esc(r.name)}"><th scope="row">${esc(r.name)}</th><td>${esc(r.project)}</td>
    <td>${esc(triggerLabel(r.trigger))}</td><td>${scope}</td><td>${quiet}</td><td>${budget}</td>
    <td class="targets">${ruleTargets(r, webhooks)}</td><td>${esc(r.createdBy)} ${esc(when(r.createdAt))}</td>
    ${user.canWrite ? `<td class="text-nowrap"><button type="button" class="btn btn-outline-secondary btn-sm edit-rule" data-id="${esc(r.id)}"
      aria-label="Edit rule ${esc(r.name)}">Edit</button>
      <button type="button" class="btn btn-outline-danger btn-sm delete-rule" data-id="${esc(r.id)}" data-name="${esc(r.name)}"
      aria-label="Delete rule ${esc(r.name)}">Delete</button></td>` : ''}</tr>`;
}

function webhookRow(w, user, shown) {
  const state = w.enabled
    ? '<span class="badge text-bg-success" data-state="enabled">Enabled</span>'
    : `<span class="badge text-bg-secondary" data-state="disabled">Disabled</span>
       <span class="small d-block">${esc(w.disabledReason || '')}${w.disabledAt ? ' (' + esc(when(w.disabledAt)) + ')' : ''}</span>`;
  const log = `#/alerts/${encodeURIComponent(w.project)}/webhooks/${encodeURIComponent(w.id)}`;
  const actions = user.canWrite ? `<td class="text-nowrap">
      <button type="button" class="btn btn-outline-secondary btn-sm ${w.enabled ? 'disable-webhook' : 'enable-webhook'}"
        data-id="${esc(w.id)}" aria-label="${w.enabled ? 'Disable' : 'Enable'} webhook ${esc(w.name)}">${w.enabled ? 'Disable' : 'Enable'}</button>
      <button type="button" class="btn btn-outline-danger btn-sm rotate-secret" data-id="${esc(w.id)}" data-name="${esc(w.name)}"
        aria-label="Rotate the signing secret of webhook ${esc(w.name)}">Rotate secret</button>
      <button type="button" class="btn btn-outline-danger btn-sm delete-webhook" data-id="${esc(w.id)}" data-name="${esc(w.name)}"
        aria-label="Delete webhook ${esc(w.name)}">Delete</button></td>` : '';
  return `<tr data-webhook="${esc(w.name)}"${w.id === shown ? ' class="table-active"' : ''}><th scope="row">${esc(w.name)}</th>
    <td>${esc(w.project)}</td><td>${esc(w.format)}</td><td class="text-break">${esc(w.url)}</td><td class="state">${state}</td>
    <td>${esc(w.consecutiveFailures)}</td>
    <td><a href="${log}"${w.id === shown ? ' aria-current="page"' : ''}>Delivery log<span class="visually-hidden"> of ${esc(w.name)}</span></a></td>
    ${actions}</tr>`;
}

function deliveryRow(d, user) {
  const attempts = d.attempts + (d.redeliveries ? ` (${d.redeliveries} redelivered)` : '');
  const last = d.status === 'delivered' ? `delivered ${esc(when(d.deliveredAt))}`
    : d.status === 'pending' ? `next attempt ${esc(when(d.nextAttemptAt))}` : `last attempt ${esc(when(d.lastAttemptAt))}`;
  return `<tr data-delivery="${esc(d.id)}"><th scope="row">${esc(d.id)}</th><td>${esc(d.eventType)}<br>
    <code class="small">${esc(d.eventId)}</code></td>
    <td><span class="badge text-bg-${DELIVERY_BADGE[d.status] || 'secondary'} status" data-status="${esc(d.status)}">${esc(d.status)}</span></td>
    <td class="attempts">${esc(attempts)}</td><td>${esc(d.lastStatusCode ?? '—')}</td><td class="text-break">${esc(d.lastError || '—')}</td>
    <td>${d.latencyMs == null ? '—' : esc(d.latencyMs) + ' ms'}</td><td>${esc(when(d.createdAt))}</td><td>${last}</td>
    ${user.canWrite ? `<td><button type="button" class="btn btn-outline-primary btn-sm redeliver" data-id="${esc(d.id)}"
      aria-label="Redeliver delivery ${esc(d.id)}">Redeliver</button></td>` : ''}</tr>`;
}

/**
 * The rule form: empty for a new rule, or filled with {@code rule} to change it. What a rule watches (its trigger
 * and clusters) is shown but cannot change: the API refuses it, and another rule is the way to watch something else.
 */
function ruleForm(clusters, webhooks, rule) {
  const sent = webhooks.filter((w) => w.enabled).map((w) => esc(w.name)).join(', ');
  const named = new Set(rule?.webhooks || []);
  const fixed = rule ? ' disabled' : '';
  const selected = (value, current) => (value === current ? ' selected' : '');
  const choices = webhooks.map((w, i) => `<div class="form-check form-check-inline">
      <input class="form-check-input" type="checkbox" name="webhooks" value="${esc(w.id)}" id="r-webhook-${i}" data-webhook="${esc(w.name)}"${named.has(w.id) ? ' checked' : ''}>
      <label class="form-check-label" for="r-webhook-${i}">${esc(w.name)}${w.enabled ? '' : ' (disabled)'}</label></div>`).join('');
  return `<form id="rule-form" class="border rounded p-3 mb-3" novalidate aria-labelledby="rule-form-title">
    <h3 class="h6" id="rule-form-title">${rule ? `Change rule ${esc(rule.name)}` : 'New rule'}</h3>
    <div class="row g-2">
      <div class="col-md-4">${field('r-name', 'Name', `<input class="form-control" id="r-name" name="name" data-field="name" required maxlength="100" value="${esc(rule?.name || '')}" aria-describedby>`)}</div>
      <div class="col-md-8">${field('r-trigger', 'Alert when', `<select class="form-select" id="r-trigger" name="trigger" data-field="trigger"${fixed} aria-describedby>${
        TRIGGERS.map((t) => `<option value="${t.value}"${selected(t.value, rule?.trigger)}>${esc(t.label)}</option>`).join('')}</select>`)}</div>
      <div class="col-md-6">${field('r-scope', 'Clusters', `<select class="form-select" id="r-scope" name="clusterId" data-field="clusterId"${fixed} aria-describedby>
        <option value="">Every cluster of the project</option>${[...clusters].map(([id, name]) =>
          `<option value="${esc(id)}"${selected(id, rule?.clusterId)}>Only ${esc(name)}</option>`).join('')}</select>`,
        rule ? 'What a rule watches stays: create another rule to watch something else.'
          : 'For a budget: one cluster makes it that cluster\'s budget instead of the project\'s.')}</div>
      <div class="col-md-6" id="r-quiet-group">${field('r-quiet', 'Quiet period', `<input class="form-control" id="r-quiet" name="quietPeriod" data-field="quietPeriod" value="${esc(rule?.quietPeriod || 'PT10M')}" aria-describedby>`,
        'ISO-8601, from PT0S to P7D (e.g. PT10M, PT1H): after an alert, changes of the same thing are held this long and only the state at the end is told.')}</div>
    </div>
    <fieldset class="row g-2 mt-1" id="r-budget-group" hidden><legend class="h6 mb-0 mt-2">Budget</legend>
      <div class="col-md-4">${field('r-amount', 'Monthly amount (the installation\'s currency)', `<input class="form-control" id="r-amount" name="monthlyAmount" data-field="budget.monthlyAmount" inputmode="decimal" value="${esc(rule?.budget?.monthlyAmount ?? '')}" aria-describedby>`)}</div>
      <div class="col-md-8">${field('r-thresholds', 'Alert at these percentages', `<input class="form-control" id="r-thresholds" name="thresholds" data-field="budget.thresholds" value="${esc(rule?.budget ? rule.budget.thresholds.join(', ') : '80, 100')}" aria-describedby>`,
        'Whole numbers from 1 to 1000, separated by commas; each is told once a month.')}</div>
    </fieldset>
    <fieldset class="mt-2 mb-2" id="r-webhooks" data-field="webhooks" aria-describedby="r-targets r-webhooks-error"><legend class="h6 mb-1">Send to</legend>
      ${choices}
      <div class="invalid-feedback d-block" id="r-webhooks-error"></div>
      <p class="small form-text mb-0" id="r-targets">None checked: every enabled webhook of the project${sent ? ` (${sent})` : ' (none is enabled yet)'}.</p></fieldset>
    <div class="d-flex gap-2"><button class="btn btn-primary" type="submit" id="rule-submit">${rule ? 'Save the changes' : 'Create the rule'}</button>
      <button class="btn btn-secondary" type="button" id="rule-cancel">Cancel</button></div>
    <div id="rule-result" class="mt-2" tabindex="-1"></div></form>`;
}

function webhookForm() {
  return `<form id="webhook-form" class="border rounded p-3 mb-3" novalidate aria-labelledby="webhook-form-title">
    <h3 class="h6" id="webhook-form-title">New webhook</h3>
    <div class="row g-2">
      <div class="col-md-3">${field('w-name', 'Name', '<input class="form-control" id="w-name" name="name" data-field="name" required maxlength="100" aria-describedby>')}</div>
      <div class="col-md-6">${field('w-url', 'URL', '<input class="form-control" id="w-url" name="url" data-field="url" type="url" required aria-describedby>',
        'https, to a host that resolves to public addresses (unless the installation allows others).')}</div>
      <div class="col-md-3">${field('w-format', 'Format', `<select class="form-select" id="w-format" name="format" data-field="format" aria-describedby>${
        FORMATS.map((f) => `<option value="${f.value}">${esc(f.label)}</option>`).join('')}</select>`)}</div>
    </div>
    <div class="d-flex gap-2 mt-2"><button class="btn btn-primary" type="submit" id="webhook-submit">Create the webhook</button>
      <button class="btn btn-secondary" type="button" id="webhook-cancel">Cancel</button></div>
    <div id="webhook-result" class="mt-2" tabindex="-1"></div></form>`;
}

/**
 * The secret, this once: copied with a button, then dismissed by the user, never fetched again. A rotated secret
 * also says until when the one it replaces keeps signing beside it.
 */
function secretBox(endpoint, secret) {
  const rotated = endpoint.previousSecretExpiresAt
    ? `<p class="mb-2" id="previous-secret">Until ${esc(when(endpoint.previousSecretExpiresAt))} each delivery is signed with
      both secrets (two signatures in the header), so your receiver can switch to this one without refusing any.</p>` : '';
  return `<section class="alert alert-warning" id="webhook-secret" tabindex="-1" aria-labelledby="secret-title">
    <h3 class="h6" id="secret-title">Store the ${endpoint.previousSecretExpiresAt ? 'new ' : ''}signing secret of ${esc(endpoint.name)} now: it is shown only this once</h3>
    <p class="mb-2">Your receiver checks each delivery's <code class="text-reset">webhook-signature</code> with it. Mooring never shows it
      again; if it is lost, rotate it to get another.</p>
    ${rotated}
    <div class="d-flex flex-wrap gap-2 align-items-center">
      <code class="border rounded p-2 bg-body text-break user-select-all" id="secret-value">${esc(secret)}</code>
      <button type="button" class="btn btn-outline-dark btn-sm" id="copy-secret">Copy the secret</button>
      <button type="button" class="btn btn-dark btn-sm" id="secret-stored">I have stored it</button>
    </div>
    <p class="small mb-0 mt-2" id="copy-status" role="status"></p></section>`;
}

export async function alertsPage(main, user) {
  const [, chosen, webhookId] = window.location.hash.match(/^#\/alerts(?:\/([a-z0-9-]+))?(?:\/webhooks\/([0-9a-f-]+))?$/) || [];
  const project = chosen || (user.projects.length ? user.projects[0] : '');
  const query = project ? '?project=' + encodeURIComponent(project) : '';
  let stopped = false;
  let timer = null;
  let clusters = new Map();
  let webhooks = [];
  let rules = [];

  const projects = user.projects.length > 1
    ? `<nav aria-label="Projects"><ul class="nav nav-pills mb-3">${user.projects.map((p) => `<li class="nav-item">
        <a class="nav-link${p === project ? ' active" aria-current="page' : ''}" href="#/alerts/${esc(p)}">${esc(p)}</a></li>`).join('')}</ul></nav>`
    : user.projects.length === 0
      ? `<form class="row g-2 align-items-end mb-3" id="alerts-project"><div class="col-auto">
          <label class="form-label" for="ap-project">Project</label>
          <input class="form-control" id="ap-project" name="project" pattern="[a-z0-9\\-]{1,63}" value="${esc(project)}"
            aria-describedby="ap-project-help"></div>
          <div class="col-auto"><button class="btn btn-outline-primary" type="submit">Show</button></div>
          <div class="form-text col-12 mt-0" id="ap-project-help">Empty: every project's rules and webhooks; choose one to add to it.</div></form>`
      : '';
  const canCreate = user.canWrite && project;
  main.innerHTML = `
    <h1 class="h3 mb-3">Alerts${project ? ` <span class="text-body-secondary h5">project ${esc(project)}</span>` : ''}</h1>
    ${projects}
    <div id="alerts-error"></div>
    <section aria-labelledby="rules-title" class="mb-4">
      <div class="d-flex align-items-center mb-2"><h2 class="h5 me-auto mb-0" id="rules-title">Rules</h2>
        ${canCreate ? '<button class="btn btn-primary btn-sm" type="button" id="rule-open">New rule</button>' : ''}</div>
      <div id="rule-form-area"></div>
      <div class="table-responsive"><table class="table table-sm align-middle" id="rules"><caption class="visually-hidden">Notification rules</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Project</th><th scope="col">Alert when</th><th scope="col">Clusters</th>
          <th scope="col">Quiet period</th><th scope="col">Budget</th><th scope="col">Webhooks</th><th scope="col">Created</th>
          ${user.canWrite ? '<th scope="col"><span class="visually-hidden">Actions</span></th>' : ''}</tr></thead><tbody></tbody></table></div>
      <div id="rules-result" aria-live="polite"></div>
    </section>
    <section aria-labelledby="webhooks-title" class="mb-4">
      <div class="d-flex align-items-center mb-2"><h2 class="h5 me-auto mb-0" id="webhooks-title">Webhooks</h2>
        ${canCreate ? '<button class="btn btn-primary btn-sm" type="button" id="webhook-open">New webhook</button>' : ''}</div>
      <div id="webhook-form-area"></div>
      <div id="secret-area"></div>
      <div class="table-responsive"><table class="table table-sm align-middle" id="webhooks"><caption class="visually-hidden">Webhook endpoints</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Project</th><th scope="col">Format</th><th scope="col">URL</th>
          <th scope="col">State</th><th scope="col">Failures in a row</th><th scope="col">Deliveries</th>
          ${user.canWrite ? '<th scope="col"><span class="visually-hidden">Actions</span></th>' : ''}</tr></thead><tbody></tbody></table></div>
      <div id="webhooks-result" aria-live="polite"></div>
    </section>
    <section aria-labelledby="deliveries-title" id="deliveries-section" ${webhookId ? '' : 'hidden'}>
      <h2 class="h5" id="deliveries-title" tabindex="-1">Delivery log</h2>
      <p class="small">Newest first. A delivery is retried with backoff until the endpoint answers 2xx; a redelivery
        sends the same body with the same <code>webhook-id</code>, so a receiver that has it already can tell.</p>
      <div class="table-responsive"><table class="table table-sm align-middle" id="deliveries"><caption class="visually-hidden">Deliveries of the webhook</caption>
        <thead><tr><th scope="col">Delivery</th><th scope="col">Alert</th><th scope="col">Status</th><th scope="col">Attempts</th>
          <th scope="col">Last HTTP status</th><th scope="col">Last error</th><th scope="col">Latency</th><th scope="col">Raised</th>
          <th scope="col">Last</th>${user.canWrite ? '<th scope="col"><span class="visually-hidden">Actions</span></th>' : ''}</tr></thead>
        <tbody></tbody></table></div>
      <div id="deliveries-result" aria-live="polite"></div>
    </section>`;

  // Held rather than looked up: after the user has left, they are detached and writing into them is harmless.
  const rulesTable = main.querySelector('#rules');
  const webhooksTable = main.querySelector('#webhooks');
  const deliveriesTable = main.querySelector('#deliveries');
  const errorBox = main.querySelector('#alerts-error');
  const deliveriesTitle = main.querySelector('#deliveries-title');

  /** A table is not drawn again under the user's hands: not while a control in it has the focus. */
  function fill(table, html) {
    const tbody = table.tBodies[0];
    if (!tbody.contains(document.activeElement)) tbody.innerHTML = html;
  }

  async function loadRules() {
    const page = await api('/api/v1/notification-rules' + query);
    rules = page.items;
    const columns = user.canWrite ? 9 : 8;
    fill(rulesTable, page.items.map((r) => ruleRow(r, clusters, user, webhooks)).join('')
      || `<tr><td colspan="${columns}" id="no-rules">No rule yet: nothing raises an alert in this project.</td></tr>`);
  }

  async function loadWebhooks() {
    const page = await api('/api/v1/webhooks' + query);
    webhooks = page.items;
    const columns = user.canWrite ? 8 : 7;
    fill(webhooksTable, page.items.map((w) => webhookRow(w, user, webhookId)).join('')
      || `<tr><td colspan="${columns}" id="no-webhooks">No webhook yet: alerts have nowhere to go.</td></tr>`);
    if (webhookId) {
      const shown = webhooks.find((w) => w.id === webhookId);
      deliveriesTitle.textContent = shown ? `Delivery log of ${shown.name}` : 'Delivery log';
    }
  }

  async function loadDeliveries() {
    if (!webhookId) return;
    const page = await api(`/api/v1/webhooks/${webhookId}/deliveries?limit=50`);
    const columns = user.canWrite ? 10 : 9;
    fill(deliveriesTable, page.items.map((d) => deliveryRow(d, user)).join('')
      || `<tr><td colspan="${columns}" id="no-deliveries">Nothing was sent to this webhook yet.</td></tr>`);
  }

  async function refresh() {
    try {
      await Promise.all([loadWebhooks(), loadDeliveries()]);
      if (!stopped) errorBox.innerHTML = '';
    } catch (e) {
      if (!stopped) errorBox.innerHTML = problem(e);
    }
    if (!stopped) timer = setTimeout(refresh, REFRESH_MS);
  }

  if (project) {
    const page = await api(`/api/v1/clusters?project=${encodeURIComponent(project)}&limit=100`).catch(() => ({ items: [] }));
    clusters = new Map(page.items.map((c) => [c.id, c.name]));
  }
  try {
    // Rules after webhooks: a rule's row names the webhooks it goes to.
    await Promise.all([loadWebhooks().then(loadRules), loadDeliveries()]);
  } catch (e) {
    errorBox.innerHTML = problem(e);
  }

  // Left while it loaded: the page is not on screen any more, and starts nothing.
  if (!rulesTable.isConnected) return null;

  main.querySelector('#alerts-project')?.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = String(new FormData(event.target).get('project')).trim();
    window.location.hash = value ? '#/alerts/' + value : '#/alerts';
  });

  /**
   * Opens the rule form: a new rule, or {@code rule} to change (a merge patch of what the form shows; the webhooks
   * always, as checked, so none checked sends the rule to every enabled webhook again, as the form says).
   */
  function openRuleForm(rule, opener) {
    const area = main.querySelector('#rule-form-area');
    area.innerHTML = ruleForm(clusters, webhooks, rule);
    const form = area.querySelector('#rule-form');
    const trigger = form.querySelector('#r-trigger');
    const shape = () => {
      const t = TRIGGERS.find((x) => x.value === trigger.value);
      form.querySelector('#r-quiet-group').hidden = !t.stateful;
      form.querySelector('#r-budget-group').hidden = t.value !== 'budget';
    };
    trigger.addEventListener('change', shape);
    shape();
    form.querySelector('#rule-cancel').addEventListener('click', () => {
      area.innerHTML = '';
      opener()?.focus();
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const request = rule ? { name: String(data.get('name')).trim() }
        : { project, name: String(data.get('name')).trim(), trigger: trigger.value };
      if (!rule && data.get('clusterId')) request.clusterId = data.get('clusterId');
      const targets = data.getAll('webhooks');
      if (targets.length) request.webhooks = targets;
      else if (rule) request.allWebhooks = true;
      if (!form.querySelector('#r-quiet-group').hidden) request.quietPeriod = String(data.get('quietPeriod')).trim();
      if (trigger.value === 'budget') {
        // Sent as typed when not a number: the API names what is wrong with it.
        const amount = String(data.get('monthlyAmount')).trim();
        request.budget = {
          monthlyAmount: amount === '' ? null : Number.isFinite(Number(amount)) ? Number(amount) : amount,
          thresholds: String(data.get('thresholds')).split(/[\s,;%]+/).filter(Boolean)
            .map((t) => (/^\d+$/.test(t) ? Number(t) : t)),
        };
      }
      try {
        const saved = rule
          ? await api(`/api/v1/notification-rules/${rule.id}`, { method: 'PATCH', json: request })
          : await api('/api/v1/notification-rules', { method: 'POST', json: request });
        area.innerHTML = '';
        await loadRules();
        main.querySelector('#rules-result').innerHTML = `<div class="alert alert-success" id="rule-done">Rule ${esc(saved.name)} ${rule
          ? 'changed: its next alert follows the change.' : 'created.'}</div>`;
        opener()?.focus();
      } catch (e) {
        showProblem(form, form.querySelector('#rule-result'), e);
      }
    });
    form.querySelector('#r-name').focus();
  }

  main.querySelector('#rule-open')?.addEventListener('click', () => openRuleForm(null, () => main.querySelector('#rule-open')));

  main.querySelector('#webhook-open')?.addEventListener('click', () => {
    const area = main.querySelector('#webhook-form-area');
    area.innerHTML = webhookForm();
    const form = area.querySelector('#webhook-form');
    form.querySelector('#webhook-cancel').addEventListener('click', () => {
      area.innerHTML = '';
      main.querySelector('#webhook-open').focus();
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const request = { project, name: String(data.get('name')).trim(), url: String(data.get('url')).trim(), format: data.get('format') };
      try {
        const created = await api('/api/v1/webhooks', { method: 'POST', json: request });
        area.innerHTML = '';
        await loadWebhooks();
        showSecret(created, created.secret);
      } catch (e) {
        showProblem(form, form.querySelector('#webhook-result'), e);
      }
    });
    form.querySelector('#w-name').focus();
  });

  /** Shows a secret the API just returned (a new webhook's or a rotated one) until the user says it is stored. */
  function showSecret(endpoint, value) {
    const secret = main.querySelector('#secret-area');
    secret.innerHTML = secretBox(endpoint, value);
    secret.querySelector('#copy-secret').addEventListener('click', async () => {
      const status = secret.querySelector('#copy-status');
      try {
        await navigator.clipboard.writeText(value);
        status.textContent = 'Copied to the clipboard.';
      } catch (e) {
        // No clipboard (permission refused, or an insecure origin): select it for the user to copy.
        window.getSelection().selectAllChildren(secret.querySelector('#secret-value'));
        status.textContent = 'The browser refused the clipboard: the secret is selected, press Ctrl+C (⌘C) to copy it.';
      }
    });
    secret.querySelector('#secret-stored').addEventListener('click', () => {
      secret.innerHTML = '';
      main.querySelector('#webhook-open')?.focus();
    });
    secret.querySelector('#webhook-secret').focus();
  }

  /** Two steps instead of a modal: the second click says exactly what it does. */
  function armed(button, text) {
    if (button.dataset.armed) return true;
    button.dataset.armed = 'yes';
    // The name stays for screen readers, which would otherwise hear the old label and not the question.
    button.innerHTML = `${esc(text)}<span class="visually-hidden"> (${esc(button.dataset.name)})</span>`;
    button.removeAttribute('aria-label');
    button.classList.replace('btn-outline-danger', 'btn-danger');
    return false;
  }

  rulesTable.addEventListener('click', async (event) => {
    const edit = event.target.closest('button.edit-rule');
    if (edit) {
      const id = edit.dataset.id;
      const rule = rules.find((r) => r.id === id);
      // The row is drawn again when the rule is saved: the focus goes back to its new Edit button.
      if (rule) openRuleForm(rule, () => rulesTable.querySelector(`button.edit-rule[data-id="${CSS.escape(id)}"]`) || main.querySelector('#rule-open'));
      return;
    }
    const button = event.target.closest('button.delete-rule');
    if (!button || !armed(button, 'Delete: no more alerts from it')) return;
    const out = main.querySelector('#rules-result');
    try {
      await api(`/api/v1/notification-rules/${button.dataset.id}`, { method: 'DELETE' });
      button.blur();
      await loadRules();
      out.innerHTML = '<div class="alert alert-success" id="rule-deleted">Rule deleted; alerts it queued already are still delivered.</div>';
    } catch (e) {
      out.innerHTML = problem(e);
    }
  });

  webhooksTable.addEventListener('click', async (event) => {
    const button = event.target.closest('button');
    if (!button) return;
    const out = main.querySelector('#webhooks-result');
    const id = button.dataset.id;
    try {
      if (button.classList.contains('delete-webhook')) {
        if (!armed(button, 'Delete: its log and pending deliveries go too')) return;
        await api(`/api/v1/webhooks/${id}`, { method: 'DELETE' });
        out.innerHTML = '<div class="alert alert-success" id="webhook-deleted">Webhook deleted.</div>';
        if (id === webhookId) {
          window.location.hash = '#/alerts/' + project;
          return;
        }
      } else if (button.classList.contains('rotate-secret')) {
        if (!armed(button, 'Rotate: the old secret signs 24 h more')) return;
        const rotated = await api(`/api/v1/webhooks/${id}/secret`, { method: 'POST', json: {} });
        button.blur();
        await loadWebhooks();
        showSecret(rotated, rotated.secret);
        return;
      } else {
        const enable = button.classList.contains('enable-webhook');
        const changed = await api(`/api/v1/webhooks/${id}/${enable ? 'enable' : 'disable'}`, { method: 'POST' });
        out.innerHTML = `<div class="alert alert-secondary" id="webhook-changed">Webhook ${esc(changed.name)} ${changed.enabled
          ? 'enabled: its pending deliveries are sent again.'
          : 'disabled: alerts raised meanwhile are not kept for it.'}</div>`;
      }
      button.blur();
      await loadWebhooks();
      // The rules that named a deleted webhook name it no more.
      if (button.classList.contains('delete-webhook')) await loadRules();
      // The row was drawn again: the focus goes to its new button rather than to the page's top.
      webhooksTable.querySelector(`button[data-id="${CSS.escape(id)}"]`)?.focus();
    } catch (e) {
      out.innerHTML = problem(e);
    }
  });

  deliveriesTable.addEventListener('click', async (event) => {
    const button = event.target.closest('button.redeliver');
    if (!button) return;
    const out = main.querySelector('#deliveries-result');
    try {
      const queued = await api(`/api/v1/webhooks/${webhookId}/deliveries/${button.dataset.id}/redeliver`, { method: 'POST' });
      out.innerHTML = `<div class="alert alert-secondary" id="redelivered">Delivery ${esc(queued.id)} queued again: ${esc(queued.status)}.</div>`;
      button.blur();
      await loadDeliveries();
    } catch (e) {
      out.innerHTML = problem(e);
    }
  });

  timer = setTimeout(refresh, REFRESH_MS);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
