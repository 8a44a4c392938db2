import { useState } from 'react';
import type { StockLevel } from '@ordercare/contracts';
import { AdjustmentModal, type AdjustTarget } from './AdjustmentModal';
import { ThresholdsModal } from './ThresholdsModal';

/** Row actions shared by the stock, low-stock and product pages. */
export function useStockActions() {
  const [adjusting, setAdjusting] = useState<AdjustTarget | null>(null);
  const [thresholds, setThresholds] = useState<StockLevel | null>(null);
  return {
    adjust: (target: AdjustTarget) => setAdjusting(target),
    onAdjust: (level: StockLevel) => setAdjusting({ sku: level.sku, warehouseId: level.warehouseId, available: level.available }),
    onThresholds: (level: StockLevel) => setThresholds(level),
    modals: (
      <>
        <AdjustmentModal target={adjusting} onClose={() => setAdjusting(null)} />
        <ThresholdsModal level={thresholds} onClose={() => setThresholds(null)} />
      </>
    ),
  };
}

