// The fleet: counts by state (fleet health), then the clusters page by page (the registry's keyset paging), the
// rows completed by their health and event rate (one health-service request per page) and their cost this month
// (one cost-service request per page), so a page costs the same few requests whatever its size. Refreshed every
// few seconds so state changes show without reloading.
import { api, esc, when } from './api.js';

const CLOUD_TYPES = ['generic', 'aws', 'eks', 'azure', 'aks', 'gcp', 'gke', 'vsphere', 'openshift', 'eks-anywhere'];
const REFRESH_MS = 5000;
// User-timing marks set once per document load, when the first page's rows (health and cost filled in) and the first
// counts are in the document: what issue #13's "first page in under 1 s" is measured by (FleetPageBenchmark).
const MARK_ROWS = 'mooring:fleet-rows';
const MARK_COUNTS = 'mooring:fleet-counts';

function markOnce(name) {
  if (performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name);
}
// Cost accrues by the hour: asking again every refresh would only repeat the same answer.
const COST_MS = 60000;
const BADGE = {
  Running: 'success', Pending: 'secondary', Deleting: 'dark', Connected: 'success', Disconnected: 'danger',
  Healthy: 'success', Degraded: 'warning', Unhealthy: 'danger', Unknown: 'secondary',
};

function badge(value) {
  if (!value) return '—';
  const colour = BADGE[value] || 'secondary';
  return `<span class="badge text-bg-${colour}" data-state="${esc(value)}">${esc(value)}</span>`;
}

// The event rate as a small inline line chart; the label says what a screen reader cannot see.
function sparkline(series) {
  const counts = Array.isArray(series) ? series.map(Number) : [];
  if (counts.length === 0) return '—';
  const total = counts.reduce((a, b) => a + b, 0);
  const peak = Math.max(...counts);
  const width = 96;
  const height = 20;
  // A pixel kept free at each end, so that the line's stroke is not cut off at the edges.
  const step = counts.length > 1 ? (width - 2) / (counts.length - 1) : 0;
  const points = counts.map((c, i) =>
    `${(1 + i * step).toFixed(1)},${(height - 1 - (peak ? (c / peak) * (height - 2) : 0)).toFixed(1)}`).join(' ');
  const label = `Event-log entries per hour over the last 24 hours: ${total} in all, at most ${peak} in an hour`;
  return `<svg class="sparkline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img"
    aria-label="${esc(label)}" data-total="${total}" data-peak="${peak}"><title>${esc(label)}</title>
    <polyline fill="none" stroke="currentColor" stroke-width="1.5" points="${points}"/></svg>`;
}

function money(amount, currency) {
  try {
    // A young cluster's few cents would otherwise all show as 0.00.
    const digits = Math.abs(Number(amount)) < 1 ? 4 : 2;
    return Number(amount).toLocaleString(undefined, { style: 'currency', currency: currency || 'USD', maximumFractionDigits: digits });
  } catch (e) {
    return Number(amount).toFixed(2) + ' ' + (currency || '');
  }
}

// A cluster's cost rows, one per currency its rates use, as one cell.
function costCell(rows) {
  if (!rows || rows.length === 0) return '—';
  return rows.map((r) => esc(money(r.totalCost, r.currency))).join('<br>');
}

// The first day of this month, UTC, as the cost API takes it.
function monthStart() {
  return new Date().toISOString().slice(0, 7) + '-01';
}

function options(values, selected, any) {
  return `<option value="">${any}</option>` + values.map((v) =>
    `<option value="${esc(v)}"${v === selected ? ' selected' : ''}>${esc(v)}</option>`).join('');
}

