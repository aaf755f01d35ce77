// A cluster's pages, as tabs (#/clusters/<id>/<tab>): the overview (what it is, what its mode allows with the reason
// for what it does not, its health with a timeline of transitions, and for operators the actions that hand out a new
// import command, for admins deletion), then events, inventory, cost and add-ons, each in a module of its own.
import { api, esc, when, problem } from './api.js';
import { eventsTab } from './cluster-events.js';
import { inventoryTab } from './cluster-inventory.js';
import { costTab } from './cluster-cost.js';
import { addonsTab } from './cluster-addons.js';

const TABS = [
  ['overview', 'Overview'], ['events', 'Events'], ['inventory', 'Inventory'], ['cost', 'Cost'], ['addons', 'Add-ons'],
];

function actions(cluster, user) {
  const migrate = cluster.importMode === 'read-only' && !cluster.pendingMigration
    ? `<div class="mb-2"><button class="btn btn-outline-primary btn-sm" type="button" id="migrate">Migrate to full permission</button>
       <span class="small text-body-secondary ms-2">Hands out a command that binds the agent to cluster-admin; the mode
       changes once the agent confirms it holds the wider permissions.</span></div>` : '';
  return `<section aria-labelledby="actions-title" id="cluster-actions" class="mb-3">
      <h2 class="h5" id="actions-title">Actions</h2>
      <div class="mb-2"><button class="btn btn-outline-secondary btn-sm" type="button" id="reissue">Reissue the import command</button>
        <span class="small text-body-secondary ms-2">Earlier commands of this cluster stop working.</span></div>
      ${migrate}
      ${user.admin ? `<div class="mb-2"><button class="btn btn-outline-danger btn-sm" type="button" id="delete">Delete…</button>
        <span class="small text-body-secondary ms-2">Asks first, and says what happens to the agent and what stays.</span></div>` : ''}
      <div id="action-result" aria-live="polite"></div>
    </section>`;
}

/**
 * What deleting does, in the product's words (docs/architecture.md, Migration and deletion): the agent's part
 * depends on whether it ever connected and on its permissions; the user's workloads always stay.
 */
function deletionDialog(cluster) {
  const connected = cluster.status !== 'Pending';
  const fullPermission = cluster.agentPermissions === 'full-permission' || cluster.importMode === 'full-permission';
  const agent = !connected
    ? 'Its agent never connected: the record goes at once.'
    : fullPermission
      ? 'The cluster shows <strong>Deleting</strong> until its agent has removed what the import installed (the agent\'s '
        + 'namespace, Deployment, service account, roles and bindings, its own objects last) and reported its cleanup; '
        + 'then the record goes.'
      : 'The cluster shows <strong>Deleting</strong>; the read-only agent stops reporting and reports its cleanup, but it '
        + 'may not delete anything: run the cleanup command the console then shows to remove what the import installed.';
  return `<dialog id="delete-dialog" aria-labelledby="delete-title" class="border rounded p-0" style="max-width: 40rem">
    <form method="dialog" class="p-3">
      <h2 class="h5" id="delete-title">Delete ${esc(cluster.name)}?</h2>
      <p><strong>Delete:</strong> ${agent} Its import commands stop working at once.</p>
      <p><strong>Force delete</strong> (for a cluster whose agent is gone): the record goes at once, without waiting for the
        agent; the agent is refused from then on and removes nothing, so run the cleanup command shown next.</p>
      <p><strong>What stays in the cluster:</strong> your workloads, namespaces and add-ons' objects are never touched
        (detach add-on profiles first to remove them). Its cost history stays readable; its events and health go.</p>
      <div class="d-flex gap-2 justify-content-end">
        <button class="btn btn-secondary" value="cancel" id="delete-cancel">Cancel</button>
        <button class="btn btn-outline-danger" value="force" id="delete-force">Force delete</button>
        <button class="btn btn-danger" value="delete" id="delete-confirm">Delete</button>
      </div>
    </form></dialog>`;
}

