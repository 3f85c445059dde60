// The dashboard: every figure comes from POST /graphql, sending the named operations in queries/*.graphql (the same
// documents BI tools use). Filters (county, township, period, channel, domain) re-run every panel; each panel loads,
// draws, shows 无数据 or fails on its own. No framework: ES module + ECharts from npm.
import { texts } from './i18n.js';
import { workbook } from './xlsx.js';
import { tokenKey, takeTokenFromAddress, authHeaders, claimsOf, HttpError, hooks, gql } from './client.js';

const echarts = window.echarts;
const fontFamily = '"WenQuanYi Zen Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';
const palette = ['#c0392b', '#e67e22', '#f1c40f', '#27ae60', '#2980b9', '#8e44ad', '#16a085', '#7f8c8d'];

// Access token: pasted into the sign-in dialog, or given once as /dashboards/?token=…; kept in sessionStorage (this
// tab only), removed from the address bar, and sent as a bearer token with every request (client.js). Nothing is
// requested without one: /graphql answers no one else.
takeTokenFromAddress();

const state = {
  lang: localStorage.getItem('analytics.dashboards.lang') === 'en' ? 'en' : 'zh',
  county: '', township: '', townships: [], channel: '', domain: '', fromYear: null, toYear: null, years: [],
  claims: null, lockedCounty: null,
};
const t = (key, values = {}) => String(texts[state.lang][key] ?? key).replace(/\{(\w+)\}/g, (_, name) => values[name] ?? '');
const label = (group, key) => texts[state.lang][group]?.[key] ?? key;
const $ = (id) => document.getElementById(id);
const locale = () => (state.lang === 'zh' ? 'zh-CN' : 'en-US');
const pct = (x) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(2)}%`);
const num = (x, digits = 0) => (x === null || x === undefined ? '–' : Number(x).toLocaleString(locale(), { maximumFractionDigits: digits, minimumFractionDigits: digits }));
/** "1 case", "2 cases", "1.0 days"; Chinese has one form (件). */
const count = (x, key, digits = 0) => {
  if (x === null || x === undefined) return '–';
  const forms = texts[state.lang][key];
  const form = forms[new Intl.PluralRules(locale(), { minimumFractionDigits: digits }).select(Number(x))] ?? forms.other;
  return `${num(x, digits)} ${form}`;
};
const signed = (x, digits = 2) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(digits)}`;
const escapeHtml = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

// On 401/403 the sign-in dialog opens; every answer's build time goes to the footer.
hooks.unauthorized = () => {
  showSignIn(t('tokenRejected'));
  return t('needToken');
};
hooks.answered = (body) => {
  if (body.extensions?.warehouseBuiltAt) showBuiltAt(body.extensions.warehouseBuiltAt);
};

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

// ---- Charts ------------------------------------------------------------------------------------------------------
// Each chart is drawn by a function of its width, so titles wrap, legends wrap onto as many rows as they need (never
// hidden on legend pages) and the plot starts below both, whatever the screen. A ResizeObserver redraws it.

const charts = new Map();
const observer = new ResizeObserver((entries) => {
  for (const entry of entries) {
    const c = charts.get(entry.target.id);
    // Observing starts with the size the chart was just drawn at: nothing to redraw.
    if (!c || c.size === sizeOf(entry.target)) continue;
    c.instance.resize();
    if (c.build) draw(c);
  }
});
const sizeOf = (el) => `${el.clientWidth}x${el.clientHeight}`;

function chart(id, build, meta) {
  let c = charts.get(id);
  if (!c) {
    c = { id, instance: echarts.init($(id), null, { renderer: 'canvas' }) };
    charts.set(id, c);
    observer.observe($(id));
  }
  Object.assign(c, { build, meta });
  draw(c);
  return c.instance;
}

/** Chart text grows with the page's (18 px on a wall screen against 14 px): 1 on phones and desktops. */
const textScale = () => parseFloat(getComputedStyle(document.body).fontSize) / 14 || 1;

function draw(c) {
  c.size = sizeOf($(c.id));
  const option = c.build(c.instance.getWidth() || $(c.id).clientWidth || 600);
  c.option = option;
  c.instance.setOption({ color: palette, textStyle: { fontFamily, fontSize: Math.round(12 * textScale()) }, animation: false, ...option, toolbox: toolbox(c) }, true);
}

/** A chart with nothing to draw: its title and 无数据, so the panel's other charts keep their places. */
function emptyChart(id, title) {
  chart(id, (width) => ({
    ...frame(width, title),
    graphic: [{ type: 'text', left: 'center', top: 'middle', style: { text: t('noData'), fontSize: 16, fill: '#999' } }],
    series: [],
  }));
}

