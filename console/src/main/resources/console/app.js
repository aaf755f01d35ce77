// The console's shell: sign-in, the header, and a hash router (#/fleet, #/import, #/clusters/<id>[/<tab>],
// #/profiles, #/alerts[/<project>[/webhooks/<id>]]) so that the gateway serves one page and needs no fallback route.
import { loadConfig, completeSignIn, currentUser, signIn, signOut, forgetToken } from './auth.js';
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

/** Counts the routes taken: a page still loading when the user goes elsewhere knows it is no longer shown. */
let shown = 0;

async function route(config, user) {
  const mine = ++shown;
  dispose();
  dispose = () => {};
  const hash = window.location.hash || '#/fleet';
  const cluster = hash.match(/^#\/clusters\/([0-9a-f-]+)(?:\/([a-z-]+))?$/);
  document.querySelectorAll('nav .nav-link').forEach((a) => a.removeAttribute('aria-current'));
  let stop;
  try {
    if (hash === '#/import' && user.canWrite) {
      document.getElementById('nav-import').setAttribute('aria-current', 'page');
      stop = await importPage(main, user);
    } else if (cluster) {
      stop = await clusterPage(main, user, cluster[1], cluster[2] || 'overview');
    } else if (hash.startsWith('#/profiles')) {
      document.getElementById('nav-profiles').setAttribute('aria-current', 'page');
      stop = await profilesPage(main, user);
    } else if (hash.startsWith('#/alerts')) {
      document.getElementById('nav-alerts').setAttribute('aria-current', 'page');
      stop = await alertsPage(main, user);
    } else {
      document.getElementById('nav-fleet').setAttribute('aria-current', 'page');
      stop = await fleetPage(main, user);
    }
  } catch (error) {
    // A page left while it loaded may trip over the page that replaced it: that is not the console failing.
    if (mine === shown) throw error;
    return;
  }
  if (mine !== shown) {
    if (stop) stop();
    return;
  }
  dispose = stop || dispose;
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
    forgetToken();
    signIn(config);
  });
  document.getElementById('who').textContent = `${user.name} (${user.role}${user.projects.length ? ': ' + user.projects.join(', ') : ''})`;
  document.body.dataset.role = user.role;
  document.querySelectorAll('[data-requires="write"]').forEach((e) => { e.hidden = !user.canWrite; });
  const out = document.getElementById('sign-out');
  out.hidden = false;
  out.addEventListener('click', () => signOut(config).catch(showError));
  window.addEventListener('hashchange', () => route(config, user).catch(showError));
  await route(config, user);
}

start().catch(showError);
