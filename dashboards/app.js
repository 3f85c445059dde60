// The dashboard: every figure comes from POST /graphql, sending the named operations in queries/*.graphql (the same
// documents BI tools use). Filters (county, period) re-run every panel. No framework: ES module + ECharts from npm.
import { texts } from './i18n.js';

const echarts = window.echarts;
const graphqlUrl = new URL('../graphql', window.location.href);
const fontFamily = '"WenQuanYi Zen Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';
const palette = ['#c0392b', '#e67e22', '#f1c40f', '#27ae60', '#2980b9', '#8e44ad', '#16a085', '#7f8c8d'];

// Access token (after JWT auth is enabled): open /dashboards/?token=… once; it is kept in sessionStorage (this tab
// only), removed from the address bar, and sent as a bearer token with every request.
const tokenKey = 'analytics.dashboards.token';
{
  const params = new URLSearchParams(window.location.search);
  if (params.has('token')) {
    sessionStorage.setItem(tokenKey, params.get('token'));
    params.delete('token');
    const query = params.toString();
    window.history.replaceState(null, '', window.location.pathname + (query ? `?${query}` : '') + window.location.hash);
  }
}
const authHeaders = () => {
  const token = sessionStorage.getItem(tokenKey);
  return token ? { Authorization: `Bearer ${token}` } : {};
};