function clearChart(id) {
  const c = charts.get(id);
  if (!c) return;
  c.instance.clear();
  c.build = null;
  c.option = null;
}

const fileName = (title) => String(title).replace(/[\\/:*?"<>|\s]+/g, '_');

// Every chart: 保存为图片 (ECharts' own PNG) and its data as xlsx (the numbers it draws, as numbers).
function toolbox(c) {
  return {
    right: 4, top: 2, itemSize: 15, itemGap: 10,
    feature: {
      saveAsImage: { title: t('saveImage'), name: fileName(c.option.title.text), pixelRatio: 2, backgroundColor: '#fff' },
      myXlsx: {
        show: true, title: t('exportXlsx'),
        icon: 'path://M3,2H21V22H3Z M3,8H21 M3,14H21 M9,2V22',
        onclick: () => exportChart(c.id),
      },
    },
    tooltip: { show: false },
  };
}

/** Width of a text in pixels at a font size: CJK characters are square, others about half as wide. */
const textWidth = (s, size) => [...String(s)].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? size : size * 0.62), 0);

/** Title (wrapping beside the toolbox), legend (plain, wrapping) and the grid below both, for a chart `width` wide. */
function frame(width, title, legend = []) {
  const scale = textScale();
  const [titleSize, legendSize, line, row] = [13, 12, 18, 22].map((v) => Math.round(v * scale));
  const titleWidth = Math.max(100, width - 80);
  const titleLines = Math.max(1, Math.ceil(textWidth(title, titleSize) / titleWidth));
  const titleHeight = 14 + titleLines * line; // 4 above, 5 padding each side
  let rows = 0;
  if (legend.length) {
    let x = 0;
    rows = 1;
    for (const name of legend) {
      const w = textWidth(name, legendSize) + 25 + 10;
      if (x > 0 && x + w > width - 24) { rows++; x = 0; }
      x += w;
    }
  }
  return {
    title: { text: title, left: 8, top: 4, textStyle: { fontSize: titleSize, fontFamily, width: titleWidth, overflow: 'break', lineHeight: line } },
    ...(legend.length ? { legend: { type: 'plain', top: titleHeight + 4, left: 'center', width: width - 16, itemGap: 10, textStyle: { fontSize: legendSize } } } : {}),
    // The plot starts below the title, the legend, and room for the axis name (the unit) and the value labels above
    // the tallest bar. ECharts 6 moves it in further where axis labels would leave the canvas (outerBounds).
    grid: { top: titleHeight + 4 + rows * row + Math.round(34 * scale), left: 40, right: 24, bottom: 28 },
  };
}

/** A value axis counted in `unit` (件, 个 …), from 0. */
const countAxis = (unit) => ({ type: 'value', min: 0, minInterval: 1, name: unit, nameTextStyle: { align: 'left' }, axisLabel: { formatter: (v) => num(v) } });
/** A share axis shown in percent, from 0 (to 100 % where `max` is 1). */
const percentAxis = (extra = {}) => ({ type: 'value', min: 0, name: t('unitPercent'), nameTextStyle: { align: 'left' }, axisLabel: { formatter: (v) => `${Math.round(v * 100)}%` }, percent: true, ...extra });

/** Month ticks: every month up to two years, else every quarter (January, April, July, October); rotated when tight. */
function monthAxis(months, width) {
  const interval = months.length <= 24 ? 0 : 2;
  const shown = Math.ceil(months.length / (interval + 1));
  const spacing = (width - 80) / Math.max(1, shown);
  return { type: 'category', data: months, axisTick: { alignWithLabel: true, interval }, axisLabel: { interval, rotate: spacing >= 60 ? 0 : spacing >= 30 ? 45 : 90, fontSize: 11 } };
}

/** The chart's data as rows: the category column, then one column per series (numbers as numbers). */
function sheetOf(c) {
  const option = c.option;
  const axes = [option.xAxis, option.yAxis];
  const category = axes.find((a) => a?.type === 'category');
  const value = axes.find((a) => a?.type === 'value');
  const series = option.series.filter((s) => s.type !== 'scatter');
  const format = value?.percent ? 'percent' : value?.minInterval === 1 ? 'integer' : 'decimal';
  const unit = value?.percent ? '' : value?.name ? `（${value.name}）` : '';
  return {
    headers: [c.meta?.category ?? '', ...series.map((s) => `${s.name}${unit}`)],
    formats: ['text', ...series.map(() => format)],
    rows: category.data.map((name, i) => [name, ...series.map((s) => {
      const v = s.data[i];
      return v !== null && typeof v === 'object' ? v.value ?? null : v ?? null;
    })]),
  };
}

