import type { Problem } from '@ordercare/contracts';
import { problem, type FieldError } from '../../platform/http/index.js';
import type { InventoryError, ShortLine } from './stock.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function shortMessage(s: ShortLine): string {
  const together = s.lineIndexes.length > 1 ? ` (lines ${s.lineIndexes.join(', ')} together)` : '';
  return `${s.sku}: requested ${s.requested}${together}, available ${s.available}`;
}

/** The one place inventory outcomes become HTTP problems. */
export function inventoryProblem(e: InventoryError): Problem {
  switch (e.code) {
    case 'unknown_sku': {
      const errors: FieldError[] = e.lines.flatMap((l) =>
        l.lineIndexes.length === 0 ? [{ path: 'body.sku', message: `no product has SKU ${l.sku}` }] : l.lineIndexes.map((i) => ({ path: `body.lines.${i}.sku`, message: `no product has SKU ${l.sku}` })),
      );
      return problem(400, 'validation_failed', `Unknown SKU: ${e.lines.map((l) => l.sku).join(', ')}.`, errors);
    }
    case 'unknown_warehouse':
      return problem(400, 'validation_failed', `No warehouse with id ${e.warehouseId}.`, [{ path: 'body.warehouseId', message: 'is not a warehouse id (see GET /api/v1/warehouses)' }]);
    case 'not_tracked':
      return problem(409, 'not_tracked', `Product ${e.sku} does not track inventory (trackInventory is false), so it has no stock to change.`, [{ path: 'body.sku', message: 'does not track inventory' }]);
    case 'invalid_quantity': {
      const path = e.lineIndex === undefined ? 'body.quantity' : `body.lines.${e.lineIndex}.quantity`;
      return problem(400, 'validation_failed', `The quantity is invalid: it ${e.message}.`, [{ path, message: e.message }]);
    }
    case 'insufficient_stock': {
      const errors = e.lines.flatMap((s) => s.lineIndexes.map((i) => ({ path: `lines.${i}`, message: shortMessage(s) })));
      return problem(409, 'insufficient_stock', `Not enough stock, nothing was reserved. ${e.lines.map(shortMessage).join('; ')}.`, errors);
    }
    case 'insufficient_on_hand': {
      if (e.operation === 'ship') {
        return problem(409, 'insufficient_stock', `Cannot ship ${e.requested} of ${e.sku} from ${e.warehouseCode}: only ${e.onHand} on hand; backordered units ship after they are received.`);
      }
      const removable = Math.max(0, e.allowBackorder ? e.onHand : e.onHand - e.reserved);
      const why = e.allowBackorder || e.reserved === 0 ? `${plural(e.onHand, 'unit')} on hand` : `${plural(e.onHand, 'unit')} on hand, ${e.reserved} of them reserved`;
      return problem(409, 'insufficient_stock', `Cannot remove ${e.requested} of ${e.sku} at ${e.warehouseCode}: ${why}, so at most ${removable} can be removed. Nothing was changed.`, [
        { path: 'body.quantity', message: `at most ${removable} can be removed` },
      ]);
    }
    case 'not_reserved':
      return problem(409, 'not_reserved', `More than is reserved: ${e.lines.map((l) => `${l.sku}: requested ${l.requested}, reserved ${l.reserved}`).join('; ')}.`);
    case 'duplicate_warehouse_code':
      return problem(409, 'duplicate_warehouse_code', `Warehouse code ${e.warehouseCode} is already used by warehouse ${e.existingId}.`, [{ path: 'body.code', message: `is already used by warehouse ${e.existingId}` }]);
    default: {
      const never: never = e;
      return never;
    }
  }
}
