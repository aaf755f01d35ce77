// The add-on profile catalogue (#/profiles, #/profiles/<name>, #/profiles/<name>/<version>): the profiles with their
// versions and layers; for operators the rendered output of a version (it may hold configuration a viewer must not
// read, so the API refuses it to viewers and the console offers it to operators only) and publishing a new version.
import { api, esc, when, problem } from './api.js';

function layerSource(l) {
  if (l.chart) {
    const c = l.chart;
    const where = c.oci || (c.repository ? `${c.repository} ${c.name || ''} ${c.version || ''}` : 'uploaded archive');
    return `Helm chart: ${esc(where)}${c.archiveDigest ? ` <code class="small">${esc(c.archiveDigest.slice(0, 19))}…</code>` : ''}`;
  }
  return 'Manifests';
}

/** A version's layers as a publish request would carry them: the starting point of the next version. */
function asRequest(version) {
  return (version.layers || []).map((l) => {
    const layer = { name: l.name, namespace: l.namespace };
    if (l.manifests) layer.manifests = l.manifests;
    if (l.chart) {
      layer.chart = l.chart.oci ? { oci: l.chart.oci, version: l.chart.version }
        : l.chart.repository ? { repository: l.chart.repository, name: l.chart.name, version: l.chart.version }
          : { archive: '<base64 of the chart archive: uploaded archives are kept by digest only>' };
    }
    if (l.values && Object.keys(l.values).length) layer.values = l.values;
    if (l.adoptExisting) layer.adoptExisting = true;
    if (l.secretValues && l.secretValues.length) layer.secretValues = l.secretValues;
    return layer;
  });
}

function nextVersion(version) {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version || '');
  return m ? `${m[1]}.${m[2]}.${Number(m[3]) + 1}` : '1.0.0';
}