function exportChart(id) {
  const c = charts.get(id);
  if (!c?.option?.series?.length) return;
  const title = c.option.title.text;
  const { headers, rows, formats } = sheetOf(c);
  const bytes = workbook({
    sheetName: title,
    notes: [title, `${t('dataAsOf')}: ${$('data-as-of').textContent}`, t('source')],
    headers, rows, formats,
  });
  saveBlob(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), `${fileName(title)}.xlsx`);
}

function saveBlob(blob, name) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

/** A table: header cells and rows of [text, class] cells; `footer`, a row of the same shape (e.g. the city's figures). */
function table(id, headers, rows, selectedIndex = -1, footer = null) {
  const row = (cells, cls = '') => `<tr class="${cls}">${cells.map(([text, c], j) => `<td class="${c ?? ''}" data-label="${escapeHtml(headers[j]?.[0])}">${escapeHtml(text)}</td>`).join('')}</tr>`;
  $(id).innerHTML = `<thead><tr>${headers.map(([text, cls]) => `<th class="${cls ?? ''}">${escapeHtml(text)}</th>`).join('')}</tr></thead>`
    + `<tbody>${rows.map((cells, i) => row(cells, i === selectedIndex ? 'selected' : '')).join('')}</tbody>`
    + (footer ? `<tfoot>${row(footer)}</tfoot>` : '');
}

// ---- Panels ------------------------------------------------------------------------------------------------------

const townshipName = () => state.townships.find((r) => r.regionCode === state.township)?.regionName ?? '';
const regionLabel = () => townshipName() || state.county || t('wholeCity');
const regionVariables = () => (state.township
  ? { region: state.township, level: 'TOWNSHIP' }
  : state.county ? { region: state.county, level: 'COUNTY' } : { region: null, level: 'CITY' });
const period = () => ({ fromYear: state.fromYear, toYear: state.toYear });
/** The period before the chosen one, as long (at least a year), ending where it starts. */
const previousPeriod = () => {
  const length = Math.max(1, state.toYear - state.fromYear);
  return { previousFromYear: state.fromYear - length, previousToYear: state.fromYear };
};

