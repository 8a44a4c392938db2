import { useEffect } from 'react';
import { usePortalMarkRead, usePortalReply, usePortalThread, type ThreadKey } from './api';

/** A thread, marked read once it is on screen with unread messages, and its reply action. */
export function useThread(key: ThreadKey) {
  const thread = usePortalThread(key);
  const reply = usePortalReply(key);
  const markRead = usePortalMarkRead(key);
  const unread = thread.data?.unread ?? 0;
  const { mutate } = markRead;
  useEffect(() => {
    if (unread > 0) mutate();
  }, [unread, mutate]);
  const send = (body: string, idempotencyKey: string) => reply.mutateAsync({ body: { body }, idempotencyKey });
  return { thread, reply, send };
}
