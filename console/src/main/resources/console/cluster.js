// A cluster's overview: what it is, what its mode allows (with the reason for what it does not), its health with a
// timeline of transitions, and for
// operators the actions that hand out a new import command (reissue, migrate to full permission).
import { api, esc, when } from './api.js';

function actions(cluster) {
  const migrate = cluster.importMode === 'read-only' && !cluster.pendingMigration
    ? `<div class="mb-2"><button class="btn btn-outline-primary btn-sm" type="button" id="migrate">Migrate to full permission</button>
       <span class="small text-body-secondary ms-2">Hands out a command that binds the agent to cluster-admin; the mode
       changes once the agent confirms it holds the wider permissions.</span></div>` : '';
  return `<section aria-labelledby="actions-title" id="cluster-actions" class="mb-3">
      <h2 class="h5" id="actions-title">Actions</h2>
      <div class="mb-2"><button class="btn btn-outline-secondary btn-sm" type="button" id="reissue">Reissue the import command</button>
        <span class="small text-body-secondary ms-2">Earlier commands of this cluster stop working.</span></div>
      ${migrate}
      <div id="action-result" aria-live="polite"></div>
    </section>`;
}

export async function clusterPage(main, user, id) {
  main.innerHTML = '<p>Loading…</p>';
  let cluster;
  let capabilities;
  try {
    [cluster, capabilities] = await Promise.all([
      api('/api/v1/clusters/' + id),
      api(`/api/v1/clusters/${id}/capabilities`),
    ]);
  } catch (e) {
    main.innerHTML = `<div class="alert alert-danger" role="alert">${esc(e.message)}</div>`;
    return null;
  }
  const row = (name, value) => `<dt class="col-sm-3">${esc(name)}</dt><dd class="col-sm-9">${value}</dd>`;
  main.innerHTML = `
    <nav aria-label="Breadcrumb"><ol class="breadcrumb"><li class="breadcrumb-item"><a href="#/fleet">Fleet</a></li>
      <li class="breadcrumb-item active" aria-current="page">${esc(cluster.name)}</li></ol></nav>
    <h1 class="h3">${esc(cluster.name)} <span class="badge text-bg-secondary" id="cluster-status">${esc(cluster.status)}</span></h1>
    <div class="row">
      <section class="col-lg-6" aria-labelledby="overview-title"><h2 class="h5" id="overview-title">Overview</h2>
        <dl class="row">
          ${row('Project', esc(cluster.project))}
          ${row('Description', esc(cluster.description || '—'))}
          ${row('Labels', Object.entries(cluster.labels || {}).map(([k, v]) => `<code>${esc(k)}=${esc(v)}</code>`).join(' ') || '—')}
          ${row('Mode', esc(cluster.importMode) + (cluster.pendingMigration ? ' (migration to full permission pending)' : ''))}
          ${row('Provider', esc(cluster.cloudType) + ' declared, ' + esc(cluster.detectedProvider || 'not yet') + ' detected'
            + (cluster.providerMismatch ? ' <span class="badge text-bg-warning">mismatch</span>' : ''))}
          ${row('Kubernetes', esc(cluster.kubernetesVersion || '—'))}
          ${row('Agent', esc(cluster.agentVersion || '—') + (cluster.agentPermissions ? ' (' + esc(cluster.agentPermissions) + ')' : ''))}
          ${row('Connected', esc(when(cluster.connectedAt)))}
          ${row('Last seen', esc(when(cluster.lastSeenAt)))}
          ${row('Re-registrations', esc(cluster.reRegistrations) + (cluster.lastReRegisteredAt ? ', last ' + esc(when(cluster.lastReRegisteredAt)) : ''))}
          ${row('Kubeconfig', 'Mooring hands out no kubeconfig: get one from the cluster\'s provider (its console or CLI).')}
        </dl>
        ${user.canWrite && cluster.status !== 'Deleting' ? actions(cluster) : ''}</section>
      <section class="col-lg-6" aria-labelledby="health-title"><h2 class="h5" id="health-title">Health</h2>
        <div id="health-now" aria-live="polite"></div>
        <h3 class="h6">Timeline</h3>
        <div id="timeline-chart" style="height: 140px" role="img" aria-label="Health over time, as a chart; the transitions follow as a list"></div>
        <ol class="list-unstyled small" id="timeline" aria-label="Transitions, newest first"></ol>
        <h2 class="h5">What this cluster's mode allows</h2>
        <table class="table table-sm"><caption class="visually-hidden">Capabilities</caption>
          <thead><tr><th scope="col">Operation</th><th scope="col">Allowed</th><th scope="col">Why not</th></tr></thead>
          <tbody>${capabilities.capabilities.map((c) => `<tr><td>${esc(c.operation)}</td>
            <td>${c.allowed ? 'Yes' : 'No'}</td><td>${esc(c.reason || '')}</td></tr>`).join('')}</tbody></table>
      </section>
    </div>`;
  let timer = null;
  let chart = null;
  let stopped = false;
  const LEVELS = ['Unknown', 'Healthy', 'Degraded', 'Unhealthy'];
  // Health and its transitions, again every few seconds: a change shows without reloading.
  async function refreshHealth() {
    try {
      const [health, history] = await Promise.all([
        api(`/api/v1/clusters/${id}/health`).catch(() => null),
        api(`/api/v1/clusters/${id}/health/history?limit=100`),
      ]);
      if (stopped) return;
      main.querySelector('#health-now').innerHTML = health
        ? `<p>Connectivity <strong>${esc(health.connectivity)}</strong>, health <strong>${esc(health.health)}</strong>
          since ${esc(when(health.healthSince))}.</p>
          <ul class="list-group mb-3">${(health.checks || []).map((c) => `<li class="list-group-item">
            <strong>${esc(c.name)}</strong>: ${esc(c.status)}${c.message ? ' — ' + esc(c.message) : ''}</li>`).join('')}</ul>`
        : '<p>No health report yet.</p>';
      main.querySelector('#timeline').innerHTML = history.items.map((t) => `<li class="mb-1">
        <time datetime="${esc(t.at)}">${esc(when(t.at))}</time>: ${esc(t.kind)} ${esc(t.previous || '—')} → <strong>${esc(t.current)}</strong>
        ${(t.reasons || []).filter((r) => r.status !== 'pass').map((r) => ' (' + esc(r.name) + ': ' + esc(r.message || r.status) + ')').join('')}</li>`).join('')
        || '<li>No transition yet.</li>';
      const points = history.items.filter((t) => t.kind === 'health').reverse().map((t) => [t.at, t.current]);
      if (health) points.push([new Date().toISOString(), health.health]);
      if (window.echarts && points.length) {
        chart = chart || window.echarts.init(main.querySelector('#timeline-chart'));
        chart.setOption({
          animation: false,
          grid: { left: 80, right: 20, top: 10, bottom: 30 },
          xAxis: { type: 'time' },
          yAxis: { type: 'category', data: LEVELS },
          // ECharts turns the step along its category axis, here the y axis: 'start' holds each state until the next
          // transition's time.
          series: [{ type: 'line', step: 'start', data: points, symbolSize: 6, lineStyle: { color: '#0d6efd' } }],
        });
      }
    } catch (e) {
      if (!stopped) main.querySelector('#health-now').innerHTML = `<div class="alert alert-danger">${esc(e.message)}</div>`;
    }
    if (!stopped) timer = setTimeout(refreshHealth, 5000);
  }
  await refreshHealth();

  const result = main.querySelector('#action-result');
  async function handOut(path, what) {
    try {
      const answer = await api(path, { method: 'POST' });
      const command = answer.importCommand;
      result.innerHTML = `<div class="alert alert-info"><p class="mb-1">${esc(what)} Run this where kubectl reaches the
        cluster (until ${esc(when(command.expiresAt))}):</p>
        <pre class="command mb-0" id="action-command">${esc(command.command)}</pre></div>`;
    } catch (e) {
      result.innerHTML = `<div class="alert alert-danger">${esc(e.message)}</div>`;
    }
  }
  main.querySelector('#reissue')?.addEventListener('click', () =>
    handOut(`/api/v1/clusters/${id}/import-command`, 'A new import command.'));
  main.querySelector('#migrate')?.addEventListener('click', async (event) => {
    event.target.disabled = true;
    await handOut(`/api/v1/clusters/${id}/migrate-to-full-permissions`,
      'Migration requested: pending until the agent confirms full permission.');
  });
  return () => {
    stopped = true;
    clearTimeout(timer);
    if (chart) chart.dispose();
  };
}