const income = {
  load: () => gql('IncomeGrowth', { ...regionVariables(), ...period(), ...previousPeriod() }),
  draw({ analytics }) {
    if (!analytics.counties.length && !analytics.selected.length) return false;
    const selected = analytics.selected[0];
    const { previousFromYear, previousToYear } = previousPeriod();
    $('kpi-income-growth').textContent = pct(selected?.growth);
    const previous = analytics.previousSelected[0]?.growth;
    $('kpi-income-growth-delta').textContent = previous === null || previous === undefined ? '' : t('vsPreviousPeriod', { from: previousFromYear, to: previousToYear, value: pct(previous) });
    $('kpi-income-cagr').textContent = pct(selected?.cagr);
    const city = analytics.city[0];
    $('kpi-income-city').textContent = regionVariables().level !== 'CITY' && city ? t('cityAverage', { value: pct(city.cagr) }) : '';
    const last = analytics.lowIncomeVillages.find((r) => r.year === state.toYear);
    $('kpi-low-income').textContent = last ? num(last.villagesBelow) : '–';

    const league = [...analytics.counties].sort((a, b) => (b.growth ?? -Infinity) - (a.growth ?? -Infinity));
    const before = [...analytics.previousCounties].filter((r) => r.growth !== null).sort((a, b) => b.growth - a.growth).map((r) => r.regionCode);
    const growths = league.map((r) => r.growth ?? 0);
    // Horizontal bars, best first: eleven county names stay readable; the city's growth as a dashed line.
    chart('chart-income-growth', (width) => ({
      ...frame(width, `${t('growthByCounty')} ${state.fromYear}–${state.toYear}`),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: pct },
      yAxis: { type: 'category', inverse: true, data: league.map((r) => r.regionName), axisLabel: { interval: 0 } },
      xAxis: percentAxis({ min: Math.min(0, ...growths), nameLocation: 'end' }),
      series: [{
        type: 'bar', name: t('growth'),
        data: league.map((r) => ({ value: r.growth, itemStyle: { color: r.regionName === state.county ? '#c0392b' : '#e6a39b' } })),
        label: { show: true, position: 'right', fontSize: 11, formatter: (p) => pct(p.value) },
        markLine: city?.growth === null || city?.growth === undefined ? undefined : {
          symbol: 'none', silent: true, lineStyle: { type: 'dashed', color: '#555' },
          // The axis runs top-down (inverse), so 'start' puts the label above the plot, clear of the tick labels.
          label: { formatter: () => `${t('cityAverageLine')} ${pct(city.growth)}`, position: 'start', fontSize: 11 },
          data: [{ xAxis: city.growth }],
        },
      }],
    }), { category: t('region') });
    chart('chart-low-income', (width) => ({
      ...frame(width, `${regionLabel()} ${t('lowIncomeTrend')}`),
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: analytics.lowIncomeVillages.map((r) => String(r.year)) },
      yAxis: countAxis(t('unitUnits')),
      series: [{ type: 'bar', name: t('lowIncomeTrend'), data: analytics.lowIncomeVillages.map((r) => r.villagesBelow), label: { show: true, position: 'top' } }],
    }), { category: t('unitYear') });
    const headers = [[t('rank'), 'num'], [t('region')], [t('villages'), 'num'], [t('fromIncome'), 'num'], [t('toIncome'), 'num'], [t('growth'), 'num'], [t('cagr'), 'num']];
    if (before.length) headers.push([t('rankChange'), 'num']);
    table('table-income-league', headers,
      league.map((r, i) => {
        const cells = [[String(i + 1), 'num'], [r.regionName, 'nowrap'], [num(r.villages), 'num'], [num(r.fromOperatingIncome / 10000, 1), 'num'], [num(r.toOperatingIncome / 10000, 1), 'num'], [pct(r.growth), 'num'], [pct(r.cagr), 'num']];
        if (before.length) {
          const was = before.indexOf(r.regionCode);
          const change = was < 0 || r.growth === null ? null : was - i;
          cells.push([change === null ? t('newRank') : change > 0 ? t('rankUp', { n: change }) : change < 0 ? t('rankDown', { n: -change }) : t('rankSame'), `num ${change > 0 ? 'up' : change < 0 ? 'down' : ''}`]);
        }
        return cells;
      }),
      league.findIndex((r) => r.regionName === state.county));
    // For the map (dashboards/map.js): every county's value of the chosen period, in percent.
    document.dispatchEvent(new CustomEvent('analytics:counties', {
      detail: {
        metric: 'incomeGrowth', label: `${t('growth')} ${state.fromYear}–${state.toYear}`, unit: '%',
        rows: analytics.counties.map((r) => ({ county: r.regionName, value: r.growth })), // shares: map.js writes 0.3081 as 30.81%
        selected: state.county || null,
      },
    }));
    return true;
  },
};

const grid = {
  load: () => gql('GridCoverage', state.township
    ? { region: state.township, level: 'VILLAGE' }
    : state.county ? { region: state.county, level: 'TOWNSHIP' } : { region: null, level: 'COUNTY' }),
  draw({ analytics }) {
    const rows = analytics.gridCoverage;
    if (state.county && !state.township) fillTownships(rows);
    $('grid-up').hidden = !state.county || (!!state.lockedCounty && !state.township);
    $('grid-up').dataset.i18n = state.township ? 'backToCounty' : 'backToCity';
    $('grid-up').textContent = t($('grid-up').dataset.i18n);
    if (!rows.length) return false;
    const city = analytics.city[0] ?? {};
    const measures = [['householdCoverage', t('householdCoverage')], ['level4InStandardShare', t('standardGrids')], ['gridsWithStewardShare', t('stewardStaffing')]];
    const title = state.township ? t('gridByVillage', { township: townshipName() }) : state.county ? t('gridByTownship', { county: state.county }) : t('gridByCounty');
    const instance = chart('chart-grid', (width) => ({
      ...frame(width, title, measures.map(([, name]) => name)),
      tooltip: { trigger: 'axis', valueFormatter: pct },
      // Every name shown; turned when they would touch (a name needs about a character's width per character and a gap).
      xAxis: { type: 'category', data: rows.map((r) => r.regionName), axisLabel: { rotate: rows.length * (Math.max(...rows.map((r) => r.regionName.length)) * 13 + 10) > width * 0.85 ? 45 : 0, interval: 0 } },
      yAxis: percentAxis({ max: 1 }),
      series: measures.map(([key, name], i) => ({
        type: 'bar', name, data: rows.map((r) => r[key]),
        // The whole city's figure, dashed in the series' colour.
        markLine: city[key] === null || city[key] === undefined ? undefined : {
          symbol: 'none', silent: true, lineStyle: { type: 'dashed', color: palette[i] },
          label: { show: false }, data: [{ yAxis: city[key], name: `${t('cityAverageLine')} ${name}` }],
        },
      })),
    }), { category: t('region') });
    instance.off('click');
    instance.on('click', (p) => {
      if (!state.county) setCounty(p.name);
      else if (!state.township) setTownship(rows[p.dataIndex]?.regionCode ?? '');
    });
    table('table-grid',
      [[t('region')], [t('unitGrids'), 'num'], [t('householdCoverage'), 'num'], [t('standardGrids'), 'num'], [t('stewardStaffing'), 'num'], [t('cadreStewards'), 'num'], [t('gridBranches'), 'num']],
      rows.map((r) => [[r.regionName, 'nowrap'], [num(r.level4Grids), 'num'], [pct(r.householdCoverage), 'num'], [pct(r.level4InStandardShare), 'num'], [pct(r.gridsWithStewardShare), 'num'], [num(r.cadreStewards), 'num'], [num(r.gridBranches), 'num']]),
      -1, [[t('cityAverageLine'), 'nowrap'], ['', 'num'], [pct(city.householdCoverage), 'num'], [pct(city.level4InStandardShare), 'num'], [pct(city.gridsWithStewardShare), 'num'], ['', 'num'], ['', 'num']]);
    return true;
  },
};