export async function fleetPage(main, user) {
  const filters = { name: '', project: '', cloudType: '', importMode: '', status: '', labelSelector: '', sort: '', limit: '20' };
  const cursors = [null];
  let chart = null;
  let providerChart = null;
  let timer = null;
  let stopped = false;

  main.innerHTML = `
    <div class="d-flex align-items-center mb-3">
      <h1 class="h3 me-auto mb-0">Fleet</h1>
      ${user.canWrite ? '<a class="btn btn-primary" href="#/import" id="import-button">Import a cluster</a>' : ''}
    </div>
    <section aria-labelledby="summary-title" class="mb-3">
      <h2 class="h5" id="summary-title">Clusters by state and provider</h2>
      <div class="d-flex flex-wrap gap-2" id="counts" aria-live="polite"></div>
      <div class="row g-3">
        <div class="col-md-6"><h3 class="h6 text-body-secondary mb-0">By health</h3>
          <div id="fleet-chart" role="img" aria-label="Clusters by health, as a bar chart"></div></div>
        <div class="col-md-6"><h3 class="h6 text-body-secondary mb-0">By detected provider</h3>
          <div id="provider-chart" role="img" aria-label="Clusters by detected provider"></div></div>
      </div>
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
          <th scope="col">Events (24 h)</th><th scope="col">Cost this month</th>
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
  let cost = { key: '', at: 0, byCluster: new Map() };

  // The month's cost of the page's clusters, by cluster id; asked again when the page or the month changes, or
  // after COST_MS. A failure leaves the column empty rather than the page.
  async function pageCost(ids) {
    const key = monthStart() + '|' + ids.join(',');
    if (cost.key === key && Date.now() - cost.at < COST_MS) return cost.byCluster;
    const byCluster = new Map();
    try {
      const report = await api(`/api/v1/fleet/cost?aggregate=cluster&from=${monthStart()}&cluster=${ids.join(',')}`);
      report.rows.forEach((r) => {
        const id = r.properties && r.properties.clusterId;
        if (id) byCluster.set(id, [...(byCluster.get(id) || []), r]);
      });
      cost = { key, at: Date.now(), byCluster };
    } catch (e) {
      return byCluster;
    }
    return byCluster;
  }

  async function loadCounts() {
    const query = filters.project ? '?project=' + encodeURIComponent(filters.project) : '';
    const [fleet, summary] = await Promise.all([api('/api/v1/fleet/health' + query),
      api('/api/v1/clusters/summary' + query).catch(() => null)]);
    const cards = [['Total', fleet.total], ...Object.entries(fleet.byConnectivity), ...Object.entries(fleet.byHealth)];
    main.querySelector('#counts').innerHTML = cards.map(([name, count]) =>
      `<div class="card state-count"><div class="card-body py-2"><div class="small text-body-secondary">${esc(name)}</div>
       <div class="fs-4" data-count="${esc(name)}">${esc(count)}</div></div></div>`).join('');
    markOnce(MARK_COUNTS);
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
    if (summary) showProviders(summary.byDetectedProvider);
  }

  // What the agents found running, which may differ from the cloud type chosen at import (a "generic" cluster
  // that is really OpenShift): the registry's summary counts the whole fleet in one request.
  function showProviders(byProvider) {
    const entries = Object.entries(byProvider).map(([name, count]) =>
      [name === 'not-detected' ? 'not detected yet' : name, count]);
    const element = main.querySelector('#provider-chart');
    element.setAttribute('aria-label', 'Clusters by detected provider: '
      + (entries.length === 0 ? 'none' : entries.map(([name, count]) => `${name} ${count}`).join(', ')));
    if (!window.echarts) return;
    providerChart = providerChart || window.echarts.init(element);
    const shown = entries.slice().reverse();
    providerChart.setOption({
      animation: false,
      grid: { left: 120, right: 20, top: 10, bottom: 20 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: shown.map(([name]) => name) },
      series: [{ type: 'bar', data: shown.map(([, count]) => count), itemStyle: { color: '#0d6efd' } }],
    });
  }

  async function loadPage() {
    const query = new URLSearchParams();
    Object.entries(filters).forEach(([k, v]) => { if (v) query.set(k, v); });
    const cursor = cursors[cursors.length - 1];
    if (cursor) query.set('cursor', cursor);
    const page = await api('/api/v1/clusters?' + query);
    nextCursor = page.nextCursor || null;
    const ids = page.items.map((c) => c.id);
    const [rows, costs] = ids.length === 0 ? [[], new Map()] : await Promise.all([
      api('/api/v1/fleet/health/clusters?id=' + ids.join(',')).then((r) => r.items).catch(() => []),
      pageCost(ids)]);
    const health = new Map(rows.map((r) => [r.clusterId, r]));
    tbody.innerHTML = page.items.length === 0
      ? '<tr><td colspan="12">No cluster matches.</td></tr>'
      : page.items.map((c) => {
        const h = health.get(c.id) || {};
        const detected = c.detectedProvider ? esc(c.detectedProvider) : '—';
        const mismatch = c.providerMismatch ? ' <span class="badge text-bg-warning">mismatch</span>' : '';
        return `<tr data-cluster="${esc(c.name)}">
          <th scope="row"><a href="#/clusters/${esc(c.id)}">${esc(c.name)}</a></th>
          <td>${esc(c.project)}</td><td>${esc(c.cloudType)} / ${detected}${mismatch}</td><td>${esc(c.importMode)}</td>
          <td>${badge(c.status)}</td><td class="connectivity">${badge(h.connectivity)}</td>
          <td class="health">${badge(h.health)}</td><td class="events">${sparkline(h.eventsPerHour)}</td>
          <td class="cost text-end">${costCell(costs.get(c.id))}</td><td>${esc(c.kubernetesVersion || '—')}</td>
          <td>${esc(c.agentVersion || '—')}</td><td>${esc(when(c.lastSeenAt))}</td></tr>`;
      }).join('');
    markOnce(MARK_ROWS);
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
    if (providerChart) providerChart.dispose();
  };
}
