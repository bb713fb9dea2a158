/*
 * The status board: reads the monitor's heartbeats endpoint every few seconds and shows each
 * process; its buttons call the endpoint's write operations. No framework, no build step.
 *
 * Everything that comes from the endpoint is user data (process ids, app names, health codes):
 * it only ever reaches the page through textContent and attribute values, never as markup.
 */
'use strict';

(() => {
  const STATES = ['STARTING', 'UP', 'DEGRADED', 'PAUSED', 'LATE', 'DEAD', 'STOPPED'];
  const SNOOZE = 'PT10M';
  const READ_ONLY = 'Writes are not granted: set management.endpoint.heartbeats.access=unrestricted '
    + 'to pause, resume and snooze from here.';

  const body = document.body;
  const config = {
    api: body.dataset.api || '',
    writes: body.dataset.writes === 'true',
    refresh: Math.max(500, parseInt(body.dataset.refresh, 10) || 2000),
    problem: body.dataset.problem || '',
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
    rows: $('process-rows'),
    empty: $('board-empty'),
    apiLink: $('board-api'),
  };

  // process id -> { tr, cells, data }
  const rows = new Map();
  const apps = new Set();
  const filters = { state: '', app: '' };
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

  // ---------- filters ----------

  function readFilters() {
    const params = new URLSearchParams(location.hash.slice(1));
    const state = (params.get('state') || '').toUpperCase();
    filters.state = STATES.includes(state) ? state : '';
    filters.app = params.get('app') || '';
    if (filters.app) {
      apps.add(filters.app);
    }
  }

  function writeFilters() {
    const params = new URLSearchParams();
    if (filters.state) {
      params.set('state', filters.state);
    }
    if (filters.app) {
      params.set('app', filters.app);
    }
    const hash = params.toString();
    history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
  }

  function syncFilterControls() {
    ui.state.value = filters.state;
    const wanted = [''].concat([...apps].sort());
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
    writeFilters();
    syncFilterControls();
    refreshNow();
  }

  // ---------- rendering ----------

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

  function createRow(process) {
    const tr = element('tr');
    tr.dataset.process = process;
    const cells = {};
    for (const name of ['process', 'app', 'state', 'reported', 'last-beat', 'age', 'next-deadline',
      'run-status', 'health', 'actions']) {
      cells[name] = element('td', name);
      tr.append(cells[name]);
    }
    cells.process.textContent = process;
    const toggle = element('button', 'toggle');
    toggle.type = 'button';
    const snooze = element('button', 'snooze');
    snooze.type = 'button';
    cells.actions.append(toggle, snooze);
    cells.toggle = toggle;
    cells.snooze = snooze;
    return { tr, cells, data: null };
  }

  function badge(state, extraClass) {
    const node = element('span', extraClass ? 'badge ' + extraClass : 'badge', state);
    node.dataset.state = state;
    return node;
  }

  function updateRow(row, p) {
    const { tr, cells } = row;
    row.data = p;
    tr.dataset.state = p.state;
    tr.dataset.app = p.app || '';
    tr.dataset.runStatus = p.runStatus || '';
    cells.process.title = 'instance ' + (p.instance || '?') + ', seq ' + p.seq;
    cells.app.textContent = p.app || '';

    const snoozed = p.snoozedUntil && Date.parse(p.snoozedUntil) > serverNow();
    const stateParts = [badge(p.state)];
    if (snoozed) {
      stateParts.push(element('span', 'note', 'snoozed until ' + clock(p.snoozedUntil)));
    }
    cells.state.replaceChildren(...stateParts);

    const reportedParts = [badge(p.reportedState, 'reported')];
    if (p.reportedState !== p.state) {
      reportedParts.push(element('span', 'note', snoozed ? 'held back: snoozed' : 'held back: hold-time'));
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
    cells.snooze.dataset.action = snoozed ? 'unsnooze' : 'snooze';
    cells.snooze.textContent = snoozed ? 'Unsnooze' : 'Snooze 10m';
    for (const button of [cells.toggle, cells.snooze]) {
      if (!button.dataset.busy) {
        button.disabled = !config.writes;
      }
      button.title = config.writes ? '' : READ_ONLY;
    }
    updateTimes(row);
  }

  function updateTimes(row) {
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

  function render(data) {
    renderCounts(data);
    renderSight(data.sight);
    const seen = new Set();
    const processes = data.processes || [];
    processes.forEach((p, index) => {
      seen.add(p.process);
      if (p.app) {
        apps.add(p.app);
      }
      let row = rows.get(p.process);
      if (!row) {
        row = createRow(p.process);
        rows.set(p.process, row);
      }
      updateRow(row, p);
      // move a row only when it is out of place, so that focus and hover survive a refresh
      if (ui.rows.children[index] !== row.tr) {
        ui.rows.insertBefore(row.tr, ui.rows.children[index] || null);
      }
    });
    for (const [process, row] of rows) {
      if (!seen.has(process)) {
        row.tr.remove();
        rows.delete(process);
      }
    }
    show(ui.empty, processes.length === 0);
    syncFilterControls();
    const shown = data.truncated ? ' (the first ' + data.limit + ')' : '';
    ui.status.textContent = 'Updated ' + new Date().toLocaleTimeString() + ' · ' + data.returned + ' shown' + shown
      + ' of ' + data.total + ' tracked';
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

  async function load() {
    if (loading || !config.api) {
      return;
    }
    loading = true;
    try {
      const url = endpoint();
      if (filters.state) {
        url.searchParams.set('state', filters.state.toLowerCase());
      }
      if (filters.app) {
        url.searchParams.set('app', filters.app);
      }
      const sent = Date.now();
      const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (!response.ok) {
        const detail = await responseError(response);
        const hint = response.status === 404 ? ' (is the heartbeats endpoint exposed?)'
          : (response.status === 401 || response.status === 403) ? ' (refused by the server\'s security)' : '';
        throw new Error('HTTP ' + response.status + hint + (detail ? ': ' + detail : ''));
      }
      const date = Date.parse(response.headers.get('Date') || '');
      if (!Number.isNaN(date)) {
        // the Date header has whole seconds: only a larger disagreement is a real one
        const offset = date + 500 - (sent + Date.now()) / 2;
        clockOffset = Math.abs(offset) > 1500 ? offset : 0;
      }
      render(await response.json());
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

  function describeDone(action, process, result) {
    switch (action) {
      case 'pause':
      case 'resume':
        return (action === 'pause' ? 'Pause' : 'Resume') + ' sent to ' + process + (result.signed ? ' (signed)' : ' (unsigned)')
          + '; its next beat shows it.';
      case 'snooze':
        return 'Events of ' + process + ' held back until ' + clock(result.until) + '.';
      default:
        return 'Events of ' + process + ' are delivered again.';
    }
  }

  async function act(process, action, button) {
    if (!config.writes) {
      message('error', READ_ONLY);
      return;
    }
    const verb = action === 'unsnooze' ? 'snooze' : action;
    const target = action === 'snooze' ? endpoint(process, verb, SNOOZE)
      : action === 'unsnooze' ? endpoint(process, verb, 'PT0S') : endpoint(process, verb);
    button.disabled = true;
    button.dataset.busy = 'true';
    try {
      const response = await fetch(target, { method: 'POST', headers: { Accept: 'application/json' } });
      if (response.ok) {
        message('ok', describeDone(action, process, await response.json()));
      }
      else {
        const detail = await responseError(response);
        let why;
        if (response.status === 404 && verb === 'snooze') {
          why = process + ' is not tracked by this monitor';
        }
        else if (response.status === 404 || response.status === 405) {
          why = 'the server refused the write. ' + READ_ONLY;
        }
        else if (response.status === 401 || response.status === 403) {
          why = 'refused by the server\'s security';
        }
        else {
          why = detail || 'no reason given';
        }
        message('error', 'Could not ' + verb + ' ' + process + ' (HTTP ' + response.status + '): ' + why);
      }
    }
    catch (error) {
      message('error', 'Could not ' + verb + ' ' + process + ': ' + error.message);
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
    ui.rows.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-action]');
      if (button && !button.disabled) {
        act(button.closest('tr').dataset.process, button.dataset.action, button);
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
    setInterval(() => rows.forEach(updateTimes), 1000);
    refreshNow();
  }

  start();
})();