function tabs(id, current) {
  return `<ul class="nav nav-tabs mb-3" id="cluster-tabs">${TABS.map(([tab, title]) => `<li class="nav-item">
    <a class="nav-link${tab === current ? ' active" aria-current="page' : ''}" id="tab-${tab}" href="#/clusters/${esc(id)}/${tab}">${esc(title)}</a></li>`).join('')}</ul>`;
}

export async function clusterPage(main, user, id, tab) {
  main.innerHTML = '<p>Loading…</p>';
  let cluster;
  try {
    cluster = await api('/api/v1/clusters/' + id);
  } catch (e) {
    main.innerHTML = problem(e);
    return null;
  }
  main.innerHTML = `
    <nav aria-label="Breadcrumb"><ol class="breadcrumb"><li class="breadcrumb-item"><a href="#/fleet">Fleet</a></li>
      <li class="breadcrumb-item active" aria-current="page">${esc(cluster.name)}</li></ol></nav>
    <h1 class="h3">${esc(cluster.name)} <span class="badge text-bg-secondary" id="cluster-status">${esc(cluster.status)}</span></h1>
    <nav aria-label="Cluster pages">${tabs(id, tab)}</nav>
    <div id="cluster-tab"></div>`;
  const container = main.querySelector('#cluster-tab');
  const page = { events: eventsTab, inventory: inventoryTab, cost: costTab, addons: addonsTab }[tab] || overviewTab;
  return page(container, user, cluster);
}

async function overviewTab(main, user, cluster) {
  const id = cluster.id;

  let capabilities;
  try {
    capabilities = await api(`/api/v1/clusters/${id}/capabilities`);
  } catch (e) {
    main.innerHTML = problem(e);
    return null;
  }
  const row = (name, value) => `<dt class="col-sm-3">${esc(name)}</dt><dd class="col-sm-9">${value}</dd>`;
  main.innerHTML = `
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
        ${user.canWrite && cluster.status !== 'Deleting' ? actions(cluster, user) : ''}
        ${user.admin && cluster.status !== 'Deleting' ? deletionDialog(cluster) : ''}</section>
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
  const dialog = main.querySelector('#delete-dialog');
  main.querySelector('#delete')?.addEventListener('click', () => {
    dialog.returnValue = '';
    dialog.showModal();
  });
  dialog?.addEventListener('close', async () => {
    if (dialog.returnValue !== 'delete' && dialog.returnValue !== 'force') return;
    const force = dialog.returnValue === 'force';
    try {
      const answer = await api(`/api/v1/clusters/${id}` + (force ? '?force=true' : ''), { method: 'DELETE' });
      main.querySelector('#cluster-actions').querySelectorAll('button').forEach((b) => { b.disabled = true; });
      const state = answer.status === 'Deleted'
        ? 'The cluster is deleted: its record is gone. <a href="#/fleet">Back to the fleet</a>.'
        : 'The cluster is Deleting until its agent reports its cleanup.';
      const cleanup = answer.agentCleansUp
        ? 'The agent removes what the import installed. Should it not, run this where kubectl reaches the cluster'
        : 'The agent removes nothing: run this where kubectl reaches the cluster to remove what the import installed';
      result.innerHTML = `<div class="alert alert-warning" id="delete-result"><p class="mb-1">${state}</p>
        <p class="mb-1">${cleanup} (until ${esc(when(answer.cleanup.expiresAt))}); your workloads are not touched:</p>
        <pre class="command mb-0" id="cleanup-command">${esc(answer.cleanup.command)}</pre></div>`;
    } catch (e) {
      result.innerHTML = problem(e);
    }
  });
  // The actions answer from the moment they are drawn: bound above, before the first health refresh, which may
  // take a while on a slow network (a click before it was lost).
  await refreshHealth();
  return () => {
    stopped = true;
    clearTimeout(timer);
    if (chart) chart.dispose();
  };
}
