import {totalOf} from './breakdown';
import {D, ZERO} from './decimal';
import {ShareRow} from './report';
import {shareToPercent} from './tables';

/** Stable colours for the exchanges this project knows; others take the spare palette in order. */
const KNOWN_COLORS: Record<string, string> = {
  upbit: '#1261c4',
  bithumb: '#f37321',
  coinone: '#0ea5a5',
  korbit: '#6d3fc0',
  gopax: '#d4a017',
};
const SPARE_COLORS = ['#2ca02c', '#d62728', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * A self-contained SVG (no scripts, no external files) of daily market share: one 100% stacked
 * bar per KST day, largest exchange at the bottom, percentage labels where they fit, a legend
 * with each exchange's share of the whole period, incomplete days marked with "!", and the
 * estimated part of a segment (an exchange that reports no traded value) hatched.
 * Hovering a segment shows its exact share and KRW value (<title> tooltips).
 */
export function renderDailyShareSvg(
  rows: readonly ShareRow[],
  title = 'Daily KRW trading-value share (KST days)'
): string {
  const days = [...new Set(rows.map((r) => r.period))].sort();
  const totals = new Map<string, InstanceType<typeof D>>();
  for (const r of rows)
    totals.set(r.exchange, (totals.get(r.exchange) ?? ZERO).plus(totalOf(r.value)));
  const exchanges = [...totals.keys()].sort(
    (a, b) => totals.get(b)!.comparedTo(totals.get(a)!) || (a < b ? -1 : 1)
  );
  const grand = [...totals.values()].reduce((a, v) => a.plus(v), ZERO);
  let spare = 0;
  const color = new Map(
    exchanges.map((e) => [e, KNOWN_COLORS[e] ?? SPARE_COLORS[spare++ % SPARE_COLORS.length]!])
  );

  const left = 56;
  const top = 48;
  const plotH = 360;
  const slot = Math.max(8, Math.min(64, Math.floor(1100 / Math.max(days.length, 1))));
  const plotW = slot * Math.max(days.length, 1);
  const legendW = 220;
  const width = left + plotW + 24 + legendW;
  const height = top + plotH + 110;
  const barW = Math.max(4, Math.floor(slot * 0.8));
  const labelEvery = Math.max(1, Math.ceil(days.length / Math.floor(plotW / 28)));

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<title>${xml(title)}</title>`,
    // Estimated value (Korbit's volume x typical price) is hatched over its part of a bar.
    `<defs><pattern id="estimated" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff" fill-opacity="0.15"/><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern></defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${left}" y="24" font-size="16" font-weight="bold">${xml(title)}</text>`
  );
  for (const pct of [0, 25, 50, 75, 100]) {
    const y = top + plotH - (plotH * pct) / 100;
    out.push(
      `<line x1="${left}" x2="${left + plotW}" y1="${y}" y2="${y}" stroke="#dddddd"/>`,
      `<text x="${left - 6}" y="${y + 4}" text-anchor="end">${pct}%</text>`
    );
  }
  days.forEach((day, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    const dayRows = rows.filter((r) => r.period === day);
    let y = top + plotH;
    for (const exchange of exchanges) {
      const r = dayRows.find((d) => d.exchange === exchange);
      if (!r?.share) continue;
      const h = Number(r.share) * plotH;
      y -= h;
      const pct = shareToPercent(r.share);
      const total = totalOf(r.value);
      const estimatedPart = total.isZero() ? 0 : Number(r.value.estimated.div(total));
      const estimatedNote =
        estimatedPart > 0 ? ` (${(estimatedPart * 100).toFixed(1)}% estimated)` : '';
      out.push(
        `<rect x="${x}" y="${y.toFixed(2)}" width="${barW}" height="${h.toFixed(2)}" fill="${color.get(exchange)}"${r.complete ? '' : ' fill-opacity="0.55"'}>` +
          `<title>${xml(`${day} ${exchange}: ${pct}% of ₩${total.toFixed(0)}${estimatedNote}${r.complete ? '' : ' (incomplete day)'}`)}</title></rect>`
      );
      if (estimatedPart > 0) {
        const eh = h * estimatedPart;
        out.push(
          `<rect class="estimated" x="${x}" y="${y.toFixed(2)}" width="${barW}" height="${eh.toFixed(2)}" fill="url(#estimated)" stroke="#333333" stroke-width="0.5"/>`
        );
      }
      if (h >= 14 && barW >= 30) {
        out.push(
          `<text x="${x + barW / 2}" y="${(y + h / 2 + 4).toFixed(2)}" text-anchor="middle" fill="#ffffff" font-size="10">${Number(pct).toFixed(1)}%</text>`
        );
      }
    }
    if (dayRows.some((r) => !r.complete)) {
      out.push(
        `<text x="${x + barW / 2}" y="${top - 4}" text-anchor="middle" fill="#c00000" font-weight="bold">!</text>`
      );
    }
    if (i % labelEvery === 0) {
      const lx = x + barW / 2;
      const ly = top + plotH + 14;
      out.push(
        `<text x="${lx}" y="${ly}" text-anchor="end" transform="rotate(-45 ${lx} ${ly})">${day}</text>`
      );
    }
  });
  out.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="#333333"/>`);
  const lx = left + plotW + 24;
  out.push(`<text x="${lx}" y="${top}" font-weight="bold">Exchange (share of period)</text>`);
  exchanges.forEach((exchange, i) => {
    const ly = top + 16 + i * 20;
    const share = grand.isZero()
      ? ''
      : ` ${totals.get(exchange)!.div(grand).times(100).toFixed(2)}%`;
    out.push(
      `<rect x="${lx}" y="${ly}" width="12" height="12" fill="${color.get(exchange)}"/>`,
      `<text x="${lx + 18}" y="${ly + 11}">${xml(exchange)}${share}</text>`
    );
  });
  const noteY = top + 16 + exchanges.length * 20 + 16;
  out.push(
    `<text x="${lx}" y="${noteY}" fill="#c00000">! incomplete day (missing hours,</text>`,
    `<text x="${lx}" y="${noteY + 14}" fill="#c00000">exchange or excluded candles)</text>`,
    `<rect x="${lx}" y="${noteY + 26}" width="12" height="12" fill="#777777"/>`,
    `<rect x="${lx}" y="${noteY + 26}" width="12" height="12" fill="url(#estimated)" stroke="#333333" stroke-width="0.5"/>`,
    `<text x="${lx + 18}" y="${noteY + 37}">hatched: estimated value</text>`,
    `</svg>`
  );
  return out.join('\n') + '\n';
}
