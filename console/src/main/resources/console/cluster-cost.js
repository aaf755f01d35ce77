// A cluster's cost over a chosen window, grouped by namespace, node, workload or a label's value: an ECharts bar
// chart of the groups' totals (split into CPU, memory, GPU, storage and idle), the table of the same rows, and the
// API's own CSV of the report as a download.
import { api, esc, problem, download } from './api.js';

const WINDOWS = [['24h', 'Last 24 hours'], ['7d', 'Last 7 days'], ['30d', 'Last 30 days'], ['custom', 'From … to …']];
const PARTS = [['cpuCost', 'CPU', '#0d6efd'], ['memoryCost', 'Memory', '#6f42c1'], ['gpuCost', 'GPU', '#d63384'],
  ['storageCost', 'Storage', '#fd7e14'], ['idleCost', 'Idle', '#adb5bd']];

function money(amount, currency) {
  if (amount == null) return '—';
  try {
    return Number(amount).toLocaleString(undefined, { style: 'currency', currency: currency || 'USD', maximumFractionDigits: 4 });
  } catch (e) {
    return Number(amount).toFixed(4) + ' ' + (currency || '');
  }
}

function percent(value) {
  return value == null ? '—' : Math.round(value * 100) + ' %';
}

export async function costTab(main, user, cluster) {
  const choice = { aggregate: 'namespace', label: '', window: '7d', from: '', to: '' };
  let chart = null;

  main.innerHTML = `
    <h2 class="h5">Cost</h2>
    <form class="row g-2 align-items-end mb-3" id="cost-form" aria-label="Cost report">
      <div class="col-auto"><label class="form-label" for="c-aggregate">Group by</label>
        <select class="form-select" id="c-aggregate" name="aggregate">
          <option value="namespace">Namespace</option><option value="node">Node</option>
          <option value="workload">Workload</option><option value="label">Label</option></select></div>
      <div class="col-auto"><label class="form-label" for="c-label">Label key</label>
        <input class="form-control" id="c-label" name="label" placeholder="team" aria-describedby="c-label-help">
        <div class="form-text" id="c-label-help">For grouping by label.</div></div>
      <div class="col-auto"><label class="form-label" for="c-window">Window</label>
        <select class="form-select" id="c-window" name="window">${WINDOWS.map(([v, t]) =>
          `<option value="${v}"${v === choice.window ? ' selected' : ''}>${esc(t)}</option>`).join('')}</select></div>
      <div class="col-auto"><label class="form-label" for="c-from">From (UTC date)</label>
        <input class="form-control" type="date" id="c-from" name="from"></div>
      <div class="col-auto"><label class="form-label" for="c-to">To (UTC date, exclusive)</label>
        <input class="form-control" type="date" id="c-to" name="to"></div>
      <div class="col-auto"><button class="btn btn-outline-primary" type="submit" id="cost-apply">Show</button></div>
      <div class="col-auto"><button class="btn btn-outline-secondary" type="button" id="cost-csv">Download CSV</button></div>
    </form>
    <div id="cost-error"></div>
    <p id="cost-summary" aria-live="polite"></p>
    <div id="cost-chart" style="height: 320px" role="img" aria-label="Cost by group, as a stacked bar chart; the same figures follow as a table"></div>
    <div class="table-responsive"><table class="table table-sm" id="cost-table">
      <caption class="visually-hidden">Cost by group</caption>
      <thead><tr><th scope="col">Group</th>${PARTS.map(([, t]) => `<th scope="col" class="text-end">${t}</th>`).join('')}
        <th scope="col" class="text-end">Total</th><th scope="col" class="text-end">Efficiency</th>
        <th scope="col" class="text-end">CPU core-hours</th><th scope="col" class="text-end">Memory GiB-hours</th></tr></thead>
      <tbody></tbody></table></div>`;

  function parameters() {
    const q = new URLSearchParams();
    q.set('aggregate', choice.aggregate === 'label' ? 'label:' + choice.label : choice.aggregate);
    if (choice.window === 'custom') {
      if (choice.from) q.set('from', choice.from);
      if (choice.to) q.set('to', choice.to);
    } else {
      q.set('window', choice.window);
    }
    return q;
  }

  async function load() {
    const error = main.querySelector('#cost-error');
    error.innerHTML = '';
    let report;
    try {
      report = await api(`/api/v1/clusters/${cluster.id}/cost?` + parameters());
    } catch (e) {
      error.innerHTML = problem(e);
      return;
    }
    const rows = [...report.rows].sort((a, b) => b.totalCost - a.totalCost);
    const total = (report.totals || [])[0];
    main.querySelector('#cost-summary').innerHTML = total
      ? `Total <strong id="cost-total">${esc(money(total.totalCost, total.currency))}</strong> from ${esc(new Date(report.from).toLocaleString())}
         to ${esc(new Date(report.to).toLocaleString())}, efficiency ${esc(percent(total.efficiency))}.`
      : 'No cost in this window yet.';
    main.querySelector('#cost-table tbody').innerHTML = rows.length === 0
      ? '<tr><td colspan="10">No cost in this window.</td></tr>'
      : rows.map((r) => `<tr data-group="${esc(r.name)}"><th scope="row">${esc(r.name)}</th>
        ${PARTS.map(([k]) => `<td class="text-end">${esc(money(r[k], r.currency))}</td>`).join('')}
        <td class="text-end fw-bold">${esc(money(r.totalCost, r.currency))}</td><td class="text-end">${esc(percent(r.efficiency))}</td>
        <td class="text-end">${esc(Number(r.cpuCoreHours || 0).toFixed(2))}</td>
        <td class="text-end">${esc(Number(r.memoryGibHours || 0).toFixed(2))}</td></tr>`).join('');
    if (window.echarts) {
      chart = chart || window.echarts.init(main.querySelector('#cost-chart'));
      const names = rows.map((r) => r.name).reverse();
      chart.setOption({
        animation: false,
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0 },
        grid: { left: 160, right: 30, top: 30, bottom: 30 },
        xAxis: { type: 'value', name: total ? total.currency : '' },
        yAxis: { type: 'category', data: names },
        // Idle is a share of the CPU and memory costs already stacked (the __idle__ group is nothing else), so the
        // chart stacks the resources only; the table shows idle apart.
        series: PARTS.filter(([key]) => key !== 'idleCost').map(([key, title, colour]) => ({
          name: title, type: 'bar', stack: 'cost', itemStyle: { color: colour },
          data: rows.map((r) => r[key] || 0).reverse(),
        })),
      }, true);
    }
  }

  main.querySelector('#cost-form').addEventListener('submit', (event) => {
    event.preventDefault();
    new FormData(event.target).forEach((value, key) => { choice[key] = String(value).trim(); });
    load();
  });
  main.querySelector('#cost-csv').addEventListener('click', async () => {
    const error = main.querySelector('#cost-error');
    error.innerHTML = '';
    const q = parameters();
    q.set('format', 'csv');
    try {
      await download(`/api/v1/clusters/${cluster.id}/cost?` + q, 'text/csv', `${cluster.name}-cost.csv`);
    } catch (e) {
      error.innerHTML = problem(e);
    }
  });
  await load();
  return () => {
    if (chart) chart.dispose();
  };
}