const cases = {
  load: () => gql('CaseResolution', {
    ...regionVariables(), ...period(), previousYear: state.toYear - 1,
    channel: state.channel || null, resolutionChannel: state.channel || 'All',
  }),
  draw({ analytics }) {
    fillChannels(analytics.casesByMonth);
    if (!analytics.casesByMonth.length && !analytics.caseResolution.length && !analytics.caseBacklog.length) return false;
    const last = analytics.caseResolution.find((r) => r.year === state.toYear);
    const before = analytics.previousYear[0];
    $('kpi-received').textContent = last ? count(last.received, 'cases') : '–';
    $('kpi-received-delta').textContent = last && before?.received ? t('vsPreviousYear', { year: before.year, change: `${signed((last.received / before.received - 1) * 100)}%` }) : '';
    $('kpi-resolution-rate').textContent = pct(last?.resolutionRate);
    $('kpi-resolution-delta').textContent = last?.resolutionRate !== null && last?.resolutionRate !== undefined && before?.resolutionRate !== null && before?.resolutionRate !== undefined
      ? t('vsPreviousYear', { year: before.year, change: t('pointChange', { sign: '', value: signed((last.resolutionRate - before.resolutionRate) * 100) }) }) : '';
    $('kpi-median-days').textContent = last ? count(last.medianDaysToResolve, 'days', 1) : '–';
    const backlogTotal = analytics.caseBacklog.reduce((sum, r) => sum + r.openCases, 0);
    $('kpi-backlog').textContent = count(backlogTotal, 'cases');

    const monthOf = (r) => `${r.year}-${String(r.month).padStart(2, '0')}`;
    // The month still running (isComplete false) is marked; the months after it have not happened and are not drawn as zeros.
    const incomplete = new Set(analytics.casesByMonth.filter((r) => r.isComplete === false).map(monthOf));
    const lastIncomplete = [...incomplete].sort().at(-1);
    const months = [];
    for (let y = state.fromYear; y <= state.toYear; y++) for (let m = 1; m <= 12; m++) months.push(`${y}-${String(m).padStart(2, '0')}`);
    if (lastIncomplete) months.splice(months.indexOf(lastIncomplete) + 1);
    const channels = [...new Set(analytics.casesByMonth.map((r) => r.channel))].sort();
    const received = new Map(analytics.casesByMonth.map((r) => [`${r.channel}|${monthOf(r)}`, r.received]));
    const monthLabels = months.map((m) => (incomplete.has(m) ? `${m}${t('incomplete')}` : m));
    chart('chart-cases-monthly', (width) => ({
      ...frame(width, `${regionLabel()} ${t('monthlyByChannel')}`, channels.map((c) => label('channels', c))),
      tooltip: { trigger: 'axis' },
      xAxis: monthAxis(monthLabels, width),
      yAxis: countAxis(t('unitCases')),
      series: channels.map((c) => ({ type: 'line', stack: 'received', areaStyle: {}, symbol: 'none', name: label('channels', c), data: months.map((m) => received.get(`${c}|${m}`) ?? 0) })),
    }), { category: t('unitMonth') });
    // Youngest first, in the order the view defines its bands.
    const order = Object.keys(texts.zh.ageBands);
    const bands = [...new Set(analytics.caseBacklog.map((r) => r.ageBand))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const asOf = analytics.caseBacklog[0]?.asOf ?? '';
    if (bands.length) {
      chart('chart-backlog', (width) => ({
        ...frame(width, t('backlogByAge', { asOf })),
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: bands.map((b) => label('ageBands', b)), name: t('unitDays'), axisLabel: { interval: 0 } },
        yAxis: countAxis(t('unitCases')),
        series: [{ type: 'bar', name: t('backlog'), label: { show: true, position: 'top' }, data: bands.map((b) => analytics.caseBacklog.filter((r) => r.ageBand === b).reduce((s, r) => s + r.openCases, 0)) }],
      }), { category: t('backlog') });
    } else {
      emptyChart('chart-backlog', t('backlogByAge', { asOf: $('data-as-of').textContent }));
    }
    return true;
  },
};

