// The 大屏 (wall.html): a fixed 1920×1080 canvas for a county office's wall, dark, scaled to the screen. The same
// GraphQL operations as the dashboard (queries/*.graphql, by persisted-document id); the map in the centre coloured by
// a metric that changes every ?rotate= seconds (default 15; 0 stops rotating), with the side panels rotating too.
// A county officer's token lands on its own county; a click on a county of the map shows that county (again: 全市).
import { takeTokenFromAddress, signedIn, gql } from './client.js';

const echarts = window.echarts;
const WIDTH = 1920;
const HEIGHT = 1080;
const DEFAULT_ROTATE_SECONDS = 15;
const REFRESH_MINUTES = 10;
const fontFamily = '"WenQuanYi Zen Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';
const $ = (id) => document.getElementById(id);
const pct = (x, digits = 1) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(digits)}%`);
const ROLE_NAMES = { admin: '管理员', 'county-officer': '区县工作人员', analyst: '分析人员', publicity: '宣传人员' };

takeTokenFromAddress();

// Scale the canvas to the screen, keeping its aspect; letterboxed, centred.
let scale = 1;
function fit() {
  scale = Math.min(window.innerWidth / WIDTH, window.innerHeight / HEIGHT);
  const left = (window.innerWidth - WIDTH * scale) / 2;
  const top = (window.innerHeight - HEIGHT * scale) / 2;
  $('stage').style.transform = `translate(${left}px, ${top}px) scale(${scale})`;
}
fit();
window.addEventListener('resize', fit);
// Charts drawn at the canvas' 1920×1080 and scaled up by CSS stay sharp with a larger pixel ratio.
const pixelRatio = (window.devicePixelRatio || 1) * Math.max(1, scale);

function rotateSeconds() {
  const raw = new URLSearchParams(window.location.search).get('rotate');
  if (raw === null) return DEFAULT_ROTATE_SECONDS;
  const seconds = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    showMessage(`参数 rotate=${raw} 无效：应为轮播间隔秒数（0 为不轮播），已按 ${DEFAULT_ROTATE_SECONDS} 秒轮播`);
    return DEFAULT_ROTATE_SECONDS;
  }
  return seconds;
}

function showMessage(text) {
  $('wall-message').textContent = text;
  $('wall-message').hidden = false;
}

// 北京时间, whatever the wall's computer is set to.
const clockFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});
function tick() {
  const now = new Date();
  $('clock').dateTime = now.toISOString();
  $('clock').textContent = clockFormat.format(now);
}
tick();
setInterval(tick, 1000);

const charts = new Map();
function chart(id, option) {
  let instance = charts.get(id);
  if (!instance) {
    instance = echarts.init($(id), 'dark', { renderer: 'canvas', devicePixelRatio: pixelRatio });
    charts.set(id, instance);
  }
  instance.setOption({
    backgroundColor: 'transparent', animation: false, textStyle: { fontFamily, fontSize: 16 },
    color: ['#ffd65a', '#3fb0d8', '#7bd88f', '#ff8a5c', '#b38cff'], ...option,
  }, true);
  return instance;
}

const axisText = { fontSize: 16, color: '#c9d6e8' };
const percentAxis = (extra = {}) => ({ type: 'value', min: 0, max: 1, axisLabel: { ...axisText, formatter: (v) => `${Math.round(v * 100)}%` }, splitLine: { lineStyle: { color: '#1f3b5c' } }, ...extra });
const legend = { bottom: 0, textStyle: { fontSize: 16, color: '#c9d6e8' }, itemGap: 24 };

// The metrics the map rotates through: each county's value from an operation's county rows.
const MAP_METRICS = [
  { metric: 'income.growth', label: '村集体经营性收入增长', unit: '%', rows: (d) => d.income.counties.map((r) => ({ county: r.regionName, value: r.growth })) },
  { metric: 'income.cagr', label: '村集体经营性收入年均增长', unit: '%', rows: (d) => d.income.counties.map((r) => ({ county: r.regionName, value: r.cagr })) },
  { metric: 'grid.householdCoverage', label: '网格户数覆盖率', unit: '%', rows: (d) => d.grid.map((r) => ({ county: r.regionName, value: r.householdCoverage })) },
  { metric: 'grid.stewardStaffing', label: '配备网格员的网格占比', unit: '%', rows: (d) => d.grid.map((r) => ({ county: r.regionName, value: r.gridsWithStewardShare })) },
];

const state = { county: '', fromYear: null, toYear: null, data: null, metricIndex: 0, step: 0 };

function panelState(id, value, message) {
  const panel = $(id);
  panel.dataset.state = value;
  panel.querySelector('.empty')?.remove();
  if (message) {
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = message;
    panel.append(p);
  }
}

function drawIncome({ income }) {
  const league = [...income.counties].sort((a, b) => (b.growth ?? -Infinity) - (a.growth ?? -Infinity));
  if (!league.length) return panelState('wall-income', 'empty', '无数据');
  panelState('wall-income', 'ready');
  chart('chart-wall-income', {
    title: { text: `${state.fromYear}–${state.toYear}年`, right: 0, top: 0, textStyle: { fontSize: 16, color: '#8fa6c2', fontWeight: 'normal' } },
    grid: { left: 96, right: 84, top: 28, bottom: 24 },
    xAxis: percentAxis({ max: null, min: (v) => Math.min(0, v.min) }),
    yAxis: { type: 'category', inverse: true, data: league.map((r) => r.regionName), axisLabel: { ...axisText, fontSize: 18, interval: 0 } },
    series: [{
      type: 'bar', barMaxWidth: 28,
      data: league.map((r) => ({ value: r.growth, itemStyle: { color: r.regionName === state.county ? '#ff5a4f' : '#3fb0d8' } })),
      label: { show: true, position: 'right', fontSize: 16, color: '#e8eef7', formatter: (p) => pct(p.value, 2) },
    }],
  });
}

function drawGrid({ grid }) {
  if (!grid.length) return panelState('wall-grid', 'empty', '无数据');
  panelState('wall-grid', 'ready');
  const measures = [['householdCoverage', '户数覆盖率'], ['level4InStandardShare', '规范网格占比'], ['gridsWithStewardShare', '配备网格员占比']];
  chart('chart-wall-grid', {
    legend,
    grid: { left: 96, right: 24, top: 12, bottom: 64 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => pct(v) },
    yAxis: { type: 'category', inverse: true, data: grid.map((r) => r.regionName), axisLabel: { ...axisText, fontSize: 18, interval: 0 } },
    xAxis: percentAxis(),
    series: measures.map(([key, name]) => ({ type: 'bar', name, barGap: '10%', data: grid.map((r) => r[key]) })),
  });
}

function drawCases({ cases }) {
  const rows = cases.caseResolution;
  if (!rows.length) return panelState('wall-cases', 'empty', '无数据');
  panelState('wall-cases', 'ready');
  const backlog = cases.caseBacklog.reduce((sum, r) => sum + r.openCases, 0);
  chart('chart-wall-cases', {
    title: { text: `${state.county || '全市'} · 在办积压 ${backlog.toLocaleString('zh-CN')} 件（截至 ${cases.caseBacklog[0]?.asOf ?? '–'}）`, left: 0, top: 0, textStyle: { fontSize: 18, color: '#c9d6e8', fontWeight: 'normal' } },
    legend,
    grid: { left: 80, right: 72, top: 56, bottom: 64 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: rows.map((r) => `${r.year}年`), axisLabel: axisText },
    yAxis: [
      { type: 'value', name: '受理（件）', nameTextStyle: axisText, minInterval: 1, axisLabel: axisText, splitLine: { lineStyle: { color: '#1f3b5c' } } },
      percentAxis({ name: '办结率', nameTextStyle: axisText, splitLine: { show: false } }),
    ],
    series: [
      { type: 'bar', name: '受理件数', barMaxWidth: 48, data: rows.map((r) => r.received) },
      { type: 'line', name: '办结率', yAxisIndex: 1, symbolSize: 10, lineStyle: { width: 3 }, data: rows.map((r) => r.resolutionRate),
        label: { show: true, position: 'top', fontSize: 16, color: '#e8eef7', formatter: (p) => pct(p.value) } },
    ],
  });
}

function drawPairing({ pairing }) {
  const rows = pairing.pairingCompliance;
  if (!rows.length) return panelState('wall-pairing', 'empty', '无数据');
  panelState('wall-pairing', 'ready');
  chart('chart-wall-pairing', {
    legend,
    grid: { left: 72, right: 32, top: 24, bottom: 64 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => pct(v) },
    xAxis: { type: 'category', data: rows.map((r) => `${r.year}年`), axisLabel: axisText },
    yAxis: percentAxis(),
    series: [
      { type: 'line', name: '四联四促全覆盖机关占比', symbolSize: 10, lineStyle: { width: 3 }, data: rows.map((r) => r.allFourShare), label: { show: true, fontSize: 16, color: '#e8eef7', formatter: (p) => pct(p.value) } },
      { type: 'line', name: '领导走访达标率', symbolSize: 10, lineStyle: { width: 3 }, data: rows.map((r) => r.leaderVisitCompliance) },
    ],
  });
}

function drawKpis({ income, cases, pairing }) {
  const selected = income.selected[0];
  $('kpi-growth').textContent = pct(selected?.growth, 2);
  $('kpi-growth-period').textContent = `${state.fromYear}–${state.toYear}年`;
  $('kpi-cagr').textContent = pct(selected?.cagr, 2);
  const low = income.lowIncomeVillages.find((r) => r.year === state.toYear);
  $('kpi-low-income').textContent = low ? `${low.villagesBelow.toLocaleString('zh-CN')} 个` : '–';
  $('kpi-low-income-year').textContent = `${state.toYear}年`;
  const resolution = cases.caseResolution.find((r) => r.year === state.toYear);
  $('kpi-resolution').textContent = pct(resolution?.resolutionRate);
  $('kpi-resolution-year').textContent = `${state.toYear}年`;
  const paired = pairing.pairingCompliance.find((r) => r.year === state.toYear);
  $('kpi-all-four').textContent = pct(paired?.allFourShare);
  $('kpi-all-four-year').textContent = `${state.toYear}年`;
}

function drawMap() {
  if (!state.data) return;
  const metric = MAP_METRICS[state.metricIndex % MAP_METRICS.length];
  window.AnalyticsMap.render($('wall-map'), {
    metric: metric.metric, label: metric.label, unit: metric.unit, rows: metric.rows(state.data), selected: state.county || null,
  }, { theme: 'dark', fill: true, fontSize: 18, devicePixelRatio: pixelRatio });
}

// Each side shows one panel at a time; every step shows the next, and the map the next metric.
const carousels = ['left', 'right'].map((id) => {
  const panels = [...$(id).querySelectorAll('.wall-panel')];
  const dots = $(id).querySelector('.dots');
  dots.innerHTML = panels.map(() => '<li></li>').join('');
  return { element: $(id), panels, dots: [...dots.children] };
});
function showStep() {
  for (const { element, panels, dots } of carousels) {
    const active = state.step % panels.length;
    panels.forEach((p, i) => p.classList.toggle('active', i === active));
    dots.forEach((d, i) => d.classList.toggle('active', i === active));
    element.dataset.active = panels[active].id;
  }
  charts.forEach((c) => c.resize());
  document.body.dataset.step = String(state.step);
}

const regionVariables = () => (state.county ? { region: state.county, level: 'COUNTY' } : { region: null, level: 'CITY' });

async function load() {
  const period = { fromYear: state.fromYear, toYear: state.toYear };
  const results = await Promise.allSettled([
    gql('IncomeGrowth', { ...regionVariables(), ...period }),
    gql('GridCoverage', { region: null, level: 'COUNTY' }),
    gql('CaseResolution', { ...regionVariables(), ...period }),
    gql('PairingAndStars', { ...regionVariables(), ...period }),
  ]);
  const [income, grid, cases, pairing] = results.map((r) => (r.status === 'fulfilled' ? r.value : null));
  const data = {
    income: income?.analytics ?? { counties: [], selected: [], lowIncomeVillages: [] },
    grid: grid?.analytics.gridCoverage ?? [],
    cases: cases?.analytics ?? { caseResolution: [], caseBacklog: [] },
    pairing: pairing?.analytics ?? { pairingCompliance: [] },
  };
  state.data = data;
  // A panel whose operation failed says so, and shows no figures of a previous load.
  const panels = [['wall-income', drawIncome, 'IncomeGrowth'], ['wall-grid', drawGrid, 'GridCoverage'], ['wall-cases', drawCases, 'CaseResolution'], ['wall-pairing', drawPairing, 'PairingAndStars']];
  panels.forEach(([id, draw, name], i) => {
    if (results[i].status === 'fulfilled') {
      draw(data);
    } else {
      const chartInstance = charts.get(`chart-${id}`);
      chartInstance?.clear();
      panelState(id, 'error', `${$(id).querySelector('h2').textContent}：加载失败（${name}：${results[i].reason.message}）`);
    }
  });
  drawKpis(data);
  drawMap();
  $('scope').textContent = state.county || '全市';
}

// 数据截至 and the period (the latest complete year the data reaches, from the data and the clock, never fixed, against
// two years before it); the county-level units.
async function loadContext() {
  const { analytics } = await gql('DashboardContext');
  $('data-as-of').dateTime = analytics.warehouse.dataAsOf ?? '';
  $('data-as-of').textContent = analytics.warehouse.dataAsOf ?? '–';
  const years = analytics.years.map((r) => r.year);
  const latest = analytics.warehouse.latestCompleteYear;
  const complete = years.filter((y) => latest === null || y <= latest);
  state.toYear = complete.length ? complete.at(-1) : years.at(-1);
  state.fromYear = years.find((y) => y >= state.toYear - 2) ?? state.toYear;
  return analytics.counties.map((c) => c.regionName);
}

async function start() {
  const who = signedIn();
  if (who?.role) $('who').textContent = `${ROLE_NAMES[who.role] ?? who.role}${who.county ? ` · ${who.county}` : ''}${who.name ? ` · ${who.name}` : ''}`;
  try {
    const counties = await loadContext();
    // ?county= chooses one; a county officer's token lands on its own county.
    const asked = new URLSearchParams(window.location.search).get('county') ?? who?.county ?? '';
    if (asked && !counties.includes(asked)) showMessage(`区县“${asked}”不在数据中（可选：${counties.join('、')}），显示全市`);
    state.county = counties.includes(asked) ? asked : '';
  } catch (error) {
    showMessage(`数据加载失败：${error.message}`);
    return;
  }
  await load();
  showStep();
  document.addEventListener('analytics:choose-county', (event) => {
    state.county = event.detail?.county ?? '';
    load();
  });
  const seconds = rotateSeconds();
  $('rotation-note').textContent = seconds > 0 ? `每 ${seconds} 秒轮播` : '不轮播';
  if (seconds > 0) {
    setInterval(() => {
      state.step += 1;
      state.metricIndex += 1;
      showStep();
      drawMap();
    }, seconds * 1000);
  }
  // A wall runs for days: the next warehouse build's figures (and its 数据截至) without a reload.
  setInterval(() => loadContext().then(load, (error) => showMessage(`数据加载失败：${error.message}`)), REFRESH_MINUTES * 60 * 1000);
  document.body.dataset.ready = 'true';
  performance.mark('wall-ready');
}

start();
