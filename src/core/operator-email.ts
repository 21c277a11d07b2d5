// An operator's email as accounts are known by: "Drift@Example.no " and
// "drift@example.no" are one account.
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
