import type { ScreenView } from './screen.ts';

// The station's screen as lines of text, for the CLI.
export function screenText(stationId: string, view: ScreenView, withHistory: boolean): string {
  if (view.option === 'none' && view.now.paymentsInProgress.length === 0) return `${stationId} has no screen (start the CLI with --screen)`;
  const s = view.now;
  const lines = [`${stationId} screen (${view.option})`];
  if (s.defaultPrice?.priceText) lines.push(`  price: ${s.defaultPrice.priceText}`);
  for (const [lang, t] of Object.entries(s.defaultPriceTexts)) if (t.priceText) lines.push(`  price [${lang}]: ${t.priceText}`);
  if (s.userPrice) lines.push(`  your price: ${s.userPrice.priceText}`);
  if (s.runningCost) lines.push(`  cost so far: ${s.runningCost.cost} (transaction ${s.runningCost.transactionId}, meter ${s.runningCost.meterValue ?? '?'} Wh)`);
  if (s.finalCost) lines.push(`  final cost: ${s.finalCost.cost} ${s.finalCost.priceText ?? ''}`, `  QR: ${s.finalCost.qrCodeText ?? '–'}`);
  if (s.tariffFallbackMessage) lines.push(`  tariff fallback: ${s.tariffFallbackMessage}`);
  if (s.totalCostFallbackMessage) lines.push(`  cost fallback: ${s.totalCostFallbackMessage}`);
  if (s.totalCost) lines.push(`  total cost: ${s.totalCost.totalCost} (transaction ${s.totalCost.transactionId})`);
  for (const m of s.messages) {
    const where = `${m.priority}${m.state ? `, ${m.state}` : ''}${m.transactionId ? `, tx ${m.transactionId}` : ''}${m.evseId !== undefined ? `, EVSE ${m.evseId}` : ''}`;
    lines.push(`  message ${m.id} (${where}) ${m.format === 'QRCODE' ? `[QR] ${m.content}` : `${m.format}: ${m.content}`}`);
  }
  for (const p of s.paymentsInProgress) lines.push(`  payment in progress${p.evseId === 0 ? '' : ` on EVSE ${p.evseId}`} until ${p.until}`);
  if (lines.length === 1) lines.push('  (nothing shown)');
  if (withHistory) for (const e of view.history) lines.push(`  ${e.at} ${e.kind} ${JSON.stringify(e.data)}`);
  return lines.join('\n');
}
