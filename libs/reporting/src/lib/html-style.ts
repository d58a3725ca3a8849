// The report's stylesheet, inlined into report.html (no external files, works from disk).
export const REPORT_CSS = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; margin: 24px auto; max-width: 1500px; padding: 0 16px; color: #222; }
h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ccc; }
.banner { background: #fff3cd; border: 1px solid #e0b400; padding: 8px 12px; border-radius: 4px; }
table { border-collapse: collapse; margin: 8px 0; font-size: 12px; }
th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: right; white-space: nowrap; }
th { background: #f3f3f3; text-align: center; }
td.gen, th.model { text-align: left; }
tr.cinn td { color: #666; } tr.cinn td[rowspan] { color: #222; } tr.ratio-start td, tr.ratio-start th { border-top: 2px solid #999; }
tr.no-results td.ours { color: #bbb; }
td.paper { color: #555; background: #fafafa; }
td.win { font-weight: 700; background: #e6f4ea; }
td.d .up { color: #137333; } td.d .down { color: #b3261e; }
td.ours[title] { cursor: help; }
table.prov td, table.detail td { text-align: left; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
figure { margin: 8px 0; } figcaption { font-size: 12px; color: #555; }
img.chart { border: 1px solid #ddd; }
figure.strip-figure { overflow-x: auto; }
img.strip { height: 128px; width: auto; image-rendering: pixelated; border: 1px solid #ddd; display: block; }
img.animation { height: 96px; image-rendering: pixelated; margin-right: 8px; }
.differences li.warning { color: #8a4b00; } .synthesis-stats { font-size: 12px; color: #555; } .synthesis-stats.warning { color: #8a4b00; } .dirty { color: #b3261e; font-weight: 700; }
.missing, .empty { color: #b3261e; } code { font-size: 11px; }
`;
