// A cluster's Kubernetes events: the deduplicated log newest first, filtered and paged, and live as entries arrive.
// Live is the API's Server-Sent Events stream read with fetch(), which (unlike EventSource) carries the
// Authorization header; when the stream ends (its token expired, the gateway closed it) the console reconnects, and
// when it is refused (at most 5 streams a caller, or the instance is full) it says so and polls the first page
// instead; when the cluster is deleted the stream says so and ends, and so does the live view.
import { api, esc, when, problem, stream } from './api.js';

const POLL_MS = 10000;
const RECONNECT_MS = 3000;
const FILTERS = ['type', 'reason', 'namespace', 'objectKind', 'objectName'];

export async function eventsTab(main, user, cluster) {
  const id = cluster.id;
  const filters = { type: '', reason: '', namespace: '', objectKind: '', objectName: '', from: '' };
  const entries = new Map();
  let cursor = null;
  let stopped = false;
  let controller = null;
  let timer = null;

  main.innerHTML = `
    <h2 class="h5">Events</h2>
    <form class="row g-2 align-items-end mb-3" id="event-filters" aria-label="Filter events">
      <div class="col-auto"><label class="form-label" for="e-type">Type</label>
        <select class="form-select" id="e-type" name="type"><option value="">Any</option><option value="Normal">Normal</option><option value="Warning">Warning</option></select></div>
      <div class="col-auto"><label class="form-label" for="e-reason">Reason</label>
        <input class="form-control" id="e-reason" name="reason" placeholder="BackOff"></div>
      <div class="col-auto"><label class="form-label" for="e-namespace">Namespace</label>
        <input class="form-control" id="e-namespace" name="namespace"></div>
      <div class="col-auto"><label class="form-label" for="e-kind">Object kind</label>
        <input class="form-control" id="e-kind" name="objectKind" placeholder="Pod"></div>
      <div class="col-auto"><label class="form-label" for="e-name">Object name</label>
        <input class="form-control" id="e-name" name="objectName"></div>
      <div class="col-auto"><label class="form-label" for="e-from">Since (local time)</label>
        <input class="form-control" type="datetime-local" id="e-from" name="from"></div>
      <div class="col-auto"><button class="btn btn-outline-primary" type="submit">Apply</button></div>
    </form>
    <p class="small" id="live-state" aria-live="polite"></p>
    <div id="events-error"></div>
    <div class="table-responsive">
      <table class="table table-sm align-middle" id="events">
        <caption class="visually-hidden">Events, newest first</caption>
        <thead><tr><th scope="col">Last seen</th><th scope="col">Type</th><th scope="col">Reason</th>
          <th scope="col">Object</th><th scope="col">Message</th><th scope="col">Count</th><th scope="col">First seen</th></tr></thead>
        <tbody></tbody>
      </table>
    </div>
    <button class="btn btn-outline-secondary btn-sm" type="button" id="older" hidden>Older events</button>`;
  const tbody = main.querySelector('#events tbody');
  const liveState = main.querySelector('#live-state');

  function render() {
    const sorted = [...entries.values()].sort((a, b) => String(b.lastSeen).localeCompare(String(a.lastSeen)));
    tbody.innerHTML = sorted.length === 0
      ? '<tr><td colspan="7">No event matches.</td></tr>'
      : sorted.map((e) => `<tr data-event="${esc(e.id)}"${e.type === 'Warning' ? ' class="table-warning"' : ''}>
        <td><time datetime="${esc(e.lastSeen)}">${esc(when(e.lastSeen))}</time></td><td>${esc(e.type)}</td>
        <td>${esc(e.reason)}</td><td>${esc(e.objectKind)} ${e.namespace ? esc(e.namespace) + '/' : ''}${esc(e.objectName)}</td>
        <td>${esc(e.message || '')}</td><td>${esc(e.count)}</td><td>${esc(when(e.firstSeen))}</td></tr>`).join('');
  }

  function query(withCursor) {
    const q = new URLSearchParams();
    FILTERS.forEach((k) => { if (filters[k]) q.set(k, filters[k]); });
    if (withCursor) {
      if (filters.from) q.set('from', new Date(filters.from).toISOString());
      q.set('limit', '50');
      if (cursor) q.set('cursor', cursor);
    }
    return q;
  }

  async function loadPage(more) {
    const page = await api(`/api/v1/clusters/${id}/events?` + query(true));
    if (stopped) return;
    if (!more) entries.clear();
    page.items.forEach((e) => entries.set(e.id, e));
    cursor = page.nextCursor || null;
    main.querySelector('#older').hidden = !cursor;
    render();
  }

  function poll() {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (stopped) return;
      try {
        cursor = null;
        await loadPage(false);
      } catch (e) {
        main.querySelector('#events-error').innerHTML = problem(e);
      }
      poll();
    }, POLL_MS);
  }

  async function live() {
    controller = new AbortController();
    const mine = controller;
    let deleted = false;
    try {
      await stream(`/api/v1/clusters/${id}/events/stream?` + query(false), mine.signal, (name, data) => {
        if (name === 'ready') {
          liveState.innerHTML = '<span class="badge text-bg-success">Live</span> New events appear as they arrive.';
        } else if (name === 'event') {
          const entry = JSON.parse(data);
          if (filters.from && String(entry.lastSeen) < new Date(filters.from).toISOString()) return;
          entries.set(entry.id, entry);
          render();
        } else if (name === 'deleted') {
          deleted = true;
        }
      });
      if (stopped || mine.signal.aborted) return;
      // The service ends a deleted cluster's stream after saying so: there is nothing to reconnect to.
      if (deleted) {
        liveState.innerHTML = '<span class="badge text-bg-secondary">Deleted</span> The cluster was deleted: its'
          + ' event log no longer changes.';
        return;
      }
      liveState.textContent = 'The live stream ended; reconnecting.';
    } catch (e) {
      if (stopped || mine.signal.aborted) return;
      if (e.status === 404) {
        liveState.textContent = 'Not live: the cluster is gone (' + e.message + ').';
        return;
      }
      if (e.status === 429 || e.status === 400 || e.status === 503) {
        liveState.textContent = 'Not live (' + e.message + '): the list is read again every ' + POLL_MS / 1000 + ' s.';
        poll();
        return;
      }
      liveState.textContent = 'The live stream was interrupted (' + e.message + '); reconnecting.';
    }
    // What arrived while the stream was down is in the log: read the first page again, then listen again.
    timer = setTimeout(async () => {
      if (stopped) return;
      cursor = null;
      await loadPage(false).catch((e) => { main.querySelector('#events-error').innerHTML = problem(e); });
      if (!stopped) live();
    }, RECONNECT_MS);
  }

  async function restart() {
    if (controller) controller.abort();
    clearTimeout(timer);
    main.querySelector('#events-error').innerHTML = '';
    cursor = null;
    try {
      await loadPage(false);
    } catch (e) {
      main.querySelector('#events-error').innerHTML = problem(e);
      return;
    }
    liveState.textContent = 'Connecting the live stream…';
    live();
  }

  main.querySelector('#event-filters').addEventListener('submit', (event) => {
    event.preventDefault();
    new FormData(event.target).forEach((value, key) => { filters[key] = String(value).trim(); });
    restart();
  });
  main.querySelector('#older').addEventListener('click', () =>
    loadPage(true).catch((e) => { main.querySelector('#events-error').innerHTML = problem(e); }));
  await restart();
  return () => {
    stopped = true;
    clearTimeout(timer);
    if (controller) controller.abort();
  };
}
