import type { TariffEntry } from '../usecases/ports/operator-tariffs.ts';

// øre → "4.99" for a terminal line (the console formats for people in Norway;
// a command's output is read in logs and scripts too).
function kroner(ore: number): string {
  return (ore / 100).toFixed(2);
}

// Which price a newly added station's connectors get: the site's own tariff in
// force, else the operator-wide one. With neither, drivers are refused at the
// landing page, so the command says so and how to add one.
export function tariffNotice(siteId: string, tariff: TariffEntry | undefined): string {
  if (!tariff) {
    return (
      `No tariff: site ${siteId} has none and there is no operator-wide one, so drivers cannot pay at this station yet.\n` +
      `  Add one in the console (/console/tariffs, "New tariff") or with POST /api/v1/tariffs; \`npm start\` adds a demo one.\n`
    );
  }
  const t = tariff.tariff;
  const parts = [`${kroner(t.perKwhOre)} NOK/kWh`];
  if (t.startFeeOre > 0) parts.push(`start fee ${kroner(t.startFeeOre)} NOK`);
  if (t.perHourOre > 0) parts.push(`${kroner(t.perHourOre)} NOK/hour`);
  if (t.idlePerMinuteOre > 0) parts.push(`idle ${kroner(t.idlePerMinuteOre)} NOK/min after ${t.idleGraceMinutes} min`);
  const scope = tariff.siteId === null ? 'operator-wide' : `site ${siteId}`;
  return `Tariff:     ${tariff.name} (${scope}): ${parts.join(', ')}, VAT included\n`;
}
