import { useQuery } from '@tanstack/react-query';
import type { StaffDirectoryEntry, StaffRole } from '@ordercare/contracts';
import { api } from '../api/client';
import { useMe } from './session';

async function fetchStaff(): Promise<StaffDirectoryEntry[]> {
  return (await api.get<{ data: StaffDirectoryEntry[] }>('/api/v1/staff')).data;
}

/** Staff members (id, name, role) for account-manager pickers and "by" columns; every role may read it. */
export function useStaffUsers() {
  const { data: session } = useMe();
  const query = useQuery({ queryKey: ['staff'], queryFn: fetchStaff, enabled: Boolean(session), staleTime: 5 * 60_000 });
  const users = query.data ?? [];
  return {
    available: Boolean(session),
    users,
    /** Name of a staff member, or the id when unknown. */
    nameOf(id: string | null | undefined): string | null {
      if (!id) return null;
      return users.find((user) => user.id === id)?.name ?? id;
    },
  };
}

/** The signed-in staff member's role (`null` while loading). */
export function useStaffRole(): StaffRole | null {
  return useMe().data?.user.role ?? null;
}
