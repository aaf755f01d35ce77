// The console's shell: sign-in, the header, and a hash router (#/fleet, #/import, #/clusters/<id>[/<tab>],
// #/profiles, #/alerts[/<project>[/webhooks/<id>]]) so that the gateway serves one page and needs no fallback route.
import { loadConfig, completeSignIn, currentUser, signIn, signOut } from './auth.js';
import { useToken, esc } from './api.js';
import { fleetPage } from './fleet.js';
import { importPage } from './import.js';
import { clusterPage } from './cluster.js';
import { profilesPage } from './profiles.js';
import { alertsPage } from './alerts.js';

const main = document.getElementById('main');
let dispose = () => {};

function showError(error) {
  main.innerHTML = `<div class="alert alert-danger" role="alert"><h1 class="h5">The console could not start</h1>
    <p class="mb-0">${esc(error.message)}</p></div>`;
}

async function route(config, user) {
  dispose();
  dispose = () => {};
  const hash = window.location.hash || '#/fleet';
  const cluster = hash.match(/^#\/clusters\/([0-9a-f-]+)(?:\/([a-z-]+))?$/);
  document.querySelectorAll('nav .nav-link').forEach((a) => a.removeAttribute('aria-current'));
  if (hash === '#/import' && user.canWrite) {
    document.getElementById('nav-import').setAttribute('aria-current', 'page');
    dispose = await importPage(main, user) || dispose;
  } else if (cluster) {
    dispose = await clusterPage(main, user, cluster[1], cluster[2] || 'overview') || dispose;
  } else if (hash.startsWith('#/profiles')) {
    document.getElementById('nav-profiles').setAttribute('aria-current', 'page');
    dispose = await profilesPage(main, user) || dispose;
  } else if (hash.startsWith('#/alerts')) {
    document.getElementById('nav-alerts').setAttribute('aria-current', 'page');
    dispose = await alertsPage(main, user) || dispose;
  } else {
    document.getElementById('nav-fleet').setAttribute('aria-current', 'page');
    dispose = await fleetPage(main, user) || dispose;
  }
  main.focus({ preventScroll: true });
}

async function start() {
  const config = await loadConfig();
  await completeSignIn(config);
  const user = currentUser(config);
  if (!user) {
    await signIn(config);
    return;
  }
  useToken(user.token, () => {
    signOut();
    signIn(config);
  });
  document.getElementById('who').textContent = `${user.name} (${user.role}${user.projects.length ? ': ' + user.projects.join(', ') : ''})`;
  document.body.dataset.role = user.role;
  document.querySelectorAll('[data-requires="write"]').forEach((e) => { e.hidden = !user.canWrite; });
  const out = document.getElementById('sign-out');
  out.hidden = false;
  out.addEventListener('click', () => {
    signOut();
    window.location.assign('/');
  });
  window.addEventListener('hashchange', () => route(config, user).catch(showError));
  await route(config, user);
}

start().catch(showError);
