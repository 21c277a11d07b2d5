// Where a driver gets help from the operator: shown on the driver's pages,
// the receipts (the page, the PDF and the one in the Vipps app) and the QR
// stickers. At least one of the three is set; unset altogether, it is left out.
export interface SupportContact {
  phone?: string; // as the operator writes it, with the country code: "+47 22 12 34 56"
  email?: string;
  url?: string;
}
