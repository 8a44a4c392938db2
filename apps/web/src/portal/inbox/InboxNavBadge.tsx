import { Badge } from '@mantine/core';
import { usePortalInbox } from './api';

/** Unread count next to the Inbox nav entry (nothing when all is read). */
export function InboxNavBadge() {
  const unread = usePortalInbox().data?.unread ?? 0;
  if (unread === 0) return null;
  return (
    <Badge color="red" size="sm" circle data-testid="inbox-unread-badge">
      {unread}
    </Badge>
  );
}
