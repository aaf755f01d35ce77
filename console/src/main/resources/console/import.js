// The import wizard: the cluster's details and mode, then the command to run (copy or download the manifest), then
// the cluster followed live from Pending to Running with what its agent detected.
import { api, esc, ApiError } from './api.js';

const CLOUD_TYPES = [
  ['generic', 'Generic: any conformant Kubernetes; the agent detects the provider and reports it'],
  ['eks', 'Amazon EKS'], ['aws', 'Kubernetes on AWS (not EKS)'], ['aks', 'Azure AKS'], ['azure', 'Kubernetes on Azure (not AKS)'],
  ['gke', 'Google GKE'], ['gcp', 'Kubernetes on Google Cloud (not GKE)'], ['vsphere', 'VMware vSphere'],
  ['openshift', 'Red Hat OpenShift'], ['eks-anywhere', 'EKS Anywhere'],
];
const FOLLOW_MS = 2000;

function parseLabels(text) {
  const labels = {};
  text.split(/[\n,]/).map((l) => l.trim()).filter(Boolean).forEach((line) => {
    const at = line.indexOf('=');
    if (at < 1) throw new Error(`Label "${line}" is not key=value`);
    labels[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  });
  return labels;
}

export async function importPage(main, user) {
  let timer = null;
  const projectField = user.admin || user.projects.length !== 1
    ? `<input class="form-control" id="i-project" name="project" required list="i-projects" value="${esc(user.projects[0] || '')}"
         aria-describedby="i-project-help"><datalist id="i-projects">${user.projects.map((p) => `<option value="${esc(p)}">`).join('')}</datalist>`
    : `<select class="form-select" id="i-project" name="project" aria-describedby="i-project-help"><option>${esc(user.projects[0])}</option></select>`;
  main.innerHTML = `
    <h1 class="h3">Import a cluster</h1>
    <ol class="list-inline text-body-secondary" aria-label="Steps">
      <li class="list-inline-item fw-bold" id="step-1">1. Describe the cluster</li>
      <li class="list-inline-item" id="step-2">2. Run the command</li>
      <li class="list-inline-item" id="step-3">3. Wait for the agent</li>
    </ol>
    <form id="import-form" class="col-lg-8" novalidate>
      <div id="import-error" role="alert"></div>
      <div class="mb-3"><label class="form-label" for="i-name">Name</label>
        <input class="form-control" id="i-name" name="name" required maxlength="63" pattern="[a-z0-9]([a-z0-9\\-]{0,61}[a-z0-9])?"
          aria-describedby="i-name-help">
        <div class="form-text" id="i-name-help">Lower-case letters, digits and dashes; unique in the project.</div></div>
      <div class="mb-3"><label class="form-label" for="i-project">Project</label>${projectField}
        <div class="form-text" id="i-project-help">A project you are a member of.</div></div>
      <div class="mb-3"><label class="form-label" for="i-description">Description (optional)</label>
        <textarea class="form-control" id="i-description" name="description" maxlength="1000" rows="2"></textarea></div>
      <div class="mb-3"><label class="form-label" for="i-labels">Labels (optional)</label>
        <textarea class="form-control" id="i-labels" name="labels" rows="2" aria-describedby="i-labels-help"></textarea>
        <div class="form-text" id="i-labels-help">One <code>key=value</code> per line, e.g. <code>env=prod</code>.</div></div>
      <div class="mb-3"><label class="form-label" for="i-cloud">Cloud type</label>
        <select class="form-select" id="i-cloud" name="cloudType" aria-describedby="i-cloud-help">
          ${CLOUD_TYPES.map(([v, text]) => `<option value="${v}">${esc(text)}</option>`).join('')}</select>
        <div class="form-text" id="i-cloud-help">What you declare. The agent reports what it detects, and the console shows
          a mismatch. Choose Generic when unsure: nothing is refused because of it.</div></div>
      <fieldset class="mb-3"><legend class="form-label fs-6">Mode</legend>
        <div class="form-check"><input class="form-check-input" type="radio" name="importMode" id="i-read-only" value="read-only" checked>
          <label class="form-check-label" for="i-read-only"><strong>Read-only</strong>: health, events, inventory and cost.
          The agent only reads; it gets no write permission in the cluster, so add-on profiles cannot be attached.</label></div>
        <div class="form-check"><input class="form-check-input" type="radio" name="importMode" id="i-full" value="full-permission">
          <label class="form-check-label" for="i-full"><strong>Full permission</strong>: everything read-only gives, plus
          add-on profiles. The agent is bound to cluster-admin.</label></div>
        <div class="form-text">A read-only cluster can be migrated to full permission later.</div>
      </fieldset>
      <button class="btn btn-primary" type="submit" id="import-submit">Import</button>
    </form>
    <section id="import-result" hidden aria-live="polite"></section>`;

  const form = main.querySelector('#import-form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = main.querySelector('#import-error');
    error.innerHTML = '';
    const data = new FormData(form);
    let request;
    try {
      request = {
        name: String(data.get('name')).trim(),
        project: String(data.get('project')).trim(),
        cloudType: data.get('cloudType'),
        importMode: data.get('importMode'),
        labels: parseLabels(String(data.get('labels'))),
      };
      const description = String(data.get('description')).trim();
      if (description) request.description = description;
      const created = await api('/api/v1/clusters', {
        method: 'POST', json: request, headers: { 'Idempotency-Key': crypto.randomUUID() },
      });
      showCommand(created);
    } catch (e) {
      const fields = e instanceof ApiError && e.problem.errors
        ? '<ul class="mb-0">' + e.problem.errors.map((f) => `<li>${esc(f.field)}: ${esc(f.message)}</li>`).join('') + '</ul>' : '';
      error.innerHTML = `<div class="alert alert-danger">${esc(e.message)}${fields}</div>`;
    }
  });

  function showCommand(created) {
    form.hidden = true;
    main.querySelector('#step-1').classList.remove('fw-bold');
    main.querySelector('#step-2').classList.add('fw-bold');
    const result = main.querySelector('#import-result');
    const command = created.importCommand;
    result.hidden = false;
    result.innerHTML = `
      <h2 class="h5">Run this where kubectl reaches the cluster</h2>
      <pre class="command bg-body-tertiary border rounded p-2" id="import-command">${esc(command.command)}</pre>
      <div class="d-flex gap-2 mb-2">
        <button class="btn btn-outline-primary btn-sm" type="button" id="copy-command">Copy the command</button>
        <a class="btn btn-outline-secondary btn-sm" id="download-manifest" href="${esc(command.manifestUrl)}"
           download="${esc(created.cluster.name)}-mooring-agent.yaml">Download the manifest</a>
        <span id="copy-state" class="small align-self-center"></span>
      </div>
      <p class="small text-body-secondary">The command works once, until ${esc(new Date(command.expiresAt).toLocaleString())}
        (mode: ${esc(command.importMode)}).</p>
      <h2 class="h5">Cluster <a href="#/clusters/${esc(created.cluster.id)}">${esc(created.cluster.name)}</a></h2>
      <dl class="row" id="follow">
        <dt class="col-sm-3">State</dt><dd class="col-sm-9" id="follow-status">${esc(created.cluster.status)}</dd>
        <dt class="col-sm-3">Detected provider</dt><dd class="col-sm-9" id="follow-provider">—</dd>
        <dt class="col-sm-3">Kubernetes</dt><dd class="col-sm-9" id="follow-version">—</dd>
      </dl>`;
    result.querySelector('#copy-command').addEventListener('click', async () => {
      const state = result.querySelector('#copy-state');
      try {
        await navigator.clipboard.writeText(command.command);
        state.textContent = 'Copied.';
      } catch (e) {
        // No clipboard permission (an insecure origin, a refusing browser): select the text for Ctrl-C instead.
        window.getSelection().selectAllChildren(result.querySelector('#import-command'));
        state.textContent = 'Selected: press Ctrl-C to copy.';
      }
    });
    follow(created.cluster.id);
  }

  async function follow(id) {
    try {
      const cluster = await api('/api/v1/clusters/' + id);
      main.querySelector('#follow-status').textContent = cluster.status;
      main.querySelector('#follow-provider').textContent = cluster.detectedProvider
        ? cluster.detectedProvider + (cluster.providerMismatch ? ` (declared ${cluster.cloudType}: mismatch)` : '') : '—';
      main.querySelector('#follow-version').textContent = cluster.kubernetesVersion || '—';
      if (cluster.status !== 'Pending') {
        main.querySelector('#step-2').classList.remove('fw-bold');
        main.querySelector('#step-3').classList.add('fw-bold');
        return;
      }
    } catch (e) {
      main.querySelector('#follow-status').textContent = 'Could not read the cluster: ' + e.message;
    }
    timer = setTimeout(() => follow(id), FOLLOW_MS);
  }

  return () => clearTimeout(timer);
}
