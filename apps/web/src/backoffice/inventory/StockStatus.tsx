import { Badge } from '@mantine/core';
import type { StockLevel } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';

type Level = Pick<StockLevel, 'belowReorderPoint' | 'belowSafetyStock'>;

/** Colour of the available quantity: red below the reorder point, orange below the safety stock. */
export function stockColor(level: Level): string | undefined {
  if (level.belowReorderPoint) return 'red';
  if (level.belowSafetyStock) return 'orange';
  return undefined;
}

/** "Below reorder point" (red) or "Below safety stock" (orange); nothing when stock is fine. */
export function StockStatus({ level }: { level: Level }) {
  const { t } = useTranslation();
  if (level.belowReorderPoint) {
    return (
      <Badge color="red" variant="light" size="sm" data-testid="stock-below-reorder">
        {t('inventory.belowReorderPoint')}
      </Badge>
    );
  }
  if (level.belowSafetyStock) {
    return (
      <Badge color="orange" variant="light" size="sm" data-testid="stock-below-safety">
        {t('inventory.belowSafetyStock')}
      </Badge>
    );
  }
  return null;
}
