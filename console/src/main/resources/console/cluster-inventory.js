// A cluster's inventory as its agent last reported it: nodes with their conditions, capacity and what is
// allocatable, pods by phase, and the namespaces with their requests.
import { api, esc, when, problem } from './api.js';

function cpu(millis) {
  return millis == null ? '—' : (millis / 1000).toLocaleString(undefined, { maximumFractionDigits: 2 }) + ' cores';
}

function memory(bytes) {
  return bytes == null ? '—' : (bytes / 2 ** 30).toLocaleString(undefined, { maximumFractionDigits: 1 }) + ' GiB';
}

function resources(r) {
  if (!r) return '—';
  return `${cpu(r.cpuMillis)}, ${memory(r.memoryBytes)}${r.gpus ? ', ' + esc(r.gpus) + ' GPU' : ''}${r.pods != null ? ', ' + esc(r.pods) + ' pods' : ''}`;
}

/** Ready is good when True; every other condition (MemoryPressure, DiskPressure…) is good when False. */
function condition(c) {
  const good = c.type === 'Ready' ? c.status === 'True' : c.status === 'False';
  return `<span class="badge text-bg-${good ? 'success' : 'danger'} me-1" title="${esc(c.message || c.reason || '')}"
    data-condition="${esc(c.type)}">${esc(c.type)}: ${esc(c.status)}</span>`;
}

const REFRESH_MS = 30000;

export async function inventoryTab(main, user, cluster) {
  let stopped = false;
  let timer = null;
  // The agent reports again when something changes (at most every 30 s): read it again as often.
  async function refresh() {
    await render(main, cluster);
    if (!stopped) timer = setTimeout(refresh, REFRESH_MS);
  }
  await refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

async function render(main, cluster) {
  let inventory;
  try {
    inventory = await api(`/api/v1/clusters/${cluster.id}/inventory`);
  } catch (e) {
    main.innerHTML = e.status === 404
      ? '<p id="no-inventory">No inventory yet: the agent reports one soon after it connects.</p>'
      : problem(e);
    return;
  }
  const pods = inventory.pods || {};
  main.innerHTML = `
    <h2 class="h5">Inventory</h2>
    <p class="small text-body-secondary">Observed ${esc(when(inventory.observedAt))}; Kubernetes ${esc(inventory.kubernetesVersion || '—')},
      provider ${esc(inventory.detectedProvider || '—')}${inventory.metricsAvailable === false ? '; no metrics server, so no usage' : ''}.</p>
    <p>Pods: ${esc(pods.total ?? 0)} (running ${esc(pods.running ?? 0)}, pending ${esc(pods.pending ?? 0)}, failed
      ${esc(pods.failed ?? 0)}, restarts ${esc(pods.restarts ?? 0)}).</p>
    <h3 class="h6">Nodes (${esc(inventory.nodes.length)})</h3>
    <div class="table-responsive"><table class="table table-sm align-middle" id="nodes">
      <caption class="visually-hidden">Nodes</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Conditions</th><th scope="col">Capacity</th>
        <th scope="col">Allocatable</th><th scope="col">Instance type</th><th scope="col">Zone</th><th scope="col">Kubelet</th></tr></thead>
      <tbody>${inventory.nodes.map((n) => `<tr data-node="${esc(n.name)}"><th scope="row">${esc(n.name)}${n.unschedulable ? ' <span class="badge text-bg-secondary">cordoned</span>' : ''}</th>
        <td>${(n.conditions || []).map(condition).join('')}</td><td>${resources(n.capacity)}</td><td>${resources(n.allocatable)}</td>
        <td>${esc(n.instanceType || '—')}</td><td>${esc(n.zone || n.region || '—')}</td><td>${esc(n.kubeletVersion || '—')}</td></tr>`).join('')}</tbody>
    </table></div>
    <h3 class="h6">Namespaces (${esc(inventory.namespaces.length)})</h3>
    <div class="table-responsive"><table class="table table-sm" id="namespaces">
      <caption class="visually-hidden">Namespaces</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Phase</th><th scope="col">Pods</th><th scope="col">Requests</th><th scope="col">Labels</th></tr></thead>
      <tbody>${inventory.namespaces.map((n) => `<tr data-namespace="${esc(n.name)}"><th scope="row">${esc(n.name)}</th><td>${esc(n.phase || '—')}</td>
        <td>${esc(n.pods ?? 0)}</td><td>${resources(n.requests)}</td>
        <td>${Object.entries(n.labels || {}).map(([k, v]) => `<code>${esc(k)}=${esc(v)}</code>`).join(' ')}</td></tr>`).join('')}</tbody>
    </table></div>`;
}
