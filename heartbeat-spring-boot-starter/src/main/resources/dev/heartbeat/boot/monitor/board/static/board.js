/*
 * The status board: reads the monitor's heartbeats endpoint every few seconds and shows each app,
 * expandable to its instances (the processes); its buttons call the endpoint's write operations.
 * No framework, no build step.
 *
 * Everything that comes from the endpoint is user data (process ids, app names, health codes):
 * it only ever reaches the page through textContent and attribute values, never as markup.
 *
 * Large fleets: the endpoint lists every app but at most `limit` processes. While the list of
 * processes is complete, an app's instances come from it; once it is cut, an expanded app's
 * instances are read with ?app=<app>, and only for the apps that are expanded.
 */
'use strict';

(() => {
  const STATES = ['STARTING', 'UP', 'DEGRADED', 'PAUSED', 'LATE', 'DEAD', 'STOPPED'];
  // apps in trouble first, then by name (the endpoint's order)
  const APP_ORDER = ['DEAD', 'DEGRADED', 'STARTING', 'PAUSED', 'UP', 'STOPPED'];
  const SNOOZE = 'PT10M';
  // the group of the processes whose beats carry no app
  const NO_APP = '';
  const READ_ONLY = 'Writes are not granted: set management.endpoint.heartbeats.access=unrestricted '
    + 'to pause, resume and snooze from here.';

  const body = document.body;
  const meta = (name) => {
    const node = document.querySelector('meta[name="' + name + '"]');
    return node ? node.content : '';
  };
  const config = {
    api: body.dataset.api || '',
    writes: body.dataset.writes === 'true',
    refresh: Math.max(500, parseInt(body.dataset.refresh, 10) || 2000),
    problem: body.dataset.problem || '',
    // the CSRF token the server rendered into the page (Spring Security's), if any
    csrfHeader: meta('_csrf_header'),
    csrfToken: meta('_csrf'),
  };

  const $ = (id) => document.getElementById(id);
  const ui = {
    status: $('board-status'),
    problem: $('board-problem'),
    readonly: $('board-readonly'),
    blind: $('board-blind'),
    message: $('board-message'),
    counts: $('counts'),
    state: $('filter-state'),
    app: $('filter-app'),
    expandAll: $('expand-all'),
    collapseAll: $('collapse-all'),
    rows: $('app-rows'),
    instancesTemplate: $('instances-template'),
    empty: $('board-empty'),
    apiLink: $('board-api'),
  };

  // app name -> { tr, cells, detail, data }; detail is the row that holds its instances, or null
  const appRows = new Map();
  // process id -> { tr, cells, data }
  const processRows = new Map();
  // the apps whose instances are shown; while a state filter is set, every app is, but those closed
  const open = new Set();
  const closed = new Set();
  // for a cut list: app name -> its instances, read with ?app=
  const instancesRead = new Map();
  const apps = new Set();
  const filters = { state: '', app: '' };
  // the last listing, and whether every process in it is complete
  let last = null;
  // the server's clock minus the browser's, so that ages are right even if the two disagree
  let clockOffset = 0;
  let loading = false;
  let timer = null;
  let messageTimer = null;

  // ---------- helpers ----------

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function show(node, visible) {
    node.hidden = !visible;
  }

  function serverNow() {
    return Date.now() + clockOffset;
  }

  function duration(millis) {
    const ms = Math.max(0, millis);
    if (ms < 10000) {
      return (ms / 1000).toFixed(1) + 's';
    }
    const s = Math.floor(ms / 1000);
    if (s < 60) {
      return s + 's';
    }
    const pad = (n) => String(n).padStart(2, '0');
    if (s < 3600) {
      return Math.floor(s / 60) + 'm ' + pad(s % 60) + 's';
    }
    if (s < 86400) {
      return Math.floor(s / 3600) + 'h ' + pad(Math.floor((s % 3600) / 60)) + 'm';
    }
    return Math.floor(s / 86400) + 'd ' + Math.floor((s % 86400) / 3600) + 'h';
  }

  function clock(iso) {
    const time = Date.parse(iso);
    return Number.isNaN(time) ? '' : new Date(time).toLocaleTimeString();
  }

  function seconds(text) {
    const value = Number(text);
    if (!Number.isFinite(value)) {
      return text;
    }
    return value < 60 ? value + 's' : duration(value * 1000);
  }

  // the endpoint's URL, or one of its operations' (each segment encoded: process ids are data)
  function endpoint(...segments) {
    const base = config.api.replace(/\/+$/, '');
    const path = segments.map((segment) => '/' + encodeURIComponent(segment)).join('');
    return new URL(base + path, document.baseURI);
  }

  // the headers of every request: JSON, marked as a script's request (so that a security layer
  // answers 401 rather than a login page), and for writes the CSRF token: the page's, else the
  // XSRF-TOKEN cookie's (Spring Security's CookieCsrfTokenRepository)
  function headers(write) {
    const result = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
    if (write) {
      if (config.csrfHeader && config.csrfToken) {
        result[config.csrfHeader] = config.csrfToken;
      }
      else {
        const cookie = document.cookie.split('; ').find((entry) => entry.startsWith('XSRF-TOKEN='));
        if (cookie) {
          result['X-XSRF-TOKEN'] = decodeURIComponent(cookie.slice('XSRF-TOKEN='.length));
        }
      }
    }
    return result;
  }

  // a redirect (to a login page) is never followed: it is a refusal
  function refused(response) {
    return response.type === 'opaqueredirect' || response.status === 401 || response.status === 403;
  }

  function snoozed(item) {
    return Boolean(item.snoozedUntil) && Date.parse(item.snoozedUntil) > serverNow();
  }

  function badge(state, extraClass) {
    const node = element('span', extraClass ? 'badge ' + extraClass : 'badge', state);
    node.dataset.state = state;
    return node;
  }

  function appLabel(app) {
    return app === NO_APP ? '(no app)' : app;
  }

  // ---------- banners ----------

  function problem(text) {
    ui.problem.textContent = text;
    show(ui.problem, Boolean(text));
  }

  // while the monitor cannot see some partitions, their verdicts wait: say so, and since when
  function renderSight(sight) {
    const blind = Boolean(sight && sight.blind);
    ui.blind.dataset.blind = String(blind);
    if (blind) {
      const partitions = sight.partitions.filter((p) => p.blind).map((p) => p.partition).join(', ');
      ui.blind.textContent = 'Blind since ' + clock(sight.blindSince) + ' (' + duration(serverNow() - Date.parse(sight.blindSince))
        + ') on partition(s) ' + partitions + ': this monitor cannot see their beats, so LATE and DEAD wait ('
        + sight.heldVerdicts + ' held) until it can.';
    }
    show(ui.blind, blind);
  }

  function message(kind, text) {
    ui.message.textContent = text;
    ui.message.className = 'banner banner-' + kind;
    ui.message.dataset.kind = kind;
    show(ui.message, true);
    clearTimeout(messageTimer);
    messageTimer = setTimeout(() => show(ui.message, false), kind === 'error' ? 15000 : 6000);
  }

  // ---------- filters and what is expanded ----------

  function readFilters() {
    const params = new URLSearchParams(location.hash.slice(1));
    const state = (params.get('state') || '').toUpperCase();
    filters.state = STATES.includes(state) ? state : '';
    filters.app = params.get('app') || '';
    if (filters.app) {
      apps.add(filters.app);
    }
    open.clear();
    params.getAll('open').forEach((app) => open.add(app));
  }

  function writeFilters() {
    const params = new URLSearchParams();
    if (filters.state) {
      params.set('state', filters.state);
    }
    if (filters.app) {
      params.set('app', filters.app);
    }
    [...open].sort().forEach((app) => params.append('open', app));
    const hash = params.toString();
    history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
  }

  function syncFilterControls() {
    ui.state.value = filters.state;
    const wanted = [''].concat([...apps].filter((app) => app !== NO_APP).sort());
    const present = [...ui.app.options].map((option) => option.value);
    if (wanted.join('\n') !== present.join('\n')) {
      ui.app.replaceChildren(...wanted.map((app) => {
        const option = element('option', null, app || 'all');
        option.value = app;
        return option;
      }));
    }
    ui.app.value = filters.app;
  }

  function setFilter(name, value) {
    filters[name] = value;
    closed.clear();
    writeFilters();
    syncFilterControls();
    refreshNow();
  }

  function toggle(app) {
    if (last && isOpen(app, last)) {
      open.delete(app);
      closed.add(app);
    }
    else {
      open.add(app);
      closed.delete(app);
    }
    writeFilters();
    if (last) {
      render(last);
    }
    refreshNow();
  }

  // whether an app shows its instances: expanded by hand, or every app when a state filter is
  // set and every matching process is at hand
  function isOpen(app, data) {
    return open.has(app) || (Boolean(filters.state) && !data.truncated && !closed.has(app));
  }

  // ---------- rendering: counts ----------

  function renderCounts(data) {
    const counts = data.counts || {};
    const total = STATES.reduce((sum, state) => sum + (counts[state] || 0), 0);
    const chips = STATES.map((state) => {
      const chip = element('button', 'count');
      chip.type = 'button';
      chip.id = 'count-' + state;
      chip.dataset.state = state;
      chip.setAttribute('aria-pressed', String(filters.state === state));
      chip.title = filters.state === state ? 'Show every state' : 'Show only ' + state;
      const dot = element('span', 'dot');
      dot.dataset.state = state;
      chip.append(dot, element('span', null, state), element('b', null, counts[state] || 0));
      return chip;
    });
    const all = element('button', 'count');
    all.type = 'button';
    all.id = 'count-ALL';
    all.dataset.state = '';
    all.setAttribute('aria-pressed', String(!filters.state));
    all.append(element('span', null, 'all'), element('b', null, total));
    ui.counts.replaceChildren(all, ...chips);
  }

  // ---------- rendering: apps ----------

  const APP_COLUMNS = ['app', 'state', 'live', 'by-state', 'reported', 'since', 'actions'];

  function createAppRow(app) {
    const tr = element('tr', 'app-row');
    tr.dataset.appRow = app;
    const cells = {};
    for (const name of APP_COLUMNS) {
      cells[name] = element('td', name);
      tr.append(cells[name]);
    }
    const expand = element('button', 'expand');
    expand.type = 'button';
    expand.dataset.action = 'expand';
    cells.name = element('span', 'name', appLabel(app));
    expand.append(element('span', 'chevron'), cells.name);
    cells.app.append(expand);
    cells.expand = expand;
    const snooze = element('button', 'snooze');
    snooze.type = 'button';
    cells.actions.append(snooze);
    cells.snooze = snooze;
    if (app === NO_APP) {
      snooze.hidden = true;
    }
    return { tr, cells, detail: null, data: null };
  }

  function updateAppRow(row, a, expanded) {
    const { tr, cells } = row;
    row.data = a;
    tr.dataset.state = a.state;
    tr.dataset.open = String(expanded);
    cells.expand.setAttribute('aria-expanded', String(expanded));
    cells.expand.title = (expanded ? 'Hide' : 'Show') + ' the instances of ' + appLabel(a.app);

    const isSnoozed = snoozed(a);
    const stateParts = (a.app === NO_APP) ? [element('span', 'note', 'processes whose beats carry no app')]
      : [badge(a.state)];
    if (isSnoozed) {
      stateParts.push(element('span', 'note', 'snoozed until ' + clock(a.snoozedUntil)));
    }
    cells.state.replaceChildren(...stateParts);

    const liveParts = [element('b', null, a.live + ' / ' + a.instances)];
    const short = a.minInstances !== undefined && a.live < a.minInstances;
    if (short || a.minInstances > 1) {
      liveParts.push(element('span', short ? 'note short' : 'note', 'needs ' + a.minInstances));
    }
    cells.live.replaceChildren(...liveParts);

    const counts = a.counts || {};
    cells['by-state'].replaceChildren(...STATES.filter((state) => counts[state]).map((state) => {
      const part = element('span', 'tally');
      part.dataset.state = state;
      part.title = counts[state] + ' ' + state;
      const dot = element('span', 'dot');
      dot.dataset.state = state;
      part.append(dot, element('span', null, counts[state]));
      return part;
    }));

    if (a.reportedState) {
      const reportedParts = [badge(a.reportedState, 'reported')];
      if (a.reportedState !== a.state) {
        reportedParts.push(element('span', 'note', isSnoozed ? 'held back: snoozed' : 'held back: hold-time'));
      }
      cells.reported.replaceChildren(...reportedParts);
    }
    else {
      cells.reported.replaceChildren();
    }

    if (a.app !== NO_APP) {
      cells.snooze.dataset.action = isSnoozed ? 'unsnooze-app' : 'snooze-app';
      cells.snooze.textContent = isSnoozed ? 'Unsnooze' : 'Snooze 10m';
      if (!cells.snooze.dataset.busy) {
        cells.snooze.disabled = !config.writes;
      }
      cells.snooze.title = config.writes ? 'Hold back the events of the app (not of its instances)' : READ_ONLY;
    }
    updateAppTimes(row);
  }

  function updateAppTimes(row) {
    const a = row.data;
    if (!a || !a.since) {
      return;
    }
    row.cells.since.textContent = duration(serverNow() - Date.parse(a.since));
    row.cells.since.title = a.since;
  }

  // the detail row under an app's row, holding the table of its instances
  function ensureDetail(row) {
    if (!row.detail) {
      const tr = element('tr', 'instances');
      tr.dataset.instancesOf = row.tr.dataset.appRow;
      const td = element('td');
      td.colSpan = APP_COLUMNS.length;
      const table = ui.instancesTemplate.content.firstElementChild.cloneNode(true);
      td.append(table);
      tr.append(td);
      row.detail = { tr, tbody: table.tBodies[0], note: null };
    }
    return row.detail;
  }

  // ---------- rendering: processes ----------

  const PROCESS_COLUMNS = ['process', 'state', 'reported', 'last-beat', 'age', 'next-deadline', 'run-status',
    'health', 'actions'];

  function createProcessRow(process) {
    const tr = element('tr');
    tr.dataset.process = process;
    const cells = {};
    for (const name of PROCESS_COLUMNS) {
      cells[name] = element('td', name);
      tr.append(cells[name]);
    }
    cells.process.textContent = process;
    const toggleButton = element('button', 'toggle');
    toggleButton.type = 'button';
    const snooze = element('button', 'snooze');
    snooze.type = 'button';
    cells.actions.append(toggleButton, snooze);
    cells.toggle = toggleButton;
    cells.snooze = snooze;
    return { tr, cells, data: null };
  }

  function updateProcessRow(row, p, app) {
    const { tr, cells } = row;
    row.data = p;
    tr.dataset.state = p.state;
    tr.dataset.app = p.app || '';
    tr.dataset.runStatus = p.runStatus || '';
    cells.process.title = 'instance ' + (p.instance || '?') + ', seq ' + p.seq;

    const isSnoozed = snoozed(p);
    const stateParts = [badge(p.state)];
    if (isSnoozed) {
      stateParts.push(element('span', 'note', 'snoozed until ' + clock(p.snoozedUntil)));
    }
    // a dead instance of an app that has enough alive is replaced: it is not reminded of
    if (p.state === 'DEAD' && app && app.minInstances !== undefined && app.live >= app.minInstances) {
      const replaced = element('span', 'note', 'replaced');
      replaced.title = appLabel(app.app) + ' has ' + app.live + ' of the ' + app.minInstances
        + ' instances it needs alive: no reminders for this one';
      stateParts.push(replaced);
    }
    cells.state.replaceChildren(...stateParts);

    const reportedParts = [badge(p.reportedState, 'reported')];
    if (p.reportedState !== p.state) {
      reportedParts.push(element('span', 'note', isSnoozed ? 'held back: snoozed' : 'held back: hold-time'));
    }
    cells.reported.replaceChildren(...reportedParts);

    const [verb, secs] = String(p.lastBeat || '').split('/');
    const beatParts = [element('span', 'kind', verb)];
    if (secs !== undefined) {
      beatParts.push(element('span', 'note', (verb === 'start' ? 'warm-up ' : 'every ') + seconds(secs)));
    }
    cells['last-beat'].replaceChildren(...beatParts);
    cells['last-beat'].title = p.lastBeat + ' at ' + p.lastBeatAt;

    cells['run-status'].textContent = p.runStatus || '';
    cells.health.textContent = p.health || '';

    const paused = p.runStatus === 'PAUSED';
    cells.toggle.dataset.action = paused ? 'resume' : 'pause';
    cells.toggle.textContent = paused ? 'Resume' : 'Pause';
    cells.snooze.dataset.action = isSnoozed ? 'unsnooze' : 'snooze';
    cells.snooze.textContent = isSnoozed ? 'Unsnooze' : 'Snooze 10m';
    for (const button of [cells.toggle, cells.snooze]) {
      if (!button.dataset.busy) {
        button.disabled = !config.writes;
      }
      button.title = config.writes ? '' : READ_ONLY;
    }
    updateProcessTimes(row);
  }

  function updateProcessTimes(row) {
    const p = row.data;
    if (!p) {
      return;
    }
    const now = serverNow();
    const beatAt = Date.parse(p.lastBeatAt);
    row.cells.age.textContent = Number.isNaN(beatAt) ? '' : duration(now - beatAt);
    row.cells.age.title = p.lastBeatAt || '';
    let text = '—';
    let title = '';
    if (p.nextDeadline) {
      const which = p.nextDeadline === p.lateAt ? 'late' : 'dead';
      const left = Date.parse(p.nextDeadline) - now;
      text = left > 0 ? which + ' in ' + duration(left) : which + ' now';
      title = p.nextDeadline;
    }
    else if (p.state === 'DEAD' && p.deadAt) {
      text = 'dead for ' + duration(now - Date.parse(p.deadAt));
      title = p.deadAt;
    }
    row.cells['next-deadline'].textContent = text;
    row.cells['next-deadline'].title = title;
  }

  // put a row where the cursor is, moving it only when it is out of place (so that focus and hover
  // survive a refresh); returns the cursor for the next row
  function place(parent, node, cursor) {
    if (node !== cursor) {
      parent.insertBefore(node, cursor);
    }
    return node.nextSibling;
  }

  function renderInstances(row, processes, app, seen) {
    const detail = ensureDetail(row);
    let index = 0;
    for (const p of processes) {
      seen.add(p.process);
      let processRow = processRows.get(p.process);
      if (!processRow) {
        processRow = createProcessRow(p.process);
        processRows.set(p.process, processRow);
      }
      updateProcessRow(processRow, p, app);
      if (detail.tbody.children[index] !== processRow.tr) {
        detail.tbody.insertBefore(processRow.tr, detail.tbody.children[index] || null);
      }
      index++;
    }
    while (detail.tbody.children.length > index) {
      detail.tbody.lastElementChild.remove();
    }
    if (processes.length === 0) {
      const loadingRow = element('tr', 'waiting');
      const td = element('td', null, instancesRead.has(row.tr.dataset.appRow) ? 'No instance matches.' : 'Reading its instances…');
      td.colSpan = PROCESS_COLUMNS.length;
      loadingRow.append(td);
      detail.tbody.append(loadingRow);
    }
  }

  // the apps to show, in order, each with its instances when they are at hand
  function appsOf(data) {
    const listed = (data.apps || []).slice();
    const byApp = new Map();
    for (const p of data.processes || []) {
      const app = p.app || NO_APP;
      if (!byApp.has(app)) {
        byApp.set(app, []);
      }
      byApp.get(app).push(p);
    }
    if (byApp.has(NO_APP) && !filters.app) {
      const loners = byApp.get(NO_APP);
      const counts = {};
      loners.forEach((p) => { counts[p.state] = (counts[p.state] || 0) + 1; });
      listed.push({ app: NO_APP, state: '', instances: loners.length,
        live: loners.filter((p) => ['STARTING', 'UP', 'DEGRADED', 'LATE', 'PAUSED'].includes(p.state)).length,
        counts });
    }
    const rank = (a) => (a.app === NO_APP) ? APP_ORDER.length : APP_ORDER.indexOf(a.state);
    const shown = (filters.state ? listed.filter((a) => (a.counts || {})[filters.state] > 0) : listed)
      .map((a, index) => ({ a, index }))
      .sort((x, y) => (rank(x.a) - rank(y.a)) || (x.index - y.index))
      .map((entry) => entry.a);
    return shown.map((a) => {
      let instances = null;
      if (!data.truncated) {
        instances = byApp.get(a.app) || [];
      }
      else if (instancesRead.has(a.app)) {
        instances = instancesRead.get(a.app);
      }
      return { app: a, instances };
    });
  }

  function render(data) {
    last = data;
    renderCounts(data);
    renderSight(data.sight);
    const shown = appsOf(data);
    const seenApps = new Set();
    const seenProcesses = new Set();
    let before = ui.rows.firstChild;
    for (const { app, instances } of shown) {
      seenApps.add(app.app);
      apps.add(app.app);
      let row = appRows.get(app.app);
      if (!row) {
        row = createAppRow(app.app);
        appRows.set(app.app, row);
      }
      const expanded = isOpen(app.app, data);
      updateAppRow(row, app, expanded);
      before = place(ui.rows, row.tr, before);
      if (expanded) {
        renderInstances(row, instances || [], app, seenProcesses);
        before = place(ui.rows, row.detail.tr, before);
      }
      else if (row.detail && row.detail.tr.parentNode) {
        if (before === row.detail.tr) {
          before = before.nextSibling;
        }
        row.detail.tr.remove();
      }
    }
    for (const [app, row] of appRows) {
      if (!seenApps.has(app)) {
        row.tr.remove();
        if (row.detail) {
          row.detail.tr.remove();
        }
        appRows.delete(app);
      }
    }
    for (const [process, row] of processRows) {
      if (!seenProcesses.has(process)) {
        row.tr.remove();
        processRows.delete(process);
      }
    }
    show(ui.empty, shown.length === 0);
    ui.expandAll.disabled = Boolean(data.truncated);
    ui.expandAll.title = data.truncated ? 'The fleet is too large to show every instance: expand one app at a time' : '';
    syncFilterControls();
    const appCount = (data.apps || []).length;
    const cut = data.truncated ? ' (' + data.limit + ' listed at once; expand an app to see its own)' : '';
    ui.status.textContent = 'Updated ' + new Date().toLocaleTimeString() + ' · ' + appCount
      + (appCount === 1 ? ' app' : ' apps') + ' · ' + data.total + ' processes tracked' + cut;
  }

  // ---------- reading ----------

  async function responseError(response) {
    let detail = '';
    try {
      const text = await response.text();
      try {
        const json = JSON.parse(text);
        detail = json.error && json.message ? json.message : (json.error || json.message || '');
      }
      catch (notJson) {
        detail = text.slice(0, 200);
      }
    }
    catch (unreadable) {
      detail = '';
    }
    return detail;
  }

  async function read(app) {
    const url = endpoint();
    if (filters.state) {
      url.searchParams.set('state', filters.state.toLowerCase());
    }
    if (app) {
      url.searchParams.set('app', app);
    }
    const sent = Date.now();
    const response = await fetch(url, { headers: headers(false), cache: 'no-store', redirect: 'manual' });
    if (response.type === 'opaqueredirect') {
      throw new Error('refused by the server\'s security (sign in, then reload this page)');
    }
    if (!response.ok) {
      const detail = await responseError(response);
      const hint = response.status === 404 ? ' (is the heartbeats endpoint exposed?)'
        : refused(response) ? ' (refused by the server\'s security)' : '';
      throw new Error('HTTP ' + response.status + hint + (detail ? ': ' + detail : ''));
    }
    const date = Date.parse(response.headers.get('Date') || '');
    if (!Number.isNaN(date)) {
      // the Date header has whole seconds: only a larger disagreement is a real one
      const offset = date + 500 - (sent + Date.now()) / 2;
      clockOffset = Math.abs(offset) > 1500 ? offset : 0;
    }
    return response.json();
  }

  async function load() {
    if (loading || !config.api) {
      return;
    }
    loading = true;
    try {
      const data = await read(filters.app);
      instancesRead.clear();
      if (data.truncated) {
        // the list is cut: read the instances of the expanded apps, each on its own
        const wanted = [...open].filter((app) => app !== NO_APP
          && (data.apps || []).some((a) => a.app === app));
        const lists = await Promise.all(wanted.map((app) => read(app)));
        wanted.forEach((app, i) => instancesRead.set(app, lists[i].processes || []));
      }
      render(data);
      problem('');
    }
    catch (error) {
      problem('Cannot read the heartbeats endpoint: ' + error.message);
      ui.status.textContent = 'Not updated since ' + new Date().toLocaleTimeString();
    }
    finally {
      loading = false;
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      await load();
      schedule();
    }, config.refresh);
  }

  function refreshNow() {
    clearTimeout(timer);
    load().then(schedule);
  }

  // ---------- writing ----------

  function describeDone(action, target, result) {
    switch (action) {
      case 'pause':
      case 'resume':
        return (action === 'pause' ? 'Pause' : 'Resume') + ' sent to ' + target + (result.signed ? ' (signed)' : ' (unsigned)')
          + '; its next beat shows it.';
      case 'snooze':
        return 'Events of ' + target + ' held back until ' + clock(result.until) + '.';
      case 'snooze-app':
        return 'Events of app ' + target + ' held back until ' + clock(result.until) + ' (its instances\' are not).';
      case 'unsnooze-app':
        return 'Events of app ' + target + ' are delivered again.';
      default:
        return 'Events of ' + target + ' are delivered again.';
    }
  }

  function operation(target, action) {
    switch (action) {
      case 'snooze':
        return endpoint(target, 'snooze', SNOOZE);
      case 'unsnooze':
        return endpoint(target, 'snooze', 'PT0S');
      case 'snooze-app':
        return endpoint('apps', target, 'snooze', SNOOZE);
      case 'unsnooze-app':
        return endpoint('apps', target, 'snooze', 'PT0S');
      default:
        return endpoint(target, action);
    }
  }

  async function act(target, action, button) {
    if (!config.writes) {
      message('error', READ_ONLY);
      return;
    }
    const verb = action.includes('snooze') ? 'snooze' : action;
    button.disabled = true;
    button.dataset.busy = 'true';
    try {
      const response = await fetch(operation(target, action), { method: 'POST', headers: headers(true), redirect: 'manual' });
      if (response.ok) {
        message('ok', describeDone(action, target, await response.json()));
      }
      else {
        const detail = await responseError(response);
        let why;
        if (response.status === 404 && verb === 'snooze') {
          why = target + ' is not tracked by this monitor';
        }
        else if (response.status === 404 || response.status === 405) {
          why = 'the server refused the write. ' + READ_ONLY;
        }
        else if (refused(response)) {
          why = 'refused by the server\'s security' + (response.status === 403 && detail ? ' (' + detail + ')' : '');
        }
        else {
          why = detail || 'no reason given';
        }
        const status = response.type === 'opaqueredirect' ? 'redirected to sign in' : 'HTTP ' + response.status;
        message('error', 'Could not ' + verb + ' ' + target + ' (' + status + '): ' + why);
      }
    }
    catch (error) {
      message('error', 'Could not ' + verb + ' ' + target + ': ' + error.message);
    }
    finally {
      delete button.dataset.busy;
      button.disabled = !config.writes;
      refreshNow();
    }
  }

  // ---------- wiring ----------

  function start() {
    if (config.problem) {
      problem(config.problem);
      ui.status.textContent = 'Nothing to show';
      show(ui.apiLink.parentElement, false);
      return;
    }
    ui.apiLink.href = endpoint().href;
    show(ui.readonly, !config.writes);
    readFilters();
    syncFilterControls();

    ui.state.addEventListener('change', () => setFilter('state', ui.state.value));
    ui.app.addEventListener('change', () => setFilter('app', ui.app.value));
    document.getElementById('filters').addEventListener('submit', (event) => event.preventDefault());
    ui.counts.addEventListener('click', (event) => {
      const chip = event.target.closest('button.count');
      if (chip) {
        setFilter('state', chip.dataset.state === filters.state ? '' : chip.dataset.state);
      }
    });
    ui.expandAll.addEventListener('click', () => {
      appRows.forEach((row, app) => open.add(app));
      writeFilters();
      if (last) {
        render(last);
      }
    });
    ui.collapseAll.addEventListener('click', () => {
      open.clear();
      writeFilters();
      if (last) {
        render(last);
      }
    });
    ui.rows.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-action]');
      if (!button || button.disabled) {
        return;
      }
      const processRow = button.closest('tr[data-process]');
      if (processRow) {
        act(processRow.dataset.process, button.dataset.action, button);
        return;
      }
      const appRow = button.closest('tr[data-app-row]');
      if (appRow && button.dataset.action === 'expand') {
        toggle(appRow.dataset.appRow);
      }
      else if (appRow) {
        act(appRow.dataset.appRow, button.dataset.action, button);
      }
    });
    window.addEventListener('hashchange', () => {
      readFilters();
      syncFilterControls();
      refreshNow();
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') {
        refreshNow();
      }
    });
    // ages and deadlines move on between two reads
    setInterval(() => {
      processRows.forEach(updateProcessTimes);
      appRows.forEach(updateAppTimes);
    }, 1000);
    refreshNow();
  }

  start();
})();
