// framescope report: builds the page from the data embedded in it
// (#framescope-data). Charts are Vega-Lite specifications (Vega for the
// actor network's force layout) rendered by vega-embed; the tables, the
// article list and the highlighted sentences are plain DOM. Nothing is
// fetched: everything the page needs is in the file.
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('framescope-data').textContent);

  // Okabe & Ito (2008), a palette told apart with any common colour vision
  // deficiency (its yellow last: too pale for lines on white); Paul Tol's
  // "muted" scheme for groups, and for frames beyond eight.
  const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#F0E442'];
  const TOL_MUTED = ['#332288', '#88CCEE', '#44AA99', '#117733', '#999933', '#DDCC77', '#CC6677', '#882255', '#AA4499'];
  const POLARITY = { positive: '#0072B2', negative: '#D55E00', mixed: '#CC79A7', 'co-mention': '#8c8c8c' };

  const frames = data.frames;
  const frameIndex = new Map(frames.map((f, i) => [f.id, i]));
  const frameColor = (id) => {
    const i = frameIndex.has(id) ? frameIndex.get(id) : 0;
    return i < OKABE_ITO.length ? OKABE_ITO[i] : TOL_MUTED[(i - OKABE_ITO.length) % TOL_MUTED.length];
  };
  const frameLabel = (id) => (frameIndex.has(id) ? frames[frameIndex.get(id)].label : id);
  const frameLabels = frames.map((f) => f.label);
  const frameColors = frames.map((f) => frameColor(f.id));

  const nf = (x, d = 2) => (x === null || x === undefined ? '' : Number(x).toFixed(d));
  const pct = (x) => `${Math.round(x * 100)}%`;
  const signed = (x, d = 2) => (x > 0 ? '+' : '') + nf(x, d);
  const int = (x) => Number(x).toLocaleString('en');
  const count = (n, one, many) => `${int(n)} ${Number(n) === 1 ? one : many || `${one}s`}`;
  const level = `${Math.round(data.overview.level * 100)}%`;

  // ---- DOM helpers -------------------------------------------------------

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k === 'style') e.setAttribute('style', v);
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function section(id) {
    return document.getElementById(id);
  }

  function table(caption, head, rows, numeric) {
    const num = new Set(numeric || []);
    return el('div', { class: 'tablewrap' },
      el('table', { class: 'data' },
        el('caption', { text: caption }),
        el('thead', {}, el('tr', {}, head.map((h, i) => el('th', { scope: 'col', class: num.has(i) ? 'num' : null, text: h })))),
        el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c, i) => el('td', { class: num.has(i) ? 'num' : null }, c)))))));
  }

  // ---- charts ------------------------------------------------------------

  const pending = [];
  let figureCount = 0;

  // A chart with a caption and a button that shows the same numbers as a
  // table (the chart's text alternative).
  function figure(parent, { title, caption, spec, mode, tableCaption, head, rows, numeric }) {
    const id = `fig${++figureCount}`;
    const chart = el('div', { class: 'chart', id: `${id}-chart`, role: 'img', 'aria-label': `${title}. The same numbers are in the table behind the “Show table” button.` });
    const wrap = el('div', { id: `${id}-table`, hidden: true }, table(tableCaption || title, head, rows, numeric));
    const toggle = el('button', {
      type: 'button', 'aria-expanded': 'false', 'aria-controls': `${id}-table`,
      onclick: () => {
        const open = wrap.hidden;
        wrap.hidden = !open;
        toggle.setAttribute('aria-expanded', String(open));
        toggle.textContent = open ? 'Hide table' : 'Show table';
      },
    }, 'Show table');
    parent.append(el('div', { class: 'figure' },
      el('h3', { text: title }),
      caption ? el('p', { class: 'caption', text: caption }) : null,
      chart,
      el('div', { class: 'tools' }, toggle),
      wrap));
    const done = vegaEmbed(chart, spec, { mode: mode || 'vega-lite', renderer: 'svg', actions: false })
      .then((result) => {
        chart.dataset.rendered = 'true';
        return result;
      })
      .catch((err) => {
        chart.dataset.rendered = 'error';
        chart.append(el('p', { class: 'empty', text: `This chart could not be drawn: ${err}. Its numbers are in the table.` }));
        console.error('framescope report: chart', title, err);
      });
    pending.push(done);
    return chart;
  }

  const baseConfig = {
    font: 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif',
    axis: { labelFontSize: 11, titleFontSize: 11, labelLimit: 220 },
    header: { labelFontSize: 12, labelFontWeight: 'bold', titleFontSize: 12 },
    legend: { labelFontSize: 11, titleFontSize: 11 },
    view: { stroke: '#ddd' },
  };

  const frameScale = { domain: frameLabels, range: frameColors };

  // ---- overview ----------------------------------------------------------

  function overview() {
    const s = section('overview');
    const o = data.overview;
    const dates = o.first_date ? `${o.first_date} – ${o.last_date}` : 'no dates';
    s.append(el('ul', { class: 'cards' },
      card(int(o.documents), 'articles'),
      card(int(o.words), 'words'),
      card(int(o.sentences), 'sentences'),
      card(pct(o.coverage), 'of sentences framed'),
      card(dates, o.undated ? `dates (${int(o.undated)} undated)` : 'dates'),
      card(data.rules.id, `rules · hash ${data.rules.hash.slice(0, 12)}`),
      card(`${int(o.bodies)} of ${int(o.documents)}`, o.bodies < o.documents ? `articles with sentences (cap ${int(o.cap)}, chosen by a seeded hash of the id)` : 'articles with sentences')));
    s.append(el('h3', { text: 'How to read this page' }),
      el('ul', { class: 'howto' },
        el('li', {}, 'A frame’s ', el('b', { text: 'density' }), ' is its score per 1,000 words: each matched term adds its weight, changed by negation, hedges, intensifiers and contrast. A frame is ', el('b', { text: 'present' }), ' in a sentence when its score is above zero; ', el('b', { text: 'coverage' }), ' is the share of sentences with any frame.'),
        el('li', {}, `Intervals are ${level} percentile bootstrap intervals (${int(o.resamples)} resamples of articles, seed ${o.seed}): a wide interval means few or very unequal articles.`),
        el('li', {}, 'Every chart has a “Show table” button with the same numbers as text.'),
        el('li', {}, 'In ', el('a', { href: '#articles', text: 'Articles' }), ', open an article to read its sentences with every matched term highlighted in its frame’s colour; hover or focus (Tab) a highlight for the rule, where it is declared (file:line), its weight, the modifiers that changed it and its context.'),
        el('li', {}, 'Rules and evidence come from the rule pack named above; the same input and options always give the same file.')));
    s.append(el('ul', { class: 'legend', 'aria-label': 'Frames and their colours' },
      frames.map((f) => el('li', { title: f.description || null },
        el('span', { class: 'swatch', style: `--c:${frameColor(f.id)}`, 'aria-hidden': 'true' }),
        el('b', { text: f.label }), f.description ? ` — ${f.description}` : ''))));

    const rows = o.frames.map((f) => ({
      frame: frameLabel(f.frame), estimate: f.density.estimate, low: f.density.low, high: f.density.high,
      share: f.share, dominant: f.dominant,
    }));
    figure(s, {
      title: 'Frame distribution',
      caption: `Mean density of each frame over all articles, with its ${level} interval; the tooltip and table add the share of articles in which it is present and in how many it is dominant.`,
      spec: {
        config: baseConfig,
        data: { values: rows },
        width: 520,
        height: { step: 24 },
        layer: [
          {
            mark: { type: 'bar', height: { band: 0.7 } },
            encoding: {
              y: { field: 'frame', type: 'nominal', sort: frameLabels, title: null },
              x: { field: 'estimate', type: 'quantitative', title: 'mean density per 1,000 words' },
              color: { field: 'frame', type: 'nominal', scale: frameScale, legend: null },
              tooltip: [
                { field: 'frame', title: 'frame' },
                { field: 'estimate', title: 'mean density', format: '.2f' },
                { field: 'low', title: `${level} low`, format: '.2f' },
                { field: 'high', title: `${level} high`, format: '.2f' },
                { field: 'share', title: 'articles with it', format: '.0%' },
                { field: 'dominant', title: 'dominant in' },
              ],
            },
          },
          // The interval: a dark line on a white one, visible on every bar.
          ...[['white', 4], ['#222', 1.5]].map(([color, strokeWidth]) => ({
            mark: { type: 'rule', color, strokeWidth },
            encoding: {
              y: { field: 'frame', type: 'nominal', sort: frameLabels },
              x: { field: 'low', type: 'quantitative' },
              x2: { field: 'high' },
            },
          })),
        ],
      },
      head: ['frame', 'mean density', `${level} interval`, 'articles with it', 'dominant in'],
      rows: rows.map((r) => [r.frame, nf(r.estimate), `${nf(r.low)} – ${nf(r.high)}`, pct(r.share), int(r.dominant)]),
      numeric: [1, 3, 4],
    });
  }

  function card(value, label) {
    return el('li', {}, el('span', { class: 'v', text: value }), el('span', { class: 'k', text: label }));
  }

  // ---- groups ------------------------------------------------------------

  function groupLabel(g) {
    return `${g.group} (${g.documents})${g.few ? ' ○' : ''}`;
  }

  function groups() {
    const s = section('groups');
    const g = data.groups;
    if (!g) {
      s.append(el('p', { class: 'empty', text: 'No groups: run `framescope report … --by KEY` (e.g. --by outlet, --by month) to compare groups of articles.' }));
      return;
    }
    const big = g.rows.filter((r) => !r.few);
    const few = g.rows.length - big.length;
    s.append(el('p', { class: 'note' },
      `${g.rows.length} groups by “${g.key}”, largest first. Dots are each group’s mean density of a frame, whiskers its ${level} interval (resampling the group’s articles). `,
      few ? `${count(few, 'group')} ${few === 1 ? 'has' : 'have'} fewer than ${g.min_docs} articles: their intervals are unreliable; they are marked ○ (hollow dots)${big.length ? ' and left out of the chart unless you include them' : ''}.` : ''));
    const holder = el('div');
    s.append(holder);
    let includeFew = big.length === 0;
    if (few && big.length) {
      const box = el('input', { type: 'checkbox', id: 'include-few' });
      box.addEventListener('change', () => { includeFew = box.checked; draw(); });
      s.insertBefore(el('p', { class: 'filters' }, box, el('label', { for: 'include-few', text: ` include the ${count(few, 'group')} under ${g.min_docs} articles (hollow dots)` })), holder);
    }
    function draw() {
      holder.replaceChildren();
      const shown = g.rows.filter((r) => includeFew || !r.few);
      const order = shown.map(groupLabel);
      const rows = [];
      for (const r of shown) {
        for (const f of r.frames) {
          rows.push({
            group: groupLabel(r), name: r.group, documents: r.documents, few: r.few, frame: frameLabel(f.frame),
            estimate: f.density.estimate, low: f.density.low, high: f.density.high,
            share: f.share.estimate, shareLow: f.share.low, shareHigh: f.share.high,
          });
        }
      }
      const point = (filled) => ({
        transform: [{ filter: filled ? '!datum.few' : 'datum.few' }],
        mark: { type: 'point', filled, size: 70, strokeWidth: 2, stroke: filled ? '#222' : null, strokeOpacity: filled ? 0.6 : 1 },
        encoding: {
          y: { field: 'group', type: 'nominal', sort: order, title: null },
          x: { field: 'estimate', type: 'quantitative' },
          color: { field: 'frame', type: 'nominal', scale: frameScale, legend: null },
          tooltip: [
            { field: 'name', title: g.key }, { field: 'documents', title: 'articles' }, { field: 'frame' },
            { field: 'estimate', title: 'mean density', format: '.2f' },
            { field: 'low', title: `${level} low`, format: '.2f' }, { field: 'high', title: `${level} high`, format: '.2f' },
            { field: 'share', title: 'articles with it', format: '.0%' },
          ],
        },
      });
      figure(holder, {
        title: `Frame density by ${g.key}`,
        caption: 'One panel per frame; the x scale is shared, so panels compare.',
        spec: {
          config: baseConfig,
          data: { values: rows },
          facet: { field: 'frame', type: 'nominal', sort: frameLabels, title: null },
          columns: 4,
          resolve: { axis: { x: 'independent' } },
          spec: {
            width: 170,
            height: { step: 18 },
            layer: [
              {
                mark: { type: 'rule', strokeWidth: 2 },
                encoding: {
                  y: { field: 'group', type: 'nominal', sort: order, title: null },
                  x: { field: 'low', type: 'quantitative', title: 'density per 1,000 words' },
                  x2: { field: 'high' },
                  color: { field: 'frame', type: 'nominal', scale: frameScale, legend: null },
                },
              },
              point(true),
              point(false),
            ],
          },
        },
        tableCaption: `Mean density per 1,000 words [${level} interval] and share of articles with the frame, by ${g.key}`,
        head: [g.key, 'articles'].concat(frames.map((f) => f.label)),
        rows: shown.map((r) => [r.group + (r.few ? ' ○' : ''), int(r.documents)].concat(r.frames.map((f) =>
          `${nf(f.density.estimate)} [${nf(f.density.low)}, ${nf(f.density.high)}] · ${pct(f.share.estimate)}`))),
        numeric: [1],
      });
    }
    draw();

    s.append(el('h3', { text: `Distinctive terms by ${g.key}` }),
      el('p', { class: 'note', text: 'The frame terms each group uses more than the others: log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008) as z-scores; |z| ≥ 1.96 is unlikely by chance. Each term shows its matches and the group’s articles that have it (“concentrated”: most matches come from three articles or fewer, so the z says more about those articles than about the group); click a term to list those articles.' }));
    // Small groups' terms wait behind a disclosure, as their dots do.
    const grid = el('div', { class: 'terms' });
    const smallGrid = el('div', { class: 'terms' });
    for (const r of g.rows) {
      const target = r.few && big.length ? smallGrid : grid;
      const frameZ = r.distinctive_frames.filter(([, z]) => Math.abs(z) >= 1.96)
        .map(([f, z]) => `${frameLabel(f)} z=${signed(z, 1)}`).join(' · ');
      target.append(el('div', {},
        el('h4', {}, r.group, ' ', el('span', { class: 'few-mark', text: `${count(r.documents, 'article')}${r.few ? ' ○ few' : ''}` })),
        el('p', { class: 'note', text: `frames vs the rest: ${frameZ || 'none with |z| ≥ 1.96'}` }),
        r.terms.length ? el('ol', {}, r.terms.map((t) => {
          const [frame, pattern] = splitRule(t.rule);
          return el('li', {},
            el('button', { type: 'button', class: 'linklike', onclick: () => showTerm(t.rule, r.group) }, pattern),
            ' ', el('span', { class: 'swatch', style: `--c:${frameColor(frame)}`, title: frameLabel(frame) }),
            el('span', { class: 'note', text: `${frameLabel(frame)} · z=${signed(t.z, 1)} · ${count(t.matches, 'match', 'matches')} in ${count(t.articles, 'article')}${t.concentrated ? ' · concentrated' : ''}` }));
        })) : el('p', { class: 'empty', text: 'no term stands out' })));
    }
    s.append(grid);
    if (smallGrid.childNodes.length) {
      s.append(el('details', {},
        el('summary', { text: `Distinctive terms of the ${count(smallGrid.childNodes.length, 'group')} under ${g.min_docs} articles` }),
        smallGrid));
    }
  }

  function splitRule(rule) {
    const i = rule.indexOf(':');
    return i < 0 ? ['', rule] : [rule.slice(0, i), rule.slice(i + 1)];
  }

  // ---- same events -------------------------------------------------------

  function paired() {
    const s = section('paired');
    const p = data.paired;
    if (!p) {
      s.append(el('p', { class: 'empty', text: 'No paired comparison: with --by, add `--pair-by KEY` (e.g. --pair-by event) when several groups cover the same events.' }));
      return;
    }
    if (!p.rows.length) {
      s.append(el('p', { class: 'empty', text: `No event under “${p.key}” is covered by two or more groups.` }));
      return;
    }
    const order = [...new Set(p.rows.map((r) => r.group))];
    const rows = p.rows.map((r) => ({
      group: r.group, frame: frameLabel(r.frame), estimate: r.difference.estimate, low: r.difference.low, high: r.difference.high,
      events: r.events, excludes0: r.difference.low > 0 || r.difference.high < 0,
    }));
    s.append(el('p', { class: 'note', text: `${int(p.events)} events (by “${p.key}”) are covered by two or more groups. On each event, a group’s mean density minus the other groups’ mean; then the mean over events, with its ${level} interval (resampling events). Right of the dashed line: the group uses the frame more than the others on the same events. A filled dot: the interval excludes 0.` }));
    figure(s, {
      title: 'Same events, different framing',
      caption: 'One small chart per frame.',
      spec: {
        config: baseConfig,
        data: { values: rows },
        facet: { field: 'frame', type: 'nominal', sort: frameLabels, title: null },
        columns: 4,
        resolve: { axis: { x: 'independent' } },
        spec: {
          width: 170,
          height: { step: 22 },
          layer: [
            { mark: { type: 'rule', strokeDash: [4, 3], color: '#666' }, encoding: { x: { datum: 0 } } },
            {
              mark: { type: 'rule', strokeWidth: 2 },
              encoding: {
                y: { field: 'group', type: 'nominal', sort: order, title: null },
                x: { field: 'low', type: 'quantitative', title: 'difference per 1,000 words' },
                x2: { field: 'high' },
                color: { field: 'frame', type: 'nominal', scale: frameScale, legend: null },
              },
            },
            {
              mark: { type: 'point', size: 70, strokeWidth: 2 },
              encoding: {
                y: { field: 'group', type: 'nominal', sort: order },
                x: { field: 'estimate', type: 'quantitative' },
                color: { field: 'frame', type: 'nominal', scale: frameScale, legend: null },
                fill: { condition: { test: 'datum.excludes0', value: '#222' }, value: 'white' },
                tooltip: [
                  { field: 'group' }, { field: 'frame' }, { field: 'estimate', title: 'difference', format: '+.2f' },
                  { field: 'low', title: `${level} low`, format: '+.2f' }, { field: 'high', title: `${level} high`, format: '+.2f' },
                  { field: 'events' },
                ],
              },
            },
          ],
        },
      },
      tableCaption: `Within-event difference per 1,000 words [${level} interval]; * the interval excludes 0`,
      head: ['group', 'events'].concat(frames.map((f) => f.label)),
      rows: order.map((g) => {
        const mine = rows.filter((r) => r.group === g);
        const events = Math.max(...mine.map((r) => r.events));
        return [g, int(events)].concat(frames.map((f) => {
          const r = mine.find((x) => x.frame === f.label);
          return r ? `${signed(r.estimate)} [${signed(r.low)}, ${signed(r.high)}]${r.excludes0 ? ' *' : ''}` : '–';
        }));
      }),
      numeric: [1],
    });
  }

  // ---- over time ---------------------------------------------------------

  function overTime() {
    const s = section('time');
    const t = data.time;
    if (!t.rows.length) {
      s.append(el('p', { class: 'empty', text: 'No article has a date with a month (metadata `date`, e.g. 2019-05-17), so there is nothing to draw over time.' }));
      return;
    }
    const grouped = !!data.by;
    const unit = t.unit;
    const rows = [];
    for (const r of t.rows) {
      r.density.forEach((d, i) => rows.push({
        period: unit === 'year' ? `${r.period}-01-01` : `${r.period}-01`, label: r.period,
        group: r.group, frame: frameLabel(frames[i].id), density: d, documents: r.documents,
      }));
    }
    const groupScale = { domain: t.groups, range: t.groups.map((_, i) => TOL_MUTED[i % TOL_MUTED.length]) };
    const timeUnit = unit === 'year' ? 'utcyear' : 'utcyearmonth';
    const x = { field: 'period', type: 'temporal', timeUnit, title: unit, axis: { format: unit === 'year' ? '%Y' : '%b %Y', labelAngle: -40 } };
    const tooltip = [
      { field: 'label', title: unit }, { field: 'group' }, { field: 'frame' },
      { field: 'density', title: 'mean density', format: '.2f' }, { field: 'documents', title: 'articles' },
    ];
    s.append(el('p', { class: 'note' },
      `Mean frame density per ${unit} (${t.rows.length} ${unit}-group points)`,
      grouped ? `, one line per ${data.by}` : '', '. ',
      data.overview.undated ? `${count(data.overview.undated, 'article')} without a date ${data.overview.undated === 1 ? 'is' : 'are'} not drawn. ` : '',
      t.groups_left_out ? `${count(t.groups_left_out, 'smaller group')} left out to keep the lines apart.` : ''));
    const spec = grouped
      ? {
        config: baseConfig,
        data: { values: rows },
        facet: { field: 'frame', type: 'nominal', sort: frameLabels, title: null },
        columns: 4,
        resolve: { axis: { x: 'independent' } },
        spec: {
          width: 190,
          height: 130,
          mark: { type: 'line', point: { size: 30 }, strokeWidth: 1.8 },
          encoding: {
            x,
            y: { field: 'density', type: 'quantitative', title: 'density' },
            color: { field: 'group', type: 'nominal', scale: groupScale, title: data.by },
            shape: { field: 'group', type: 'nominal', title: data.by },
            strokeDash: { field: 'group', type: 'nominal', title: data.by },
            tooltip,
          },
        },
      }
      : {
        config: baseConfig,
        data: { values: rows },
        width: 640,
        height: 260,
        mark: { type: 'line', point: { size: 40 }, strokeWidth: 2 },
        encoding: {
          x,
          y: { field: 'density', type: 'quantitative', title: 'mean density per 1,000 words' },
          color: { field: 'frame', type: 'nominal', scale: frameScale, title: 'frame' },
          shape: { field: 'frame', type: 'nominal', sort: frameLabels, title: 'frame' },
          tooltip,
        },
      };
    figure(s, {
      title: `Frames by ${unit}`,
      spec,
      tableCaption: `Mean density per 1,000 words by ${unit}${grouped ? ` and ${data.by}` : ''} (articles)`,
      head: [unit].concat(grouped ? [data.by] : [], ['articles'], frameLabels),
      rows: t.rows.map((r) => [r.period].concat(grouped ? [r.group] : [], [int(r.documents)], r.density.map((d) => nf(d)))),
      numeric: [grouped ? 2 : 1].concat(frames.map((_, i) => i + (grouped ? 3 : 2))),
    });
  }

  // ---- actors ------------------------------------------------------------

  function actors() {
    const s = section('actors');
    const n = data.network;
    if (!n.nodes.length) {
      s.append(el('p', { class: 'empty', text: 'No actor of the rule pack is mentioned.' }));
      return;
    }
    const drawn = (kind) => n.edges.filter((e) => (e.polarity === 'co-mention') === (kind === 'co')).length;
    const LABELS = 30;
    s.append(el('p', { class: 'note', text: `The stance network as \`framescope actors --format dot\` draws it (${int(n.edges_total)} edges among ${int(n.nodes_total)} actors), here its ${n.nodes.length} most-mentioned actors (circle area by mentions) with the ${drawn('stance')} strongest stance edges between them, arrows coloured by net polarity, and the ${drawn('co')} pairs most often mentioned in one sentence (${n.min_sentences}+ sentences) as grey dashed lines. Edges are labelled with the pair’s dominant shared frame${n.edges.length > LABELS ? ` (the ${LABELS} strongest on the drawing; every edge in its tooltip and the table)` : ''}.` }));
    const index = new Map(n.nodes.map((a, i) => [a.id, i]));
    const max = Math.max(...n.nodes.map((a) => a.mentions), 1);
    const nodes = n.nodes.map((a, i) => ({ index: i, id: a.id, name: a.name, mentions: a.mentions, r: 5 + 25 * Math.sqrt(a.mentions / max) }));
    const links = n.edges.map((e) => ({
      source: index.get(e.source), target: index.get(e.target), si: index.get(e.source), ti: index.get(e.target),
      from: e.source, to: e.target, polarity: e.polarity, net: e.net, count: e.count, sentences: e.sentences,
      label: e.polarity === 'co-mention' ? (e.frame ? frameLabel(e.frame) : '') : `${e.frame ? frameLabel(e.frame) : ''} ${signed(e.net, 1)}`.trim(),
      width: Math.min(e.width, 4), directed: e.polarity !== 'co-mention',
    }));
    // Label the strongest edges when there are too many to label all.
    [...links].sort((a, b) => (b.directed - a.directed) || (Math.abs(b.net) - Math.abs(a.net)) || (b.sentences - a.sentences))
      .forEach((l, i) => { l.show = i < LABELS; });
    const W = Math.min(1060, 600 + nodes.length * 16);
    const H = Math.max(400, Math.min(820, 260 + nodes.length * 15));
    figure(s, {
      title: 'Who stands with whom',
      caption: 'Hover a circle or an edge for its numbers.',
      spec: networkSpec(nodes, links, W, H),
      mode: 'vega',
      tableCaption: 'Edges drawn: stance (directed) and co-mention, with the dominant shared frame',
      head: ['from', 'to', 'kind', 'net stance', 'stance edges', 'sentences together', 'dominant frame'],
      rows: n.edges.map((e) => [e.source, e.target, e.polarity, e.polarity === 'co-mention' ? '' : signed(e.net, 2),
        e.polarity === 'co-mention' ? '' : int(e.count), int(e.sentences), e.frame ? frameLabel(e.frame) : '–']),
      numeric: [3, 4, 5],
    });

    // Frame profile per actor: the share of its frame score by frame.
    const heat = [];
    for (const a of data.actors) {
      const total = Object.values(a.frames).reduce((x, y) => x + y, 0);
      for (const f of frames) {
        const score = a.frames[f.id] || 0;
        heat.push({ actor: `${a.id} · ${a.name}`, frame: f.label, score, share: total ? score / total : 0, mentions: a.mentions });
      }
    }
    const actorOrder = data.actors.map((a) => `${a.id} · ${a.name}`);
    figure(s, {
      title: 'Frame profile per actor',
      caption: 'For each actor (most mentioned first), how the frame scores of the sentences that mention it divide among the frames.',
      spec: {
        config: baseConfig,
        data: { values: heat },
        width: { step: 62 },
        height: { step: 18 },
        layer: [
          {
            mark: { type: 'rect', stroke: 'white' },
            encoding: {
              x: { field: 'frame', type: 'nominal', sort: frameLabels, title: null, axis: { orient: 'top', labelAngle: 0 } },
              y: { field: 'actor', type: 'nominal', sort: actorOrder, title: null },
              color: { field: 'share', type: 'quantitative', scale: { scheme: 'blues', domain: [0, 1] }, title: 'share', legend: { format: '.0%' } },
              tooltip: [{ field: 'actor' }, { field: 'frame' }, { field: 'score', format: '.2f' }, { field: 'share', format: '.0%' }],
            },
          },
          {
            mark: { type: 'text', fontSize: 9 },
            encoding: {
              x: { field: 'frame', type: 'nominal', sort: frameLabels },
              y: { field: 'actor', type: 'nominal', sort: actorOrder },
              text: { field: 'share', type: 'quantitative', format: '.0%' },
              color: { condition: { test: 'datum.share > 0.5', value: 'white' }, value: '#111' },
            },
          },
        ],
      },
      tableCaption: 'Summed frame scores of the sentences mentioning each actor (share of its total)',
      head: ['actor', 'mentions'].concat(frameLabels),
      rows: data.actors.map((a) => {
        const total = Object.values(a.frames).reduce((x, y) => x + y, 0);
        return [`${a.id} · ${a.name}`, int(a.mentions)].concat(frames.map((f) => {
          const v = a.frames[f.id] || 0;
          return `${nf(v)} (${total ? pct(v / total) : '0%'})`;
        }));
      }),
      numeric: [1],
    });

    s.append(el('h3', { text: 'Actors: stance, quotes and frames in their own words' }));
    const grid = el('div', { class: 'actors' });
    for (const a of data.actors) {
      const top = (m) => Object.entries(m).filter(([, v]) => v > 0).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
        .slice(0, 3).map(([f, v]) => `${frameLabel(f)} ${nf(v)}`).join(' · ') || '–';
      const stance = (list) => list.map(([id, net, edges]) => `${id} ${signed(net)} (${edges})`).join(' · ');
      grid.append(el('details', { id: `actor-${a.id}` },
        el('summary', {}, `${a.id} · ${a.name}`, ' ', el('span', { class: 'few-mark', text: `${a.kind} · ${int(a.mentions)} mentions · ${int(a.sentences)} sentences` })),
        el('p', {}, el('b', { text: 'frames around it: ' }), top(a.frames)),
        a.gives.length ? el('p', {}, el('b', { text: 'stance given: ' }), stance(a.gives)) : null,
        a.receives.length ? el('p', {}, el('b', { text: 'stance received: ' }), stance(a.receives)) : null,
        el('p', {}, el('b', { text: 'quoted: ' }), a.quotes ? `${int(a.quotes)}× · frames in its words: ${top(a.quoted_frames)}` : 'never'),
        a.examples.map((q) => el('blockquote', {},
          `“${q.text}” — ${q.speaker}${q.verb ? ` (${q.verb})` : ''}${q.resolved ? ' [resolved reference]' : ''} `,
          articleLink(q.article)))));
    }
    s.append(grid);
    if (data.sources.length) {
      figureless(s, 'Quoted sources that are not actors', ['source', 'quotes', 'frames in their words'],
        data.sources.map((x) => [x.name, int(x.quotes), Object.entries(x.frames).filter(([, v]) => v > 0)
          .sort((p, q) => q[1] - p[1]).slice(0, 3).map(([f, v]) => `${frameLabel(f)} ${nf(v)}`).join(' · ') || '–']), [1]);
    }
  }

  function figureless(parent, title, head, rows, numeric) {
    parent.append(el('h3', { text: title }), table(title, head, rows, numeric));
  }

  // The network as a Vega spec: the force layout runs on the node data, so
  // that the edges can look up the laid-out positions; nodes and their
  // labels are drawn from it, edges, arrowheads and edge labels from the
  // laid-out edges. d3-force starts from a fixed arrangement and draws its
  // random jiggle from a seeded generator, so the layout is the same on
  // every opening.
  function networkSpec(nodes, links, W, H) {
    // Edge labels sit at the middle of the edge; a stance label moves to
    // its edge's side, so that A→B and B→A labels do not cover each other.
    const label = (fill) => ({
      type: 'text',
      from: { data: 'edges' },
      interactive: false,
      encode: {
        update: Object.assign({
          x: { signal: '(datum.x1 + datum.x2) / 2 - datum.uy * 2.5 * datum.off' },
          y: { signal: '(datum.y1 + datum.y2) / 2 + datum.ux * 2.5 * datum.off' },
          text: { signal: "datum.show ? datum.label : ''" }, align: { value: 'center' }, baseline: { value: 'middle' }, fontSize: { value: 9 },
        }, fill),
      },
    });
    return {
      width: W,
      height: H,
      autosize: 'none',
      padding: 8,
      config: { text: { font: baseConfig.font }, legend: { labelFontSize: 11, titleFontSize: 11 } },
      data: [
        { name: 'link-data', values: links },
        {
          name: 'node-data',
          values: nodes.map((n) => Object.assign({ tx: W / 2, ty: H / 2 }, n)),
          transform: [{
            type: 'force',
            static: true,
            iterations: 400,
            forces: [
              { force: 'center', x: W / 2, y: H / 2 },
              { force: 'collide', radius: { expr: 'datum.r + 14' } },
              { force: 'nbody', strength: -600 },
              { force: 'link', links: 'link-data', distance: 190 },
              // Pull every node gently toward the middle (the x and y
              // forces take a field: tx and ty hold the centre).
              { force: 'x', x: 'tx', strength: 0.05 },
              { force: 'y', y: 'ty', strength: 0.09 },
            ],
          },
          // Keep every circle and its label on the canvas.
          { type: 'formula', as: 'x', expr: `clamp(datum.x, datum.r + 24, ${W} - datum.r - 24)` },
          { type: 'formula', as: 'y', expr: `clamp(datum.y, datum.r + 4, ${H} - datum.r - 20)` }],
        },
        {
          // Edge ends after the layout, shifted apart so that A→B and B→A
          // do not overlap, and stopped at the circles.
          name: 'edges',
          source: 'link-data',
          transform: [
            { type: 'lookup', from: 'node-data', key: 'index', fields: ['si', 'ti'], as: ['s', 't'] },
            { type: 'formula', as: 'len', expr: 'max(1, sqrt(pow(datum.t.x - datum.s.x, 2) + pow(datum.t.y - datum.s.y, 2)))' },
            { type: 'formula', as: 'ux', expr: '(datum.t.x - datum.s.x) / datum.len' },
            { type: 'formula', as: 'uy', expr: '(datum.t.y - datum.s.y) / datum.len' },
            { type: 'formula', as: 'off', expr: 'datum.directed ? 4 : 0' },
            { type: 'formula', as: 'x1', expr: 'datum.s.x + datum.ux * datum.s.r - datum.uy * datum.off' },
            { type: 'formula', as: 'y1', expr: 'datum.s.y + datum.uy * datum.s.r + datum.ux * datum.off' },
            { type: 'formula', as: 'x2', expr: 'datum.t.x - datum.ux * (datum.t.r + 2) - datum.uy * datum.off' },
            { type: 'formula', as: 'y2', expr: 'datum.t.y - datum.uy * (datum.t.r + 2) + datum.ux * datum.off' },
            { type: 'formula', as: 'angle', expr: 'atan2(datum.uy, datum.ux) * 180 / PI' },
          ],
        },
      ],
      scales: [
        { name: 'polarity', type: 'ordinal', domain: Object.keys(POLARITY), range: Object.values(POLARITY) },
      ],
      legends: [{ stroke: 'polarity', title: 'edge', orient: 'top-left', symbolType: 'stroke', symbolStrokeWidth: 3 }],
      marks: [
        {
          type: 'rule',
          from: { data: 'edges' },
          encode: {
            update: {
              x: { field: 'x1' }, y: { field: 'y1' }, x2: { field: 'x2' }, y2: { field: 'y2' },
              stroke: { scale: 'polarity', field: 'polarity' },
              strokeWidth: { field: 'width' },
              strokeDash: { signal: 'datum.directed ? [1, 0] : [5, 4]' },
              strokeOpacity: { value: 0.85 },
              tooltip: { signal: "{title: datum.from + (datum.directed ? ' → ' : ' – ') + datum.to, kind: datum.polarity, 'dominant frame': datum.label, 'sentences together': datum.sentences}" },
            },
          },
        },
        {
          type: 'symbol',
          from: { data: 'edges' },
          interactive: false,
          encode: {
            update: {
              x: { field: 'x2' }, y: { field: 'y2' },
              shape: { value: 'triangle-right' },
              angle: { field: 'angle' },
              size: { signal: 'datum.directed ? 90 : 0' },
              fill: { scale: 'polarity', field: 'polarity' },
            },
          },
        },
        {
          type: 'symbol',
          from: { data: 'node-data' },
          encode: {
            update: {
              x: { field: 'x' }, y: { field: 'y' },
              fill: { value: '#dbe9f6' },
              stroke: { value: '#0b3c5d' },
              strokeWidth: { value: 1.2 },
              size: { signal: '4 * datum.r * datum.r' },
              tooltip: { signal: "{title: datum.name + ' (' + datum.id + ')', mentions: datum.mentions}" },
            },
          },
        },
        {
          // Node labels below the circle (small circles cannot hold them).
          type: 'text',
          from: { data: 'node-data' },
          interactive: false,
          encode: {
            update: {
              x: { field: 'x' }, y: { signal: 'datum.y + datum.r + 2' }, text: { field: 'id' },
              align: { value: 'center' }, baseline: { value: 'top' },
              fontSize: { value: 12 }, fontWeight: { value: 'bold' }, fill: { value: '#0b2336' },
              stroke: { value: 'white' }, strokeWidth: { value: 3 }, strokeOpacity: { value: 0.85 },
            },
          },
        },
        {
          type: 'text',
          from: { data: 'node-data' },
          interactive: false,
          encode: {
            update: {
              x: { field: 'x' }, y: { signal: 'datum.y + datum.r + 2' }, text: { field: 'id' },
              align: { value: 'center' }, baseline: { value: 'top' },
              fontSize: { value: 12 }, fontWeight: { value: 'bold' }, fill: { value: '#0b2336' },
            },
          },
        },
        label({ fill: { value: '#333' }, stroke: { value: 'white' }, strokeWidth: { value: 2.5 }, strokeOpacity: { value: 0.9 } }),
        label({ fill: { scale: 'polarity', field: 'polarity' } }),
      ],
    };
  }

  // ---- articles ----------------------------------------------------------

  const bodies = data.bodies;
  const rules = data.rule_table;
  let termFilter = null;
  let renderList = () => {};

  function articleLink(i) {
    const a = data.articles[i];
    return el('button', { type: 'button', class: 'linklike', onclick: () => openArticle(i, true) }, a.body === null ? `${a.id} (listed only)` : `read ${a.id}`);
  }

  function showTerm(rule, group) {
    termFilter = { rule, group };
    renderList();
    document.getElementById('articles').scrollIntoView();
    document.getElementById('article-search').focus();
  }

  function articleHasRule(i, rule) {
    const a = data.articles[i];
    if (a.body === null) return false;
    return bodies[a.body].sentences.some((s) => (s.c || []).some((c) => rules[c.r].id === rule));
  }

  function articlesSection() {
    const s = section('articles');
    const cap = data.overview.bodies < data.overview.documents
      ? ` Sentences are included for ${int(data.overview.bodies)} of the ${int(data.overview.documents)} articles (the cap is ${int(data.overview.cap)}; which ones is decided by a seeded hash of each id, so the same corpus always gives the same choice); the others are listed.`
      : '';
    s.append(el('p', { class: 'note', text: `Search by title, id, ${data.by ? `${data.by}, ` : ''}date, source or dominant frame; open an article to read its sentences with the evidence.${cap}` }));
    const search = el('input', { type: 'search', id: 'article-search', placeholder: 'e.g. missile, 2019-05, threat', 'aria-describedby': 'article-count' });
    const groupSelect = data.by ? el('select', { id: 'article-group' },
      el('option', { value: '', text: `every ${data.by}` }),
      (data.groups ? data.groups.rows : []).map((g) => el('option', { value: g.group, text: `${g.group} (${g.documents})` }))) : null;
    const chip = el('span');
    const counter = el('span', { id: 'article-count', class: 'note', 'aria-live': 'polite' });
    s.append(el('div', { class: 'filters' },
      el('label', { for: 'article-search', text: 'Search articles' }), search,
      groupSelect ? el('label', { for: 'article-group', text: data.by }) : null, groupSelect,
      chip, counter));
    const list = el('ol', { class: 'list', id: 'article-list' });
    const more = el('button', { type: 'button', class: 'more' }, 'Show more');
    s.append(list, more);
    let limit = 100;
    const text = data.articles.map((a) => [a.id, a.title || '', a.group || '', a.date || '', a.source, a.dominant.map(frameLabel).join(' ')].join(' \u0001 ').toLowerCase());
    renderList = () => {
      const q = search.value.trim().toLowerCase();
      const g = groupSelect ? groupSelect.value : '';
      chip.replaceChildren();
      if (termFilter) {
        const [frame, pattern] = splitRule(termFilter.rule);
        chip.append(el('span', { class: 'chip' }, `term “${pattern}” (${frameLabel(frame)}) in ${termFilter.group}`,
          el('button', { type: 'button', 'aria-label': 'Clear the term filter', onclick: () => { termFilter = null; renderList(); } }, '×')));
      }
      const matches = [];
      for (let i = 0; i < data.articles.length; i++) {
        const a = data.articles[i];
        if (g && a.group !== g) continue;
        if (termFilter && (a.group !== termFilter.group || !articleHasRule(i, termFilter.rule))) continue;
        if (q && !text[i].includes(q)) continue;
        matches.push(i);
      }
      let note = count(matches.length, 'article');
      if (termFilter) {
        const row = data.groups.rows.find((r) => r.group === termFilter.group);
        const t = row && row.terms.find((x) => x.rule === termFilter.rule);
        if (t && t.articles > matches.length) note += ` with sentences here; ${int(t.articles)} in the corpus have the term`;
      }
      counter.textContent = note;
      list.replaceChildren(...matches.slice(0, limit).map(listItem));
      more.hidden = matches.length <= limit;
      more.textContent = `Show more (${int(matches.length - Math.min(limit, matches.length))} left)`;
    };
    more.addEventListener('click', () => { limit += 200; renderList(); });
    search.addEventListener('input', () => { limit = 100; renderList(); });
    if (groupSelect) groupSelect.addEventListener('change', () => { limit = 100; renderList(); });
    renderList();
  }

  function listItem(i) {
    const a = data.articles[i];
    const li = el('li', { id: `article-${i}` });
    const open = el('button', {
      type: 'button', class: 'open', 'aria-expanded': 'false', disabled: a.body === null,
      title: a.body === null ? 'Sentences not included (beyond the cap)' : null,
    }, a.title || a.id);
    const panel = el('div', { class: 'article', hidden: true });
    open.addEventListener('click', () => toggleArticle(i, open, panel));
    li.append(el('div', { class: 'row' },
      open,
      el('span', { class: 'meta' }, [a.id, a.group, a.date, `${int(a.words)} words`].filter(Boolean).join(' · ')),
      a.dominant.map((f) => el('span', { class: 'dom', style: `--c:${frameColor(f)}`, text: frameLabel(f) })),
      a.body === null ? el('span', { class: 'meta', text: '(listed only)' }) : null),
    panel);
    return li;
  }

  function toggleArticle(i, button, panel) {
    const open = panel.hidden;
    if (open && !panel.firstChild) panel.append(renderBody(i));
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
  }

  function openArticle(i, scroll) {
    const search = document.getElementById('article-search');
    if (!document.getElementById(`article-${i}`)) {
      termFilter = null;
      if (search) search.value = data.articles[i].id;
      const g = document.getElementById('article-group');
      if (g) g.value = '';
      renderList();
    }
    const li = document.getElementById(`article-${i}`);
    if (!li) return;
    const button = li.querySelector('button.open');
    const panel = li.querySelector('.article');
    if (panel.hidden && !button.disabled) toggleArticle(i, button, panel);
    if (scroll) li.scrollIntoView();
    button.focus();
  }

  function renderBody(i) {
    const a = data.articles[i];
    const b = bodies[a.body];
    const frag = document.createDocumentFragment();
    frag.append(el('p', { class: 'note' }, `source ${a.source}`, a.title ? ` · id ${a.id}` : ''));
    const ol = el('ol', { class: 'sentences' });
    b.sentences.forEach((s, si) => ol.append(sentence(b, s, si)));
    frag.append(ol);
    return frag;
  }

  // Splits a sentence at every highlight boundary; each piece knows the
  // contributions, mentions, stance cues and quotes covering it.
  function sentence(body, s, si) {
    const marks = [];
    (s.c || []).forEach((c, k) => marks.push({ a: c.a, b: c.b, kind: 'c', k }));
    (s.m || []).forEach((m, k) => marks.push({ a: m.a, b: m.b, kind: 'm', k }));
    (s.e || []).forEach((e, k) => marks.push({ a: e.a, b: e.b, kind: 'e', k }));
    (s.q || []).forEach((q, k) => marks.push({ a: q[0], b: q[1], kind: 'q', k }));
    const len = s.t.length;
    const cuts = new Set([0, len]);
    for (const m of marks) {
      m.a = Math.max(0, Math.min(len, m.a));
      m.b = Math.max(m.a, Math.min(len, m.b));
      cuts.add(m.a);
      cuts.add(m.b);
    }
    const points = [...cuts].sort((x, y) => x - y);
    const li = el('li', { value: si + 1 });
    const p = el('div', { class: 'st' });
    for (let j = 0; j + 1 < points.length; j++) {
      const [from, to] = [points[j], points[j + 1]];
      if (from === to) continue;
      const piece = s.t.slice(from, to);
      const over = marks.filter((m) => m.a <= from && m.b >= to && m.a < m.b);
      if (!over.length) {
        p.append(piece);
        continue;
      }
      const cs = over.filter((m) => m.kind === 'c').map((m) => s.c[m.k]);
      const ms = over.filter((m) => m.kind === 'm').map((m) => s.m[m.k]);
      const es = over.filter((m) => m.kind === 'e').map((m) => s.e[m.k]);
      const qs = over.filter((m) => m.kind === 'q').map((m) => body.quotes[s.q[m.k][2]]);
      let node;
      if (cs.length) {
        const f = splitRule(rules[cs[0].r].id)[0];
        const multi = new Set(cs.map((c) => splitRule(rules[c.r].id)[0])).size > 1;
        node = el('mark', { class: `fr hl${multi ? ' multi' : ''}`, style: `--c:${frameColor(f)}`, tabindex: '0' }, piece);
      } else if (ms.length || es.length) {
        node = el('span', { class: 'hl', tabindex: '0' }, piece);
      } else {
        node = el('span', { class: 'qt hl' }, piece);
      }
      if (ms.length) node.classList.add('ac');
      if (ms.some((m) => m.r)) node.classList.add('ref');
      if (es.length) node.classList.add('cue');
      if (qs.length) node.classList.add('qt');
      node.tip = { s, cs, ms, es, qs };
      p.append(node);
    }
    li.append(p);
    const notes = el('div', { class: 'sn' });
    const fs = Object.entries(s.f || {});
    if (fs.length) {
      notes.append(el('span', { class: 'chipf' }, 'frames: ', fs.map(([f, v], k) => [k ? ' · ' : '',
        el('span', { class: 'swatch', style: `--c:${frameColor(f)}`, 'aria-hidden': 'true' }), `${frameLabel(f)} ${nf(v)}`])));
    }
    for (const e of s.e || []) {
      notes.append(el('div', {}, `stance: ${e.from} → ${e.to} ${e.p} ${nf(e.w)} “${s.t.slice(e.a, e.b)}” ${e.r} (${e.o}) from “${e.st}” to “${e.tt}”${e.pv ? ' (passive or reversed)' : ''}`));
    }
    const starts = new Set();
    for (const q of s.q || []) {
      const quote = body.quotes[q[2]];
      if (starts.has(q[2]) || q[0] !== Math.min(...(s.q || []).filter((x) => x[2] === q[2]).map((x) => x[0]))) continue;
      starts.add(q[2]);
      if (!firstSentenceOf(body, q[2], s)) continue;
      notes.append(el('div', {}, `quote: “${short(quote.t, 90)}” ← ${speaker(quote)}`));
    }
    const refs = (s.m || []).filter((m) => m.r);
    if (refs.length) notes.append(el('div', {}, `resolved references: ${refs.map((m) => `“${s.t.slice(m.a, m.b)}” → ${m.x} (${m.n})`).join(' · ')}`));
    if (notes.childNodes.length) li.append(notes);
    return li;
  }

  function firstSentenceOf(body, q, s) {
    for (const x of body.sentences) {
      if ((x.q || []).some((y) => y[2] === q)) return x === s;
    }
    return false;
  }

  function short(t, n) {
    return t.length > n ? `${t.slice(0, n - 1)}…` : t;
  }

  function speaker(q) {
    if (!q.sp) return 'unattributed';
    const who = q.x ? `${q.x} “${q.sp}”` : `“${q.sp}” (not an actor)`;
    return `${who}${q.v ? ` (${q.v})` : ''}${q.r ? ' [resolved reference]' : ''}${q.l ? ` · ${q.l}` : ''}`;
  }

  // ---- tooltip for highlights -------------------------------------------

  const tip = document.getElementById('tip');

  function tipContent(t) {
    const out = [];
    for (const c of t.cs) {
      const rule = rules[c.r];
      const f = splitRule(rule.id)[0];
      const mods = (c.m || []).map(([kind, text, factor]) => `${kind} “${text}” ×${nf(factor)}`).join(', ');
      const context = [c.q ? 'in quoted words' : 'in the article’s own voice'];
      const q = t.qs[0];
      if (c.q && q) context.push(`speaker: ${speaker(q)}`);
      if (t.s.m && t.s.m.length) context.push(`actors in the sentence: ${[...new Set(t.s.m.map((m) => m.x))].join(', ')}`);
      out.push(el('div', {},
        el('b', { text: `${frameLabel(f)} +${nf(c.s)}` }), ' ', el('span', { class: 't', text: `rule ${rule.id}` }), el('br'),
        `declared at ${rule.origin}`, el('br'),
        `weight ${nf(c.w)}${mods ? ` · modifiers: ${mods}` : ' · no modifiers'}`, el('br'),
        `context: ${context.join('; ')}`));
    }
    for (const m of t.ms) {
      out.push(el('div', {},
        el('b', { text: `actor ${m.x}` }), ` via ${m.n} (${m.o})`,
        m.r ? ' · resolved reference' : '', m.l ? ` · role ${m.l}` : ''));
    }
    for (const e of t.es) {
      const mods = (e.m || []).map(([kind, text, factor]) => `${kind} “${text}” ×${nf(factor)}`).join(', ');
      out.push(el('div', {},
        el('b', { text: `stance ${e.from} → ${e.to} ${e.p} ${nf(e.w)}` }), ` · ${e.r} (${e.o})`, mods ? ` · ${mods}` : ''));
    }
    if (!t.cs.length) {
      for (const q of t.qs) out.push(el('div', {}, `quoted words · speaker: ${speaker(q)}`));
    }
    return out;
  }

  function showTip(target) {
    if (!target || !target.tip) return;
    tip.replaceChildren(...tipContent(target.tip));
    tip.hidden = false;
    const r = target.getBoundingClientRect();
    const top = window.scrollY + r.bottom + 6;
    let left = window.scrollX + r.left;
    tip.style.top = `${top}px`;
    tip.style.left = `${left}px`;
    const w = tip.offsetWidth;
    if (left + w > window.scrollX + document.documentElement.clientWidth - 8) {
      left = Math.max(window.scrollX + 8, window.scrollX + document.documentElement.clientWidth - w - 8);
      tip.style.left = `${left}px`;
    }
    target.setAttribute('aria-describedby', 'tip');
  }

  function hideTip(target) {
    tip.hidden = true;
    if (target && target.removeAttribute) target.removeAttribute('aria-describedby');
  }

  document.addEventListener('mouseover', (ev) => {
    const t = ev.target.closest && ev.target.closest('.hl');
    if (t) showTip(t);
  });
  document.addEventListener('mouseout', (ev) => {
    const t = ev.target.closest && ev.target.closest('.hl');
    if (t && !t.contains(ev.relatedTarget)) hideTip(t);
  });
  document.addEventListener('focusin', (ev) => {
    if (ev.target.classList && ev.target.classList.contains('hl')) showTip(ev.target);
  });
  document.addEventListener('focusout', (ev) => {
    if (ev.target.classList && ev.target.classList.contains('hl')) hideTip(ev.target);
  });
  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') hideTip(document.activeElement);
  });

  // ---- build -------------------------------------------------------------

  for (const [name, build] of [['overview', overview], ['groups', groups], ['paired', paired], ['time', overTime], ['actors', actors], ['articles', articlesSection]]) {
    try {
      build();
    } catch (err) {
      console.error(`framescope report: section ${name}`, err);
      section(name).append(el('p', { class: 'empty', text: `This section could not be built: ${err}` }));
    }
  }
  window.framescopeReport = { rendered: Promise.all(pending).then(() => pending.length) };
})();
