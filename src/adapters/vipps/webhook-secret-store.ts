// Where the webhook secret lives between restarts: Vipps shows it only once, at
// registration (docs/vipps-contract.md §14). The database implementation lives
// with storage.
export interface WebhookSecretStore {
  load(url: string): Promise<{ id: string; secret: string } | undefined>;
  save(url: string, reg: { id: string; secret: string }): Promise<void>;
}
