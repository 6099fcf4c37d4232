/*
 * harness report.html: the interactive charts over time, drawn with uPlot
 * (inlined above this script) from the JSON in #harness-chart-data — no
 * network. Each chart: drag across to zoom (every chart of the profile
 * follows), double-click to reset, a crosshair whose values of every series
 * show in the legend, a click on a legend entry to hide or show a series.
 * Fault windows are shaded and stage boundaries dashed, as DOM elements
 * under the plot. Plain ES2020, no build step: it is inlined as is.
 */
(() => {
  const source = document.getElementById('harness-chart-data');
  const UPlot = globalThis.uPlot;
  if (!source || !UPlot) return;
  const data = JSON.parse(source.textContent);
  const HEIGHT = 240;
  const HINT = 'drag across to zoom · double-click to reset · click a legend entry to hide or show it';

  const short = (v, digits) => {
    if (v === 0) return '0';
    const a = Math.abs(v);
    if (a >= 100_000) return `${Math.round(v / 1000)}k`;
    if (a >= 10_000) return `${Number((v / 1000).toFixed(1))}k`;
    if (a >= 100) return String(Math.round(v));
    return String(Number(v.toPrecision(digits)));
  };
  const FORMATS = {
    rate: (v) => short(v, 3),
    ms: (v) => short(v, 3),
    pct: (v) => short(v, 2),
    count: (v) => String(Math.round(v)),
    cores: (v) => short(v, 2),
    mib: (v) => short(v, 3),
  };

  /** Elapsed seconds: `45 s`, `12.5 s`, `2m05s`, `1h02m`. */
  const elapsed = (s) => {
    if (Math.abs(s) < 60) return `${Number(s.toFixed(Math.abs(s) < 10 ? 2 : 1))} s`;
    const t = Math.round(s);
    const h = Math.floor(t / 3600);
    const m = Math.floor((t % 3600) / 60);
    const sec = t % 60;
    const pad = (n) => String(n).padStart(2, '0');
    return h > 0 ? `${h}h${pad(m)}m${pad(sec)}s` : `${m}m${pad(sec)}s`;
  };
  /** Axis ticks: whole seconds, minutes, hours. */
  const tick = (s) => {
    if (s < 60) return `${Number(s.toFixed(2))}s`;
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const sec = Math.round(s % 60);
    return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${sec ? `${sec}s` : ''}` || '0s';
  };
  const TIME_INCRS = [
    0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200,
  ];

  const rgba = (hex, alpha) => {
    if (alpha === undefined || !/^#[0-9a-f]{6}$/i.test(hex)) return hex;
    const n = Number.parseInt(hex.slice(1), 16);
    return `rgba(${n >> 16},${(n >> 8) & 255},${n & 255},${alpha})`;
  };

  /** Charts by sync key, for the shared zoom. */
  const groups = new Map();
  let syncing = false;

  function dataRange(u) {
    const xs = u.data[0];
    return [xs[0], xs[xs.length - 1]];
  }

  function showState(u) {
    const note = u.root.closest('figure')?.querySelector('.chart-state');
    if (!note) return;
    const [lo, hi] = dataRange(u);
    const { min, max } = u.scales.x;
    const zoomed = min > lo + 1e-9 || max < hi - 1e-9;
    note.textContent = zoomed ? `zoomed to ${elapsed(min)} – ${elapsed(max)} · double-click to reset` : HINT;
    note.classList.toggle('zoomed', zoomed);
  }

  /** Fault windows and stage markers, placed under the plot in CSS px. */
  function overlays(u, spec) {
    const layer = document.createElement('div');
    layer.className = 'overlays';
    u.under.appendChild(layer);
    const bands = spec.bands.map((b, i) => {
      const el = document.createElement('div');
      el.className = 'band';
      el.title = b.title;
      const label = document.createElement('span');
      label.textContent = b.label;
      // labels of overlapping windows stack instead of printing over each other
      const row = spec.bands.slice(0, i).filter((o) => o.from <= b.from && o.to > b.from).length;
      label.style.top = `${1 + row * 12}px`;
      el.appendChild(label);
      layer.appendChild(el);
      return { el, b };
    });
    const markers = spec.markers.map((m) => {
      const el = document.createElement('div');
      el.className = 'stage';
      const label = document.createElement('span');
      label.textContent = m.label;
      el.appendChild(label);
      layer.appendChild(el);
      return { el, m };
    });
    return () => {
      const width = u.over.clientWidth;
      const { min, max } = u.scales.x;
      const at = (v) => Math.min(Math.max(u.valToPos(v, 'x'), 0), width);
      for (const { el, b } of bands) {
        const visible = b.to > min && b.from < max;
        el.style.display = visible ? '' : 'none';
        el.style.left = `${at(b.from)}px`;
        el.style.width = `${Math.max(1, at(b.to) - at(b.from))}px`;
      }
      for (const { el, m } of markers) {
        el.style.display = m.at > min && m.at < max ? '' : 'none';
        el.style.left = `${at(m.at)}px`;
      }
    };
  }

  function make(el, spec) {
    const tables = spec.series.map((s) => {
      const table = data.tables[s.table];
      return [table.t, table.cols[s.col] ?? table.t.map(() => null)];
    });
    const aligned = UPlot.join(tables);
    const fmt = FORMATS[spec.format] ?? FORMATS.rate;
    let place = () => {};
    const opts = {
      width: Math.max(200, el.clientWidth),
      height: HEIGHT,
      scales: {
        x: { time: false },
        y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.08 : 1] },
      },
      axes: [
        { values: (_u, splits) => splits.map(tick), incrs: TIME_INCRS, space: 60 },
        {
          values: (_u, splits) => splits.map(fmt),
          size: 54,
          label: spec.unit,
          labelSize: 18,
          // Counts (VUs, replicas) tick at whole numbers only.
          ...(spec.format === 'count'
            ? { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4] }
            : {}),
        },
      ],
      series: [
        { label: 'time', value: (_u, v) => (v == null ? '–' : elapsed(v)) },
        ...spec.series.map((s) => ({
          label: s.label,
          stroke: rgba(s.color, s.alpha),
          width: s.width ?? 1.6,
          ...(s.dash ? { dash: s.dash } : {}),
          // A count that changes at an instant (replicas) holds its value until the next point.
          ...(s.stepped && UPlot.paths.stepped ? { paths: UPlot.paths.stepped({ align: 1 }) } : {}),
          points: { show: false },
          value: (_u, v) => (v == null ? '–' : `${fmt(v)} ${spec.unit}`),
        })),
      ],
      bands: (spec.fills ?? []).map((f) => ({ series: [f.upper + 1, f.lower + 1], fill: f.color })),
      cursor: {
        sync: { key: spec.sync, setSeries: false },
        drag: { x: true, y: false, setScale: true },
      },
      legend: { live: true },
      hooks: {
        ready: [(u) => (place = overlays(u, spec)), (u) => place(u), showState],
        setSize: [() => place()],
        setScale: [
          (u, key) => {
            if (key !== 'x') return;
            place();
            showState(u);
            if (syncing) return;
            syncing = true;
            const { min, max } = u.scales.x;
            for (const other of groups.get(spec.sync) ?? [])
              if (other !== u) other.setScale('x', { min, max });
            syncing = false;
          },
        ],
        setSeries: [
          (u, i, o) => {
            if (syncing || i == null || !o || o.show === undefined) return;
            const group = spec.series[i - 1]?.group;
            if (!group) return;
            syncing = true;
            spec.series.forEach((s, j) => {
              if (j !== i - 1 && s.group === group && u.series[j + 1].show !== o.show)
                u.setSeries(j + 1, { show: o.show });
            });
            syncing = false;
          },
        ],
      },
    };
    const u = new UPlot(opts, aligned, el);
    // Faint trial lines stay out of the legend; they follow their median's toggle.
    const rows = u.root.querySelectorAll('.u-legend .u-series');
    spec.series.forEach((s, j) => {
      if (s.quiet && rows[j + 1]) rows[j + 1].classList.add('quiet');
    });
    el.uplot = u;
    const list = groups.get(spec.sync) ?? [];
    list.push(u);
    groups.set(spec.sync, list);
    return u;
  }

  const made = [];
  for (const el of document.querySelectorAll('[data-chart]')) {
    const spec = data.charts[Number(el.dataset.chart)];
    if (spec) made.push([el, make(el, spec)]);
  }
  if ('ResizeObserver' in globalThis) {
    const observer = new ResizeObserver((entries) => {
      for (const entry of entries) {
        const u = entry.target.uplot;
        const width = Math.max(200, Math.floor(entry.contentRect.width));
        if (u && Math.abs(u.width - width) > 1) u.setSize({ width, height: HEIGHT });
      }
    });
    for (const [el] of made) observer.observe(el);
  }
  document.documentElement.classList.add('charts-ready');
})();
