// One cell of a semicolon-separated sheet (Norwegian Excel uses the comma as
// decimal mark), quoted when needed; a text starting like a formula is
// defused with a quote (CSV injection). Amounts are our own digits and may be
// negative: they are left as they are.
export function csvCell(value: string, amount = false): string {
  const safe = !amount && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

// A sheet as Excel opens it: UTF-8 with a BOM (so it reads "ø"), CRLF lines.
export function csvSheet(rows: ReadonlyArray<readonly string[]>): string {
  return `\uFEFF${rows.map((r) => r.join(';')).join('\r\n')}\r\n`;
}
