import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';
import { ConsoleClient } from './console-client.ts';

// The console's station import from an uploaded file over real HTTP: a file
// that is too large or not CSV is refused with a message on the form, and the
// import carries out only the plan the dry run showed.

const ADMIN = { email: 'drift@example.no', password: 'correct-horse-battery' };
let sys: TestSystem;
let client: ConsoleClient;

beforeAll(async () => {
  sys = await startSystem({ dialect: primaryDialect(), env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  client = new ConsoleClient(sys.ladepay.url);
  expect((await client.login(ADMIN.email, ADMIN.password)).status).toBe(303);
});
afterAll(async () => sys?.stop());

const unescape = (t: string) => t.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

function uploadForm(csrf: string, fields: Record<string, string>, file?: { name: string; type: string; body: string | Uint8Array }): FormData {
  const form = new FormData();
  form.append('_csrf', csrf);
  if (file) form.append('file', new Blob([file.body], { type: file.type }), file.name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

describe('uploading a station import file in the console', () => {
  it('refuses a file over 1 MiB with a message, and imports nothing', async () => {
    const csrf = await client.csrf('/console/stations/import');
    const big = `station_id,site_id,connector_no,type,max_power_kw\n${'BIG-1,site,1,CCS,50\n'.repeat(60_000)}`;
    const r = await client.postMultipart('/console/stations/import', uploadForm(csrf, { mode: 'check' }, { name: 'fleet.csv', type: 'text/csv', body: big }));
    expect(r.status).toBe(413);
    expect(r.text).toContain('The file is larger than 1 MiB: split it into smaller files.');
    expect(r.text).toContain('enctype="multipart/form-data"');
    expect((await client.get('/console/stations')).text).not.toContain('BIG-1');
  });

  it('refuses a file that is not CSV, or not UTF-8, or a second file, with a message', async () => {
    const csrf = await client.csrf('/console/stations/import');
    const xlsx = await client.postMultipart('/console/stations/import', uploadForm(csrf, { mode: 'check' }, { name: 'fleet.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: new Uint8Array([0x50, 0x4b, 3, 4]) }));
    expect(xlsx.status).toBe(400);
    expect(xlsx.text).toContain('fleet.xlsx is not a CSV file');
    const latin1 = await client.postMultipart('/console/stations/import', uploadForm(csrf, { mode: 'check' }, { name: 'fleet.csv', type: 'text/csv', body: new Uint8Array([0x73, 0x74, 0xf8, 0x0a]) }));
    expect(latin1.status).toBe(400);
    expect(unescape(latin1.text)).toContain('fleet.csv is not UTF-8 text: in Excel, save it as "CSV UTF-8".');
    const two = uploadForm(csrf, { mode: 'check' }, { name: 'a.csv', type: 'text/csv', body: 'x' });
    two.append('file', new Blob(['y'], { type: 'text/csv' }), 'b.csv');
    const twice = await client.postMultipart('/console/stations/import', two);
    expect(twice.status).toBe(400);
    expect(twice.text).toContain('Upload one file at a time.');
  });

  it('refuses an upload without the session’s CSRF token', async () => {
    const csv = 'station_id,site_id,connector_no,type,max_power_kw\nCSRF-1,site,1,CCS,50\n';
    const r = await client.postMultipart('/console/stations/import', uploadForm('forged', { mode: 'import' }, { name: 'fleet.csv', type: 'text/csv', body: csv }));
    expect(r.status).toBe(403);
    expect((await client.get('/console/stations')).text).not.toContain('CSRF-1');
  });

  it('checks an uploaded file, then imports exactly the checked plan; edited text is shown as a new dry run', async () => {
    const csrf = await client.csrf('/console/stations/import');
    const csv = 'station_id;site_id;name;connector_no;type;max_power_kw\nUP-1;site;Opplastet;1;CCS;50\n';
    const checked = await client.postMultipart('/console/stations/import', uploadForm(csrf, { mode: 'check', csv: '' }, { name: 'fleet.csv', type: 'text/csv', body: `\ufeff${csv}` }));
    expect(checked.status).toBe(200);
    expect(unescape(checked.text)).toContain('create station UP-1 "Opplastet" on site site with connectors #1 CCS 50 kW');
    expect(checked.text).toContain('Checked: <strong>fleet.csv</strong>');
    const shown = /name="shown" value="([^"]+)"/.exec(checked.text)?.[1] ?? '';
    expect(shown).not.toBe('');

    // The text changed after the check (another power): not imported, the new plan shown instead.
    const edited = await client.postMultipart('/console/stations/import', uploadForm(csrf, { mode: 'import', shown, csv: csv.replace('CCS;50', 'CCS;60') }));
    expect(edited.status).toBe(409);
    expect(edited.text).toContain('changed since the check');
    expect((await client.get('/console/stations')).text).not.toContain('UP-1');

    // The checked text, carried in the form from the dry run, is imported.
    const done = await client.postMultipart('/console/stations/import', uploadForm(csrf, { mode: 'import', shown, csv: csv.trim() }));
    expect(done.status).toBe(201);
    expect(done.text).toContain('Imported: 1 change.');
    expect(done.text).toMatch(/data-station="UP-1">[^<]{32,}</);
    expect((await client.get('/console/stations')).text).toContain('UP-1');
  });
});