const pairing = {
  load: () => gql('PairingAndStars', { ...regionVariables(), ...period() }),
  draw({ analytics }) {
    const rows = analytics.pairingCompliance;
    fillDomains(analytics.starRatings);
    const stars = analytics.starRatings.filter((r) => r.year === state.toYear && (!state.domain || r.domain === state.domain));
    if (!rows.length && !stars.length) return false;
    const last = rows.find((r) => r.year === state.toYear);
    $('kpi-all-four').textContent = pct(last?.allFourShare);
    $('kpi-leader-visits').textContent = pct(last?.leaderVisitCompliance);
    const pairingNames = [t('allFourSeries'), t('leaderSeries')];
    if (rows.length) {
      chart('chart-pairing', (width) => ({
        ...frame(width, `${regionLabel()} ${t('pairingTrend')}`, pairingNames),
        tooltip: { trigger: 'axis', valueFormatter: pct },
        xAxis: { type: 'category', data: rows.map((r) => String(r.year)) },
        yAxis: percentAxis({ max: 1 }),
        series: [
          { type: 'line', name: pairingNames[0], data: rows.map((r) => r.allFourShare) },
          { type: 'line', name: pairingNames[1], data: rows.map((r) => r.leaderVisitCompliance) },
        ],
      }), { category: t('unitYear') });
    } else {
      emptyChart('chart-pairing', `${regionLabel()} ${t('pairingTrend')}`);
    }
    const domains = [...new Set(stars.map((r) => r.domain))];
    const starNames = [1, 2, 3, 4, 5].map((n) => t('stars', { n }));
    const starsTitle = t('starDistribution', { year: state.toYear }) + (state.domain ? ` · ${label('domains', state.domain)}` : '');
    if (!stars.length) {
      emptyChart('chart-stars', starsTitle);
      return true;
    }
    chart('chart-stars', (width) => ({
      ...frame(width, starsTitle, starNames),
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: domains.map((d) => label('domains', d)), axisLabel: { interval: 0 } },
      yAxis: countAxis(t('unitUnits')),
      series: [1, 2, 3, 4, 5].map((n, i) => ({
        type: 'bar', stack: 'stars', name: starNames[i],
        data: domains.map((d) => stars.find((r) => r.domain === d && r.stars === n)?.organizations ?? 0),
      })),
    }), { category: t('domain') });
    return true;
  },
};

const caseStudy = {
  load: () => (state.county ? gql('CaseStudy', { county: state.county }) : Promise.resolve(null)),
  draw(data) {
    $('casestudy-hint').hidden = !!state.county;
    $('casestudy-body').hidden = !state.county;
    $('casestudy-county').textContent = state.county;
    if (!data) return true;
    const study = data.caseStudy;
    if (!study.headlines.length) return false;
    // Downloads work for every role the API knows (DashboardEndpoints): shown once signed in with one.
    document.querySelector('.exports').hidden = !knownRole();
    table('table-casestudy',
      [[t('claim')], [t('period')], [t('computed'), 'num'], [t('printed'), 'num'], [t('verdict')], [t('sentence'), 'sentence']],
      // The figure's Chinese name and period as the case-study files print them; the metric id never shows.
      study.headlines.map((h) => [[h.label, 'claim'], [state.lang === 'zh' ? h.periodText : h.period === 'to date' ? t('toDate') : h.period, 'nowrap'], [h.computedText, 'num'], [h.printed ?? '–', 'num'],
        [h.verdict ? t(h.verdict) : '–', h.verdict === 'Pass' ? 'pass nowrap' : h.verdict ? 'fail nowrap' : ''], [h.sentence ?? '', 'sentence']]));
    return true;
  },
};

