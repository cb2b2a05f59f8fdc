// What a projector or a phone would show cut, read from the rendered page by tests/browser/layout.py.
// One object of checks; each returns readable findings ("chart key: text"), empty when all is well.
({
  // Every text Plotly draws outside the data: titles and subtitles, axis titles, tick labels, legend
  // entries, annotations and colour-bar titles.
  chartText:
    ".gtitle, .gtitle-subtitle, .xtitle, .ytitle, .x2title, .y2title, .xtick text, .ytick text, " +
    ".x2tick text, .y2tick text, .legendtext, .annotation-text, .cbtitle text",

  chartKey(plot) {
    const match = plot.closest('[class*="st-key-"]')?.className.match(/st-key-([\w-]+)/);
    return match ? match[1] : "?";
  },

  clippedChartText() {
    const found = [];
    for (const plot of document.querySelectorAll(".js-plotly-plot")) {
      const svg = plot.querySelector(".main-svg");
      if (!svg) continue;
      const box = svg.getBoundingClientRect();
      for (const text of plot.querySelectorAll(this.chartText)) {
        const r = text.getBoundingClientRect();
        if (!r.width || !text.textContent.trim()) continue;
        // How far past each edge, so that a failure says where (and by how much) the text is cut.
        const past = { left: box.left - r.left, right: r.right - box.right, top: box.top - r.top, bottom: r.bottom - box.bottom };
        const cut = Object.entries(past).filter(([, by]) => by > 1);
        if (cut.length) {
          const where = cut.map(([edge, by]) => `${by.toFixed(1)} px past the ${edge}`).join(", ");
          found.push(`${this.chartKey(plot)}: "${text.textContent.trim()}" (${where} of a ${box.width.toFixed(0)} px chart)`);
        }
      }
    }
    return found;
  },

  legendsOverTitles() {
    const found = [];
    const meets = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    for (const plot of document.querySelectorAll(".js-plotly-plot")) {
      const titles = [...plot.querySelectorAll(".gtitle, .gtitle-subtitle")].map((t) => t.getBoundingClientRect());
      for (const entry of plot.querySelectorAll(".legend .traces")) {
        const r = entry.getBoundingClientRect();
        if (r.width && titles.some((t) => t.width && meets(r, t))) {
          found.push(`${this.chartKey(plot)}: legend entry "${entry.textContent.trim()}" meets the title`);
        }
      }
    }
    return found;
  },

  cutButtons() {
    const found = [];
    // Buttons and links (a page link is cut the same way, to "…").
    for (const button of document.querySelectorAll('[data-testid="stMain"] button, [data-testid="stMain"] a')) {
      const cut = [...button.querySelectorAll("*")].some(
        (label) => getComputedStyle(label).textOverflow === "ellipsis" && label.scrollWidth > label.clientWidth,
      );
      if (cut) found.push(`button "${button.innerText.trim()}" shows only part of its label`);
    }
    return found;
  },

  wideFormulas() {
    const found = [];
    for (const formula of document.querySelectorAll('[data-testid="stMain"] .katex-display')) {
      // Wider than its column it scrolls (KaTeX's own overflow), which is fine only in a region that can
      // take the keyboard focus; else a keyboard user cannot reach the rest, and it reads as cut.
      // (KaTeX's boxes overhang by a pixel or two even where all fits: that is not cut.)
      if (formula.scrollWidth <= formula.clientWidth + 4) continue;
      const scrolls = (element) =>
        element.scrollWidth > element.clientWidth + 4 && ["auto", "scroll"].includes(getComputedStyle(element).overflowX);
      let region = formula;
      while (region && !(scrolls(region) && region.tabIndex >= 0)) region = region.parentElement;
      if (!region) found.push(`formula "${formula.textContent.slice(0, 40)}…" is cut at the right edge`);
    }
    return found;
  },

  // Plotly draws a chart only once it is near the viewport: scroll the main area through.
  async showEveryChart() {
    // Only while a chart is not drawn yet: the app's own charts draw on arrival, in or out of sight, so
    // the walk (half a screen each 150 ms, 5 s down a phone's page) is for charts that wait to be seen.
    const undrawn = () => [...document.querySelectorAll('[data-testid="stPlotlyChart"], .chart')]
      .some((chart) => !chart.querySelector('.main-svg'));
    const main = document.querySelector('[data-testid="stMain"]');
    for (let y = 0; y < main.scrollHeight && undrawn(); y += main.clientHeight / 2) {
      main.scrollTo(0, y);
      await new Promise((done) => setTimeout(done, 150));
    }
    main.scrollTo(0, 0);
  },
})
