// What `npm start` prints once it is up, as one block a person finds at a
// glance: where to pay, where to log in, the Vipps simulator and its keys,
// where stations connect, and the charger feeds.
// Printed after start-up, so no log line written while starting hides it.
export interface DemoBannerFacts {
  version: string;
  publicUrl: string;
  landingUrls: string[];
  consoleLogin?: { email: string; password: string };
  vipps?: { url: string; merchants: Array<{ clientId: string; clientSecret: string; subscriptionKey: string; msn: string }> };
  logLevel: string;
  // The charger feeds: OCPI's versions endpoint (partners connect there) and the open DATEX II publications.
  feeds: { ocpiVersions: string; datex2: string[] };
}

export function demoBanner(f: DemoBannerFacts): string {
  const rule = '─'.repeat(72);
  const row = (label: string, text: string) => `  ${label.padEnd(18)}${text}`;
  const lines = [
    rule,
    `  Ladepay ${f.version} demo is running`,
    '',
    row('Pay and charge:', f.landingUrls[0] ?? '(no demo stations)'),
    ...f.landingUrls.slice(1).map((u) => row('', u)),
    row('Console:', `${f.publicUrl}/console`),
    row('', f.consoleLogin ? `log in as ${f.consoleLogin.email} / ${f.consoleLogin.password}` : 'log in with your own operator (admin create)'),
  ];
  if (f.vipps) {
    lines.push(row('Vipps simulator:', `${f.vipps.url}  (its phone page opens when you pay)`));
    for (const m of f.vipps.merchants) lines.push(row('', `MSN ${m.msn}  client_id ${m.clientId}  client_secret ${m.clientSecret}  subscription key ${m.subscriptionKey}`));
  }
  lines.push(
    row('Stations (OCPP):', `${f.publicUrl.replace(/^http/, 'ws')}/ocpp/{stationId}`),
    row('OCPI 2.2.1:', `${f.feeds.ocpiVersions}  (partners connect here with a token: docs/ocpi.md)`),
    ...f.feeds.datex2.map((u, i) => row(i === 0 ? 'DATEX II:' : '', u)),
    row('Health:', `${f.publicUrl}/health`),
    '',
    `  Logs below: ${f.logLevel === 'silent' ? 'none (LOG_LEVEL=silent)' : `${f.logLevel} and above (LOG_LEVEL=info shows every request)`}. Ctrl-C stops.`,
    rule,
  );
  return `${lines.join('\n')}\n`;
}
