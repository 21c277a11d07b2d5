// The prices a connector's landing page lists (in English), in øre: the price
// now, and each row of the week's schedule (its periods, then "Other times").

export interface LandingPrices {
  perKwhOre: number;
  startFeeOre: number;
  perHourOre: number;
  idlePerMinuteOre: number;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

// "4,59 kr" → 459 (a no-break space before "kr"; "1 234,50" with one between thousands).
function ore(text: string): number {
  const m = /(\d[\d\u00a0 ]*),(\d\d)/.exec(text);
  if (!m) throw new Error(`no price in "${text}"`);
  return Number((m[1] ?? '').replace(/[\u00a0 ]/g, '')) * 100 + Number(m[2]);
}

function textOf(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/&nbsp;/g, '\u00a0').trim();
}

// "4,59 kr/kWh, start fee 10,00 kr, idle fee 1,00 kr/min"
function fromComponents(text: string): LandingPrices {
  const part = (label: string) => text.split(', ').find((p) => p.toLowerCase().startsWith(label));
  const kwh = text.split(', ')[0] ?? '';
  const start = part('start fee');
  const time = part('time fee');
  const idle = part('idle fee');
  return { perKwhOre: ore(kwh), startFeeOre: start ? ore(start) : 0, perHourOre: time ? ore(time) : 0, idlePerMinuteOre: idle ? ore(idle) : 0 };
}

export function weekdayInOslo(at: Date): number {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', weekday: 'short' }).format(at);
  return WEEKDAYS.indexOf(name) + 1;
}

export async function landingPrices(url: string): Promise<{ now: LandingPrices; schedule: Array<{ period?: { weekday: number; from: string }; prices: LandingPrices }> }> {
  const res = await fetch(url, { headers: { 'accept-language': 'en' } });
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  const html = await res.text();
  const block = /<dl class="prices compact">([\s\S]*?)<\/dl>/.exec(html)?.[1] ?? '';
  const rows = new Map([...block.matchAll(/<dt>([^<]+)<\/dt><dd>([^<]*)<\/dd>/g)].map((m) => [m[1] ?? '', textOf(m[2] ?? '')]));
  const value = (label: string) => {
    const v = rows.get(label);
    if (v === undefined) throw new Error(`${url}: no "${label}" in the price list`);
    return v === 'None' ? 0 : ore(v);
  };
  const now = { perKwhOre: value('Energy'), startFeeOre: value('Start fee'), perHourOre: value('Time fee'), idlePerMinuteOre: value('Idle fee') };
  const scheduleBlock = /<dl class="prices compact schedule"[^>]*>([\s\S]*?)<\/dl>/.exec(html)?.[1];
  if (!scheduleBlock) return { now, schedule: [] };
  const schedule = [...scheduleBlock.matchAll(/<dt>([^<]+)<\/dt><dd>([^<]*)<\/dd>/g)].map((m) => {
    const label = textOf(m[1] ?? '');
    const period = /^(\w{3})\S*\s+(\d\d:\d\d)/.exec(label);
    const prices = fromComponents(textOf(m[2] ?? ''));
    return period ? { period: { weekday: WEEKDAYS.indexOf(period[1] ?? '') + 1, from: period[2] ?? '' }, prices } : { prices };
  });
  return { now, schedule };
}