/** The PDF button only where this host can make one (Chromium installed): the API says which formats it can. */
async function offerPdf() {
  const button = document.querySelector('.exports button[data-format=pdf]');
  try {
    const response = await fetch('casestudy/formats', { headers: authHeaders() });
    const pdf = response.ok ? (await response.json()).formats.find((f) => f.format === 'pdf') : null;
    button.hidden = !pdf?.available;
  } catch {
    button.hidden = true;
  }
  button.dataset.available = String(!button.hidden);
}

async function download(format) {
  const url = `casestudy/${encodeURIComponent(state.county)}.${format}`;
  const response = await fetch(url, { headers: authHeaders() });
  if (!response.ok) throw new HttpError(response.status, `${url}: HTTP ${response.status}`);
  saveBlob(await response.blob(), `casestudy-${state.county}.${format}`);
}

const panels = { income, grid, cases, pairing, casestudy: caseStudy };
const panelTitles = { income: 'incomeTitle', grid: 'gridTitle', cases: 'casesTitle', pairing: 'pairingTitle', casestudy: 'caseStudyTitle' };

/** Empties a panel: no number of an earlier selection stays under the new one's title. */
function clearPanel(name) {
  const panel = $(`panel-${name}`);
  panel.querySelectorAll('.kpi .value').forEach((el) => { el.textContent = '–'; });
  panel.querySelectorAll('.kpi .delta').forEach((el) => { el.textContent = ''; });
  panel.querySelectorAll('.chart').forEach((el) => clearChart(el.id));
  panel.querySelectorAll('table').forEach((el) => { el.innerHTML = ''; });
  panel.querySelector('.exports')?.setAttribute('hidden', '');
}

function setPanelState(name, value, text = '') {
  const panel = $(`panel-${name}`);
  panel.dataset.state = value;
  panel.querySelector('.status').textContent = text;
}

let generation = 0;

async function refresh() {
  const current = ++generation;
  document.body.removeAttribute('data-ready');
  $('message').hidden = true;
  showFilters();
  await Promise.all(Object.entries(panels).map(async ([name, panel]) => {
    const title = t(panelTitles[name]);
    setPanelState(name, 'loading', t('loading', { panel: title }));
    try {
      const data = await panel.load();
      if (current !== generation) return;
      if (panel.draw(data)) {
        setPanelState(name, 'ready');
      } else {
        clearPanel(name);
        setPanelState(name, 'empty', t('empty', { panel: title }));
      }
    } catch (error) {
      if (current !== generation) return;
      clearPanel(name);
      setPanelState(name, 'error', t('panelFailed', { panel: title, error: error.message }));
    }
  }));
  if (current !== generation) return;
  // The first time every panel is drawn: the load time the browser tests read.
  if (!performance.getEntriesByName('dashboard-ready').length) performance.mark('dashboard-ready');
  document.body.dataset.ready = `${state.county}|${state.fromYear}|${state.toYear}|${state.lang}`;
}

/** The chosen filters in words, for the printed page's footer. */
function showFilters() {
  const parts = [regionLabel(), `${state.fromYear}–${state.toYear}`];
  if (state.channel) parts.push(label('channels', state.channel));
  if (state.domain) parts.push(label('domains', state.domain));
  $('printed-filters').textContent = t('printedFilters', { filters: parts.join(' · ') });
}

function applyLanguage() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  for (const option of $('channel').options) if (option.value) option.textContent = label('channels', option.value);
  for (const option of $('domain').options) if (option.value) option.textContent = label('domains', option.value);
  showWho();
}

/** Adds options for values not listed yet (the lists grow as panels load; the chosen value stays). */
function fillOptions(select, values, text) {
  const have = new Set([...select.options].map((o) => o.value));
  for (const value of values) if (!have.has(value)) select.add(new Option(text(value), value));
}
const fillChannels = (rows) => { if (!state.channel) fillOptions($('channel'), [...new Set(rows.map((r) => r.channel))].sort(), (c) => label('channels', c)); };
const fillDomains = (rows) => { if (!state.domain) fillOptions($('domain'), [...new Set(rows.map((r) => r.domain))], (d) => label('domains', d)); };

function fillTownships(rows) {
  state.townships = rows.map((r) => ({ regionCode: r.regionCode, regionName: r.regionName }));
  const select = $('township');
  while (select.options.length > 1) select.remove(1);
  for (const r of state.townships) select.add(new Option(r.regionName, r.regionCode));
  select.value = state.township;
  $('township-filter').hidden = !state.townships.length;
}

