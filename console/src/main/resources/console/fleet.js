// The fleet: counts by state (fleet health), then the clusters page by page (the registry's keyset paging), each
// row completed by its health. Refreshed every few seconds so state changes show without reloading.
import { api, esc, when } from './api.js';

const CLOUD_TYPES = ['generic', 'aws', 'eks', 'azure', 'aks', 'gcp', 'gke', 'vsphere', 'openshift', 'eks-anywhere'];
const REFRESH_MS = 5000;
const BADGE = {
  Running: 'success', Pending: 'secondary', Deleting: 'dark', Connected: 'success', Disconnected: 'danger',
  Healthy: 'success', Degraded: 'warning', Unhealthy: 'danger', Unknown: 'secondary',
};

function badge(value) {
  if (!value) return '—';
  const colour = BADGE[value] || 'secondary';
  return `<span class="badge text-bg-${colour}" data-state="${esc(value)}">${esc(value)}</span>`;
}

function options(values, selected, any) {
  return `<option value="">${any}</option>` + values.map((v) =>
    `<option value="${esc(v)}"${v === selected ? ' selected' : ''}>${esc(v)}</option>`).join('');
}

export async function fleetPage(main, user) {
  const filters = { name: '', project: '', cloudType: '', importMode: '', status: '', labelSelector: '', sort: '', limit: '20' };
  const cursors = [null];
  let chart = null;
  let timer = null;
  let stopped = false;

  main.innerHTML = `
    <div class="d-flex align-items-center mb-3">
      <h1 class="h3 me-auto mb-0">Fleet</h1>
      ${user.canWrite ? '<a class="btn btn-primary" href="#/import" id="import-button">Import a cluster</a>' : ''}
    </div>
    <section aria-labelledby="summary-title" class="mb-3">
      <h2 class="h5" id="summary-title">Clusters by state</h2>
      <div class="d-flex flex-wrap gap-2" id="counts" aria-live="polite"></div>
      <div id="fleet-chart" role="img" aria-label="Clusters by health, as a bar chart"></div>
    </section>
    <form class="row g-2 align-items-end mb-3" id="filters" aria-label="Filter clusters">
      <div class="col-auto"><label class="form-label" for="f-name">Name contains</label>
        <input class="form-control" id="f-name" name="name" type="search" autocomplete="off"></div>
      <div class="col-auto"><label class="form-label" for="f-project">Project</label>
        <input class="form-control" id="f-project" name="project" list="known-projects" autocomplete="off">
        <datalist id="known-projects">${user.projects.map((p) => `<option value="${esc(p)}">`).join('')}</datalist></div>
      <div class="col-auto"><label class="form-label" for="f-cloud">Provider</label>
        <select class="form-select" id="f-cloud" name="cloudType">${options(CLOUD_TYPES, '', 'Any')}</select></div>
      <div class="col-auto"><label class="form-label" for="f-mode">Mode</label>
        <select class="form-select" id="f-mode" name="importMode">${options(['read-only', 'full-permission'], '', 'Any')}</select></div>
      <div class="col-auto"><label class="form-label" for="f-status">State</label>
        <select class="form-select" id="f-status" name="status">${options(['Pending', 'Running', 'Deleting'], '', 'Any')}</select></div>
      <div class="col-auto"><label class="form-label" for="f-labels">Labels</label>
        <input class="form-control" id="f-labels" name="labelSelector" placeholder="env=prod,team in (a,b)"></div>
      <div class="col-auto"><label class="form-label" for="f-sort">Sort</label>
        <select class="form-select" id="f-sort" name="sort"><option value="">Oldest first</option>
          <option value="-createdAt">Newest first</option><option value="name">Name A–Z</option>
          <option value="-name">Name Z–A</option></select></div>
      <div class="col-auto"><label class="form-label" for="f-limit">Per page</label>
        <select class="form-select" id="f-limit" name="limit">${['20', '50', '100'].map((n) => `<option>${n}</option>`).join('')}</select></div>
      <div class="col-auto"><button class="btn btn-outline-primary" type="submit">Apply</button></div>
    </form>
    <div id="list-error" role="alert"></div>
    <div class="table-responsive">
      <table class="table table-hover align-middle" id="clusters">
        <caption class="visually-hidden">Imported clusters</caption>
        <thead><tr>
          <th scope="col">Name</th><th scope="col">Project</th><th scope="col">Provider (declared / detected)</th>
          <th scope="col">Mode</th><th scope="col">State</th><th scope="col">Connectivity</th><th scope="col">Health</th>
          <th scope="col">Kubernetes</th><th scope="col">Agent</th><th scope="col">Last seen</th>
        </tr></thead>
        <tbody></tbody>
      </table>
    </div>
    <nav aria-label="Pages" class="d-flex gap-2 align-items-center">
      <button class="btn btn-outline-secondary btn-sm" type="button" id="previous">Previous</button>
      <span id="page-number"></span>
      <button class="btn btn-outline-secondary btn-sm" type="button" id="next">Next</button>
    </nav>`;

  const tbody = main.querySelector('#clusters tbody');
  let nextCursor = null;

  async function loadCounts() {
    const query = filters.project ? '?project=' + encodeURIComponent(filters.project) : '';
    const fleet = await api('/api/v1/fleet/health' + query);
    const cards = [['Total', fleet.total], ...Object.entries(fleet.byConnectivity), ...Object.entries(fleet.byHealth)];
    main.querySelector('#counts').innerHTML = cards.map(([name, count]) =>
      `<div class="card state-count"><div class="card-body py-2"><div class="small text-body-secondary">${esc(name)}</div>
       <div class="fs-4" data-count="${esc(name)}">${esc(count)}</div></div></div>`).join('');
    if (window.echarts) {
      chart = chart || window.echarts.init(main.querySelector('#fleet-chart'));
      const names = Object.keys(fleet.byHealth);
      chart.setOption({
        animation: false,
        grid: { left: 80, right: 20, top: 10, bottom: 20 },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: names },
        series: [{ type: 'bar', data: names.map((n) => ({ value: fleet.byHealth[n], itemStyle: { color: { Healthy: '#198754', Degraded: '#ffc107', Unhealthy: '#dc3545', Unknown: '#6c757d' }[n] } })) }],
      });
    }
  }

  async function loadPage() {
    const query = new URLSearchParams();
    Object.entries(filters).forEach(([k, v]) => { if (v) query.set(k, v); });
    const cursor = cursors[cursors.length - 1];
    if (cursor) query.set('cursor', cursor);
    const page = await api('/api/v1/clusters?' + query);
    nextCursor = page.nextCursor || null;
    const health = await Promise.all(page.items.map((c) =>
      api(`/api/v1/clusters/${c.id}/health`).catch(() => null)));
    tbody.innerHTML = page.items.length === 0
      ? '<tr><td colspan="10">No cluster matches.</td></tr>'
      : page.items.map((c, i) => {
        const h = health[i] || {};
        const detected = c.detectedProvider ? esc(c.detectedProvider) : '—';
        const mismatch = c.providerMismatch ? ' <span class="badge text-bg-warning">mismatch</span>' : '';
        return `<tr data-cluster="${esc(c.name)}">
          <th scope="row"><a href="#/clusters/${esc(c.id)}">${esc(c.name)}</a></th>
          <td>${esc(c.project)}</td><td>${esc(c.cloudType)} / ${detected}${mismatch}</td><td>${esc(c.importMode)}</td>
          <td>${badge(c.status)}</td><td class="connectivity">${badge(h.connectivity)}</td>
          <td class="health">${badge(h.health)}</td><td>${esc(c.kubernetesVersion || '—')}</td>
          <td>${esc(c.agentVersion || '—')}</td><td>${esc(when(c.lastSeenAt))}</td></tr>`;
      }).join('');
    main.querySelector('#previous').disabled = cursors.length === 1;
    main.querySelector('#next').disabled = !nextCursor;
    main.querySelector('#page-number').textContent = 'Page ' + cursors.length;
  }

  async function refresh() {
    try {
      await Promise.all([loadCounts(), loadPage()]);
      if (!stopped) main.querySelector('#list-error').innerHTML = '';
    } catch (e) {
      // A refresh still under way when the user left for another page has nowhere to show its error.
      if (!stopped) main.querySelector('#list-error').innerHTML = `<div class="alert alert-danger">${esc(e.message)}</div>`;
    }
    if (!stopped) {
      clearTimeout(timer);
      timer = setTimeout(refresh, REFRESH_MS);
    }
  }

  main.querySelector('#filters').addEventListener('submit', (event) => {
    event.preventDefault();
    new FormData(event.target).forEach((value, key) => { filters[key] = String(value).trim(); });
    // Names are lower case; the API refuses anything else in a name search.
    filters.name = filters.name.toLowerCase();
    cursors.length = 1;
    refresh();
  });
  main.querySelector('#next').addEventListener('click', () => {
    if (nextCursor) { cursors.push(nextCursor); refresh(); }
  });
  main.querySelector('#previous').addEventListener('click', () => {
    if (cursors.length > 1) { cursors.pop(); refresh(); }
  });
  await refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
    if (chart) chart.dispose();
  };
}
