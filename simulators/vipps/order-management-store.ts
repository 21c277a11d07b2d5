import { randomUUID } from 'node:crypto';

export type OmPaymentType = 'ECOM' | 'RECURRING';

export interface OrderCategory {
  category: string;
  orderDetailsUrl: string;
  imageId?: string | null;
}

export interface StoredImage {
  imageId: string;
  data: Buffer;
  type: 'image/png' | 'image/jpeg';
}

/**
 * Receipts, category links and images per MSN. Nothing checks that a payment exists for an orderId,
 * as in the real API (docs/vipps-contract.md §19).
 */
export class OrderManagementStore {
  private readonly receipts = new Map<string, { id: string; receipt: unknown }>();
  private readonly categories = new Map<string, { id: string; category: OrderCategory }>();
  private readonly images = new Map<string, StoredImage>();

  /** Receipts are added once and never change (docs/vipps-contract.md §19). */
  addReceipt(msn: string, type: OmPaymentType, orderId: string, receipt: unknown): string | 'exists' {
    const key = `${msn}/${type}/${orderId}`;
    if (this.receipts.has(key)) return 'exists';
    const id = randomUUID();
    this.receipts.set(key, { id, receipt: structuredClone(receipt) });
    return id;
  }

  /** Overwrites: only the latest category is shown. */
  putCategory(msn: string, type: OmPaymentType, orderId: string, category: OrderCategory): string {
    const id = randomUUID();
    this.categories.set(`${msn}/${type}/${orderId}`, { id, category: { ...category } });
    return id;
  }

  order(msn: string, type: OmPaymentType, orderId: string): { receipt?: unknown; category?: OrderCategory } | undefined {
    const key = `${msn}/${type}/${orderId}`;
    const receipt = this.receipts.get(key);
    const category = this.categories.get(key);
    if (!receipt && !category) return undefined;
    return {
      ...(category ? { category: { ...category.category } } : {}),
      ...(receipt ? { receipt: structuredClone(receipt.receipt) } : {}),
    };
  }

  /** Images cannot be overwritten. */
  addImage(msn: string, image: StoredImage): boolean {
    const key = `${msn}/${image.imageId}`;
    if (this.images.has(key)) return false;
    this.images.set(key, image);
    return true;
  }

  hasImage(msn: string, imageId: string): boolean {
    return this.images.has(`${msn}/${imageId}`);
  }
}