const state = {
  lang: localStorage.getItem('analytics.dashboards.lang') === 'en' ? 'en' : 'zh',
  county: '', fromYear: null, toYear: null, years: [],
};
const t = (key, values = {}) => (texts[state.lang][key] ?? key).replace(/\{(\w+)\}/g, (_, name) => values[name] ?? '');
const label = (group, key) => texts[state.lang][group]?.[key] ?? key;
const $ = (id) => document.getElementById(id);
const pct = (x) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(2)}%`);
const num = (x, digits = 0) => (x === null || x === undefined ? '–' : Number(x).toLocaleString(state.lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const escapeHtml = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

class HttpError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

const documents = new Map();
async function operation(name) {
  if (!documents.has(name)) {
    documents.set(name, fetch(`queries/${name}.graphql`, { headers: authHeaders() }).then((r) => {
      if (!r.ok) throw new HttpError(r.status, `queries/${name}.graphql: HTTP ${r.status}`);
      return r.text();
    }));
  }
  return documents.get(name);
}

// Each operation's persisted-document id (sha256 of its file), so servers in allow-list mode run the page's requests.
let documentIds;
function documentId(name) {
  documentIds ??= fetch('queries/documents.json', { headers: authHeaders() }).then((r) => (r.ok ? r.json() : {}), () => ({}));
  return documentIds.then((ids) => ids[name]);
}

async function post(request) {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json', ...authHeaders() },
    body: JSON.stringify(request),
  });
  if (response.status === 401 || response.status === 403) throw new HttpError(response.status, t('needToken'));
  return { response, body: await response.json() };
}

async function gql(name, variables = {}) {
  const id = await documentId(name);
  let { response, body } = id
    ? await post({ documentId: id, operationName: name, variables })
    : await post({ query: await operation(name), operationName: name, variables });
  // A server that persists other documents than this page's (GraphQL:PersistedDocuments:Path elsewhere): send the text.
  if (id && body.errors?.some((e) => e.extensions?.code === 'DOCUMENT_NOT_FOUND')) {
    ({ response, body } = await post({ query: await operation(name), operationName: name, variables }));
  }
  if (body.errors?.length) throw new HttpError(response.status, body.errors.map((e) => e.message).join('; '));
  if (body.extensions?.warehouseBuiltAt) showBuiltAt(body.extensions.warehouseBuiltAt);
  return body.data;
}

// 数据截至: the latest day the data reaches (a Beijing date, shown as it is), beside when the file was built.
function showDataAsOf(date) {
  $('data-as-of').dateTime = date ?? '';
  $('data-as-of').textContent = date ?? '–';
}

function showBuiltAt(iso) {
  const el = $('built-at');
  el.dateTime = iso;
  el.textContent = new Date(iso).toLocaleString(state.lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', hour12: false }) + (state.lang === 'zh' ? '（北京时间）' : ' (Beijing time)');
}

const charts = new Map();
function chart(id, option) {
  let instance = charts.get(id);
  if (!instance) {
    instance = echarts.init($(id), null, { renderer: 'canvas' });
    charts.set(id, instance);
  }
  instance.setOption({ color: palette, textStyle: { fontFamily }, animation: false, ...option }, true);
  return instance;
}
window.addEventListener('resize', () => charts.forEach((c) => c.resize()));

const titleOf = (text) => ({ text, left: 'center', textStyle: { fontSize: 13, fontFamily } });
const percentAxis = { type: 'value', axisLabel: { formatter: (v) => `${Math.round(v * 100)}%` } };

function table(id, headers, rows, selectedIndex = -1) {
  $(id).innerHTML = `<thead><tr>${headers.map(([text, cls]) => `<th class="${cls ?? ''}">${escapeHtml(text)}</th>`).join('')}</tr></thead>`
    + `<tbody>${rows.map((cells, i) => `<tr class="${i === selectedIndex ? 'selected' : ''}">${cells.map(([text, cls]) => `<td class="${cls ?? ''}">${escapeHtml(text)}</td>`).join('')}</tr>`).join('')}</tbody>`;
}

const regionVariables = () => (state.county ? { region: state.county, level: 'COUNTY' } : { region: null, level: 'CITY' });
const period = () => ({ fromYear: state.fromYear, toYear: state.toYear });

async function incomePanel() {
  const { analytics } = await gql('IncomeGrowth', { ...regionVariables(), ...period() });
  const selected = analytics.selected[0];
  $('kpi-income-growth').textContent = pct(selected?.growth);
  $('kpi-income-cagr').textContent = pct(selected?.cagr);
  const last = analytics.lowIncomeVillages.find((r) => r.year === state.toYear);
  $('kpi-low-income').textContent = last ? num(last.villagesBelow) : '–';

  const league = [...analytics.counties].sort((a, b) => (b.growth ?? -Infinity) - (a.growth ?? -Infinity));
  // Horizontal bars, best first: eleven county names stay readable.
  chart('chart-income-growth', {
    title: titleOf(`${t('growthByCounty')} ${state.fromYear}–${state.toYear}`),
    grid: { left: 64, right: 56, top: 36, bottom: 24 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: pct },
    yAxis: { type: 'category', inverse: true, data: league.map((r) => r.regionName), axisLabel: { interval: 0 } },
    xAxis: percentAxis,
    series: [{
      type: 'bar', name: t('growth'),
      data: league.map((r) => ({ value: r.growth, itemStyle: { color: r.regionName === state.county ? '#c0392b' : '#e6a39b' } })),
      label: { show: true, position: 'right', fontSize: 11, formatter: (p) => pct(p.value) },
    }],
  });
  chart('chart-low-income', {
    title: titleOf(`${state.county || t('wholeCity')} ${t('lowIncomeTrend')}`),
    grid: { left: 48, right: 16, top: 36, bottom: 32 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: analytics.lowIncomeVillages.map((r) => String(r.year)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name: t('lowIncomeTrend'), data: analytics.lowIncomeVillages.map((r) => r.villagesBelow), label: { show: true, position: 'top' } }],
  });
  table('table-income-league',
    [[t('rank'), 'num'], [t('region')], [t('villages'), 'num'], [t('fromIncome'), 'num'], [t('toIncome'), 'num'], [t('growth'), 'num'], [t('cagr'), 'num']],
    league.map((r, i) => [[String(i + 1), 'num'], [r.regionName], [num(r.villages), 'num'], [num(r.fromOperatingIncome / 10000, 1), 'num'], [num(r.toOperatingIncome / 10000, 1), 'num'], [pct(r.growth), 'num'], [pct(r.cagr), 'num']]),
    league.findIndex((r) => r.regionName === state.county));
}

async function gridPanel() {
  const variables = state.county ? { region: state.county, level: 'TOWNSHIP' } : { region: null, level: 'COUNTY' };
  const rows = (await gql('GridCoverage', variables)).analytics.gridCoverage;
  $('grid-up').hidden = !state.county;
  const measures = [['householdCoverage', t('householdCoverage')], ['level4InStandardShare', t('standardGrids')], ['gridsWithStewardShare', t('stewardStaffing')]];
  const instance = chart('chart-grid', {
    title: titleOf(state.county ? t('gridByTownship', { county: state.county }) : t('gridByCounty')),
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 48, right: 16, top: 36, bottom: 96 },
    tooltip: { trigger: 'axis', valueFormatter: pct },
    xAxis: { type: 'category', data: rows.map((r) => r.regionName), axisLabel: { rotate: 40, interval: 0 } },
    yAxis: { ...percentAxis, min: 0.5, max: 1 },
    series: measures.map(([key, name]) => ({ type: 'bar', name, data: rows.map((r) => r[key]) })),
  });
  instance.off('click');
  if (!state.county) instance.on('click', (p) => setCounty(p.name));
  table('table-grid',
    [[t('region')], [t('unitGrids'), 'num'], [t('householdCoverage'), 'num'], [t('standardGrids'), 'num'], [t('stewardStaffing'), 'num'], [t('cadreStewards'), 'num'], [t('gridBranches'), 'num']],
    rows.map((r) => [[r.regionName], [num(r.level4Grids), 'num'], [pct(r.householdCoverage), 'num'], [pct(r.level4InStandardShare), 'num'], [pct(r.gridsWithStewardShare), 'num'], [num(r.cadreStewards), 'num'], [num(r.gridBranches), 'num']]));
}

async function casesPanel() {
  const { analytics } = await gql('CaseResolution', { ...regionVariables(), ...period() });
  const last = analytics.caseResolution.find((r) => r.year === state.toYear);
  $('kpi-resolution-rate').textContent = pct(last?.resolutionRate);
  $('kpi-median-days').textContent = last ? `${num(last.medianDaysToResolve, 1)} ${t('days')}` : '–';
  const backlogTotal = analytics.caseBacklog.reduce((sum, r) => sum + r.openCases, 0);
  $('kpi-backlog').textContent = `${num(backlogTotal)} ${t('cases')}`;

  const monthOf = (r) => `${r.year}-${String(r.month).padStart(2, '0')}`;
  // The month still running (isComplete false) is marked; the months after it have not happened and are not drawn as zeros.
  const incomplete = new Set(analytics.casesByMonth.filter((r) => r.isComplete === false).map(monthOf));
  const lastIncomplete = [...incomplete].sort().at(-1);
  const months = [];
  for (let y = state.fromYear; y <= state.toYear; y++) for (let m = 1; m <= 12; m++) months.push(`${y}-${String(m).padStart(2, '0')}`);
  if (lastIncomplete) months.splice(months.indexOf(lastIncomplete) + 1);
  const channels = [...new Set(analytics.casesByMonth.map((r) => r.channel))].sort();
  const received = new Map(analytics.casesByMonth.map((r) => [`${r.channel}|${monthOf(r)}`, r.received]));
  chart('chart-cases-monthly', {
    title: titleOf(`${state.county || t('wholeCity')} ${t('monthlyByChannel')}`),
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 48, right: 16, top: 36, bottom: 56 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: months.map((m) => (incomplete.has(m) ? `${m}${t('incomplete')}` : m)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: channels.map((c) => ({ type: 'line', stack: 'received', areaStyle: {}, symbol: 'none', name: label('channels', c), data: months.map((m) => received.get(`${c}|${m}`) ?? 0) })),
  });
  // Youngest first, in the order the view defines its bands.
  const order = Object.keys(texts.zh.ageBands);
  const bands = [...new Set(analytics.caseBacklog.map((r) => r.ageBand))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const asOf = analytics.caseBacklog[0]?.asOf ?? '';
  chart('chart-backlog', {
    title: titleOf(t('backlogByAge', { asOf })),
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: bands.map((b) => label('ageBands', b)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name: t('backlog'), label: { show: true, position: 'top' }, data: bands.map((b) => analytics.caseBacklog.filter((r) => r.ageBand === b).reduce((s, r) => s + r.openCases, 0)) }],
  });
}

async function pairingPanel() {
  const { analytics } = await gql('PairingAndStars', { ...regionVariables(), ...period() });
  const rows = analytics.pairingCompliance;
  const last = rows.find((r) => r.year === state.toYear);
  $('kpi-all-four').textContent = pct(last?.allFourShare);
  $('kpi-leader-visits').textContent = pct(last?.leaderVisitCompliance);
  chart('chart-pairing', {
    title: titleOf(`${state.county || t('wholeCity')} ${t('pairingTrend')}`),
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 48, right: 24, top: 48, bottom: 56 },
    tooltip: { trigger: 'axis', valueFormatter: pct },
    xAxis: { type: 'category', data: rows.map((r) => String(r.year)) },
    yAxis: { ...percentAxis, max: 1 },
    series: [
      { type: 'line', name: t('allFourSeries'), data: rows.map((r) => r.allFourShare) },
      { type: 'line', name: t('leaderSeries'), data: rows.map((r) => r.leaderVisitCompliance) },
    ],
  });
  const stars = analytics.starRatings.filter((r) => r.year === state.toYear);
  const domains = [...new Set(stars.map((r) => r.domain))];
  chart('chart-stars', {
    title: titleOf(t('starDistribution', { year: state.toYear })),
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 56, right: 16, top: 36, bottom: 56 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: domains.map((d) => label('domains', d)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [1, 2, 3, 4, 5].map((n) => ({
      type: 'bar', stack: 'stars', name: t('stars', { n }),
      data: domains.map((d) => stars.find((r) => r.domain === d && r.stars === n)?.organizations ?? 0),
    })),
  });
}

async function caseStudyPanel() {
  $('casestudy-hint').hidden = !!state.county;
  $('casestudy-body').hidden = !state.county;
  $('casestudy-county').textContent = state.county;
  if (!state.county) return;
  const study = (await gql('CaseStudy', { county: state.county })).caseStudy;
  table('table-casestudy',
    [[t('claim')], [t('period')], [t('computed'), 'num'], [t('printed'), 'num'], [t('verdict')], [t('sentence')]],
    study.headlines.map((h) => [[h.metric], [h.period === 'to date' ? t('toDate') : h.period, 'nowrap'], [h.computedText, 'num'], [h.printed ?? '–', 'num'],
      [h.verdict ? t(h.verdict) : '–', h.verdict === 'Pass' ? 'pass nowrap' : h.verdict ? 'fail nowrap' : ''], [h.sentence ?? '']]));
}

async function download(format) {
  const url = `casestudy/${encodeURIComponent(state.county)}.${format}`;
  const response = await fetch(url, { headers: authHeaders() });
  if (!response.ok) throw new HttpError(response.status, `${url}: HTTP ${response.status}`);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = `casestudy-${state.county}.${format}`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

const panels = { income: incomePanel, grid: gridPanel, cases: casesPanel, pairing: pairingPanel, casestudy: caseStudyPanel };
let generation = 0;

async function refresh() {
  const current = ++generation;
  document.body.removeAttribute('data-ready');
  $('message').hidden = true;
  await Promise.all(Object.entries(panels).map(async ([name, render]) => {
    const panel = $(`panel-${name}`);
    panel.dataset.state = 'loading';
    try {
      await render();
      if (current === generation) panel.dataset.state = 'ready';
    } catch (error) {
      if (current !== generation) return;
      panel.dataset.state = 'error';
      $('message').textContent = t('loadFailed', { error: error.message });
      $('message').hidden = false;
    }
  }));
  if (current !== generation) return;
  // The first time every panel is drawn: the load time the browser tests read.
  if (!performance.getEntriesByName('dashboard-ready').length) performance.mark('dashboard-ready');
  document.body.dataset.ready = `${state.county}|${state.fromYear}|${state.toYear}|${state.lang}`;
}

function applyLanguage() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
}

function setCounty(county) {
  state.county = county;
  $('county').value = county;
  refresh();
}

async function start() {
  applyLanguage();
  try {
    const { analytics } = await gql('DashboardContext');
    showBuiltAt(analytics.warehouse.builtAt);
    showDataAsOf(analytics.warehouse.dataAsOf);
    for (const c of analytics.counties) $('county').add(new Option(c.regionName, c.regionName));
    state.years = analytics.years.map((r) => r.year);
    // A year still under way is marked in the pickers: its figures are not final.
    for (const id of ['fromYear', 'toYear']) {
      for (const r of analytics.years) $(id).add(new Option(r.isComplete === false ? `${r.year} ${t('incomplete')}` : String(r.year), String(r.year)));
    }
    // By default the latest complete year the data reaches (from the data and the clock, never a fixed year), compared
    // with two years before it where the data goes back that far.
    const latest = analytics.warehouse.latestCompleteYear;
    const complete = state.years.filter((y) => latest === null || y <= latest);
    state.toYear = complete.length ? complete[complete.length - 1] : state.years[state.years.length - 1];
    state.fromYear = state.years.find((y) => y >= state.toYear - 2) ?? state.toYear;
  } catch (error) {
    $('message').textContent = t('loadFailed', { error: error.message });
    $('message').hidden = false;
    return;
  }
  const params = new URLSearchParams(window.location.search);
  state.county = params.get('county') ?? '';
  state.fromYear = Number(params.get('from') ?? state.fromYear);
  state.toYear = Number(params.get('to') ?? state.toYear);
  $('county').value = state.county;
  $('fromYear').value = String(state.fromYear);
  $('toYear').value = String(state.toYear);

  $('county').addEventListener('change', (e) => setCounty(e.target.value));
  for (const id of ['fromYear', 'toYear']) {
    $(id).addEventListener('change', () => {
      let from = Number($('fromYear').value);
      let to = Number($('toYear').value);
      if (from > to) [from, to] = id === 'fromYear' ? [from, from] : [to, to];
      Object.assign(state, { fromYear: from, toYear: to });
      $('fromYear').value = String(from);
      $('toYear').value = String(to);
      refresh();
    });
  }
  $('grid-up').addEventListener('click', () => setCounty(''));
  $('language').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('analytics.dashboards.lang', state.lang);
    applyLanguage();
    showBuiltAt($('built-at').dateTime);
    refresh();
  });
  document.querySelectorAll('.exports button').forEach((b) => b.addEventListener('click', () => download(b.dataset.format).catch((error) => {
    $('message').textContent = t('loadFailed', { error: error.message });
    $('message').hidden = false;
  })));
  await refresh();
}

start();
