// Configuration values arrive as text in both OCPP versions.

export function withSeconds(value: string, apply: (seconds: number) => void): boolean {
  if (!/^\d{1,9}$/.test(value.trim())) return false;
  apply(Number(value.trim()));
  return true;
}

export function withBoolean(value: string, apply: (on: boolean) => void): boolean {
  const v = value.trim().toLowerCase();
  if (v !== 'true' && v !== 'false') return false;
  apply(v === 'true');
  return true;
}