function setCounty(county) {
  if (state.lockedCounty && county !== state.lockedCounty) return;
  if ([...$('county').options].every((o) => o.value !== county)) return;
  state.county = county;
  state.township = '';
  state.townships = [];
  $('county').value = county;
  $('township').value = '';
  $('township-filter').hidden = true;
  refresh();
}

function setTownship(code) {
  state.township = code;
  $('township').value = code;
  refresh();
}

// ---- Who is signed in --------------------------------------------------------------------------------------------

const knownRole = () => Object.hasOwn(texts.zh.roles, state.claims?.role ?? '');

function showWho() {
  const claims = state.claims;
  $('who').hidden = !claims;
  if (!claims) return;
  $('who-text').textContent = t('signedInAs', {
    name: claims.name ?? '',
    role: label('roles', claims.role ?? ''),
    county: claims.county ? ` · ${claims.county}` : '',
  });
  $('who').dataset.role = claims.role ?? '';
}

function showSignIn(error = '') {
  if (error) sessionStorage.removeItem(tokenKey);
  $('signin').hidden = false;
  $('signin-error').textContent = error;
  $('signin-error').hidden = !error;
  $('who').hidden = true;
  $('signin-token').focus();
}

/** The signed-in caller, or null after showing the sign-in dialog (no token, not a JWT, expired). */
function signedIn() {
  const token = sessionStorage.getItem(tokenKey);
  if (!token) { showSignIn(); return null; }
  const claims = claimsOf(token);
  if (!claims) { showSignIn(t('tokenMalformed')); return null; }
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) {
    showSignIn(t('tokenExpired', { time: new Date(claims.exp * 1000).toLocaleString(locale(), { timeZone: 'Asia/Shanghai', hour12: false }) }));
    return null;
  }
  return claims;
}

function wireSignIn() {
  $('signin-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const token = $('signin-token').value.trim();
    if (!claimsOf(token)) {
      $('signin-error').textContent = t('tokenMalformed');
      $('signin-error').hidden = false;
      return;
    }
    sessionStorage.setItem(tokenKey, token);
    window.location.reload();
  });
  $('sign-out').addEventListener('click', () => {
    sessionStorage.removeItem(tokenKey);
    window.location.reload();
  });
}

// ---- Start -------------------------------------------------------------------------------------------------------

async function start() {
  wireSignIn();
  state.claims = signedIn();
  applyLanguage();
  if (!state.claims) return;
  // A county officer works in one county: the page opens on it and offers no other.
  if (state.claims.role === 'county-officer' && state.claims.county) state.lockedCounty = state.claims.county;
  try {
    const { analytics } = await gql('DashboardContext');
    showBuiltAt(analytics.warehouse.builtAt);
    showDataAsOf(analytics.warehouse.dataAsOf);
    for (const c of analytics.counties) {
      if (!state.lockedCounty || c.regionName === state.lockedCounty) $('county').add(new Option(c.regionName, c.regionName));
    }
    if (state.lockedCounty) {
      $('county').remove(0); // no 全市
      $('county').disabled = true;
    }
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
    if (!(error instanceof HttpError && (error.status === 401 || error.status === 403))) {
      $('message').textContent = t('loadFailed', { error: error.message });
      $('message').hidden = false;
    }
    return;
  }
  offerPdf();
  const params = new URLSearchParams(window.location.search);
  state.county = state.lockedCounty ?? params.get('county') ?? '';
  if ([...$('county').options].every((o) => o.value !== state.county)) state.county = '';
  state.township = state.county ? params.get('township') ?? '' : '';
  state.fromYear = Number(params.get('from') ?? state.fromYear);
  state.toYear = Number(params.get('to') ?? state.toYear);
  $('county').value = state.county;
  $('fromYear').value = String(state.fromYear);
  $('toYear').value = String(state.toYear);

  $('county').addEventListener('change', (e) => setCounty(e.target.value));
  $('township').addEventListener('change', (e) => setTownship(e.target.value));
  $('channel').addEventListener('change', (e) => { state.channel = e.target.value; refresh(); });
  $('domain').addEventListener('change', (e) => { state.domain = e.target.value; refresh(); });
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
  $('grid-up').addEventListener('click', () => (state.township ? setTownship('') : setCounty('')));
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
  // The map (map.js) asks for a county by clicking it.
  document.addEventListener('analytics:choose-county', (e) => setCounty(e.detail?.county ?? ''));
  // Charts are drawn for the screen's width: redrawn for the printed page's, and back.
  window.matchMedia('print').addEventListener('change', () => charts.forEach((c) => { c.instance.resize(); if (c.build) draw(c); }));
  await refresh();
}

start();
