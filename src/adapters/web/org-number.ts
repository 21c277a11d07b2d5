// Bokføringsforskriften § 5-1-1 ff.: a VAT-registered seller's organisation
// number is written with "MVA" after it; nine digits are grouped 3-3-3 as the
// Brønnøysund Register Centre writes them.
export function formatOrgNumber(orgNumber: string): string {
  const digits = orgNumber.replace(/\D/g, '');
  const grouped = digits.length === 9 ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : orgNumber.trim();
  return `${grouped} MVA`;
}