export async function profilesPage(main, user) {
  const [, name, version] = (window.location.hash.match(/^#\/profiles(?:\/([a-z0-9-]+))?(?:\/([^/]+))?$/) || []);
  main.innerHTML = `
    <div class="d-flex align-items-center mb-3"><h1 class="h3 me-auto mb-0">Add-on profiles</h1>
      ${user.canWrite ? '<button class="btn btn-primary" type="button" id="publish-open">Publish a version</button>' : ''}</div>
    <div id="profiles-error"></div>
    <div class="row">
      <section class="col-lg-4" aria-labelledby="catalogue-title"><h2 class="h5" id="catalogue-title">Catalogue</h2>
        <div class="list-group" id="profiles"></div>
        <button class="btn btn-outline-secondary btn-sm mt-2" type="button" id="more-profiles" hidden>More profiles</button></section>
      <section class="col-lg-8" id="profile-detail" aria-live="polite"></section>
    </div>
    <section id="publish" hidden aria-labelledby="publish-title" class="mt-3"></section>`;
  let cursor = null;

  async function loadProfiles(more) {
    try {
      const page = await api('/api/v1/addon-profiles?limit=50' + (more && cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
      cursor = page.nextCursor;
      const html = page.items.map((p) => `<a class="list-group-item list-group-item-action${p.name === name ? ' active" aria-current="true' : ''}"
        href="#/profiles/${esc(p.name)}" data-profile="${esc(p.name)}"><div class="d-flex justify-content-between"><strong>${esc(p.name)}</strong>
        <span class="badge text-bg-${p.type === 'infrastructure' ? 'dark' : 'primary'}">${esc(p.type)}</span></div>
        <div class="small">${esc(p.description || '')}</div>
        <div class="small">latest ${esc(p.latestVersion)}, ${esc(p.versionCount)} version${p.versionCount === 1 ? '' : 's'}</div></a>`).join('');
      const list = main.querySelector('#profiles');
      list.innerHTML = (more ? list.innerHTML : '') + (html || '<p>No profile is published yet.</p>');
      main.querySelector('#more-profiles').hidden = !cursor;
    } catch (e) {
      main.querySelector('#profiles-error').innerHTML = problem(e);
    }
  }

  async function showProfile() {
    const detail = main.querySelector('#profile-detail');
    if (!name) {
      detail.innerHTML = '<p class="mt-4">Choose a profile to see its versions and layers.</p>';
      return null;
    }
    let profile;
    let versions;
    try {
      [profile, versions] = await Promise.all([
        api(`/api/v1/addon-profiles/${name}`),
        api(`/api/v1/addon-profiles/${name}/versions?limit=100`),
      ]);
    } catch (e) {
      detail.innerHTML = problem(e);
      return null;
    }
    const chosen = version || profile.latestVersion;
    let shown;
    try {
      shown = await api(`/api/v1/addon-profiles/${name}/versions/${encodeURIComponent(chosen)}`);
    } catch (e) {
      detail.innerHTML = problem(e);
      return null;
    }
    detail.innerHTML = `
      <h2 class="h5" id="profile-title">${esc(profile.name)} <span class="small text-body-secondary">${esc(profile.type)}</span></h2>
      <p>${esc(profile.description || '')}</p>
      <nav aria-label="Versions of ${esc(profile.name)}"><ul class="nav nav-pills mb-3" id="versions">${versions.items.slice().reverse().map((v) =>
        `<li class="nav-item"><a class="nav-link${v.version === chosen ? ' active" aria-current="page' : ''}" href="#/profiles/${esc(name)}/${esc(v.version)}">${esc(v.version)}</a></li>`).join('')}</ul></nav>
      <p class="small">Version ${esc(shown.version)}, published by ${esc(shown.createdBy)} ${esc(when(shown.createdAt))};
        content <code>${esc((shown.contentHash || '').slice(0, 12))}</code>.</p>
      <div class="table-responsive"><table class="table table-sm" id="layers"><caption class="visually-hidden">Layers in apply order</caption>
        <thead><tr><th scope="col">Layer</th><th scope="col">Namespace</th><th scope="col">Source</th><th scope="col">Values</th><th scope="col">Objects</th></tr></thead>
        <tbody>${(shown.layers || []).map((l) => `<tr data-layer="${esc(l.name)}"><th scope="row">${esc(l.order)}. ${esc(l.name)}${l.adoptExisting ? ' <span class="badge text-bg-secondary">adopts existing</span>' : ''}</th>
          <td>${esc(l.namespace)}</td><td>${layerSource(l)}</td>
          <td>${l.values && Object.keys(l.values).length ? `<pre class="small mb-0">${esc(JSON.stringify(l.values, null, 1))}</pre>` : '—'}</td>
          <td class="small">${(l.objects || []).map((o) => `${esc(o.kind)} ${o.namespace ? esc(o.namespace) + '/' : ''}${esc(o.name)}`).join('<br>')}</td></tr>`).join('')}</tbody></table></div>
      ${user.canWrite ? `<button class="btn btn-secondary btn-sm" type="button" id="show-rendered">Show the rendered output</button>
        <div id="rendered" class="mt-2"></div>` : ''}`;
    detail.querySelector('#show-rendered')?.addEventListener('click', async () => {
      const out = detail.querySelector('#rendered');
      try {
        const layers = await api(`/api/v1/addon-profiles/${name}/versions/${encodeURIComponent(chosen)}/rendered`);
        out.innerHTML = layers.map((l) => `<h3 class="h6 mt-2">${esc(l.order)}. ${esc(l.name)} (${esc(l.namespace)})</h3>
          <pre class="border rounded p-2 small bg-body-tertiary rendered-layer" tabindex="0" aria-label="Rendered objects of layer ${esc(l.name)}">${
            esc((l.objects || []).map((o) => JSON.stringify(o, null, 2)).join('\n---\n'))}</pre>`).join('');
      } catch (e) {
        out.innerHTML = problem(e);
      }
    });
    return { profile, shown };
  }

  function openPublish(current) {
    const section = main.querySelector('#publish');
    section.hidden = false;
    const layers = current ? asRequest(current.shown) : [{ name: 'settings', namespace: 'default', manifests: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  key: value\n' }];
    section.innerHTML = `<h2 class="h5" id="publish-title">Publish a version</h2>
      <form id="publish-form" class="col-lg-10">
        <div class="row g-2">
          <div class="col-md-4"><label class="form-label" for="p-name">Profile name</label>
            <input class="form-control" id="p-name" name="name" required pattern="[a-z0-9\\-]{1,63}" value="${esc(current ? current.profile.name : '')}"></div>
          <div class="col-md-3"><label class="form-label" for="p-version">Version (Semantic Versioning)</label>
            <input class="form-control" id="p-version" name="version" required value="${esc(current ? nextVersion(current.profile.latestVersion) : '1.0.0')}"></div>
          <div class="col-md-3"><label class="form-label" for="p-type">Type</label>
            <select class="form-select" id="p-type" name="type">${['add-on', 'infrastructure'].map((t) =>
              `<option${current && current.profile.type === t ? ' selected' : ''}>${t}</option>`).join('')}</select></div>
        </div>
        <div class="mt-2"><label class="form-label" for="p-description">Description (optional)</label>
          <input class="form-control" id="p-description" name="description" value="${esc(current ? current.profile.description || '' : '')}"></div>
        <div class="mt-2"><label class="form-label" for="p-layers">Layers (JSON, in apply order)</label>
          <textarea class="form-control font-monospace" id="p-layers" name="layers" rows="12" aria-describedby="p-layers-help">${esc(JSON.stringify(layers, null, 2))}</textarea>
          <div class="form-text" id="p-layers-help">Each layer has a name, a namespace and either <code>manifests</code> (YAML) or a
            <code>chart</code> (repository, name and version; an OCI reference; or a base64 archive), with optional
            <code>values</code>, <code>secretValues</code> and <code>adoptExisting</code>. Publishing renders every chart layer.</div></div>
        <div class="mt-2 d-flex gap-2"><button class="btn btn-primary" type="submit" id="publish-submit">Publish</button>
          <button class="btn btn-secondary" type="button" id="publish-cancel">Cancel</button></div>
        <div id="publish-result" class="mt-2" aria-live="polite"></div>
      </form>`;
    section.querySelector('#publish-cancel').addEventListener('click', () => { section.hidden = true; });
    section.querySelector('#publish-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = new FormData(event.target);
      const out = section.querySelector('#publish-result');
      try {
        let parsedLayers;
        try {
          parsedLayers = JSON.parse(String(data.get('layers')));
        } catch (e) {
          throw new Error('The layers are not JSON: ' + e.message);
        }
        const request = {
          name: String(data.get('name')).trim(), version: String(data.get('version')).trim(),
          type: data.get('type'), layers: parsedLayers,
        };
        const description = String(data.get('description')).trim();
        if (description) request.description = description;
        const published = await api('/api/v1/addon-profiles', { method: 'POST', json: request });
        window.location.hash = `#/profiles/${published.name}/${published.version}`;
      } catch (e) {
        out.innerHTML = problem(e);
      }
    });
    section.querySelector('#p-name').focus();
  }

  main.querySelector('#more-profiles').addEventListener('click', () => loadProfiles(true));
  const [, current] = await Promise.all([loadProfiles(false), showProfile()]);
  main.querySelector('#publish-open')?.addEventListener('click', () => openPublish(current));
  return null;
}
